// Placeholder until PlinthProvisioning lands.
enum PlinthProvisioningPlaceholder {}
