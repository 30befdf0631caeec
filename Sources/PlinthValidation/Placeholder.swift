enum PlinthValidationPlaceholder {}
