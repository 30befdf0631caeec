// Placeholder until PlinthAWS lands.
enum PlinthAWSPlaceholder {}
