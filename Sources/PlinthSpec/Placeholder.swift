enum PlinthSpecPlaceholder {}
