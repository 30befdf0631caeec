enum PlinthAddressingPlaceholder {}
