terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
      # aws.dr is the disaster-recovery region (us-west-2): it accepts the inter-region TGW peering.
      # Callers with no peering still pass it (aws.dr = aws).
      configuration_aliases = [aws.dr]
    }
  }
}
