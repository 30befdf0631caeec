# AWS Config in one account and region. A recorder is regional and an account holds one per
# region; the service-linked role is global, so the first region's call creates it and the
# others pass its ARN in.
resource "aws_iam_service_linked_role" "config" {
  count            = var.create_service_linked_role ? 1 : 0
  aws_service_name = "config.amazonaws.com"
}

locals {
  role_arn = var.create_service_linked_role ? aws_iam_service_linked_role.config[0].arn : var.role_arn
}

resource "aws_config_configuration_recorder" "this" {
  # checkov:skip=CKV2_AWS_48: every supported resource type is recorded; global ones (IAM) only in the one region per account that sets include_global_resource_types, as AWS advises, so they are not recorded and billed once per region
  name     = var.name
  role_arn = local.role_arn

  recording_group {
    all_supported = true
    # IAM and other global resources are recorded once, in the region that records them.
    include_global_resource_types = var.include_global_resource_types
  }
}

resource "aws_config_delivery_channel" "this" {
  name           = var.name
  s3_bucket_name = var.s3_bucket_name
  s3_key_prefix  = var.s3_key_prefix
  s3_kms_key_arn = var.kms_key_arn

  snapshot_delivery_properties {
    delivery_frequency = var.snapshot_delivery_frequency
  }

  depends_on = [aws_config_configuration_recorder.this]
}

resource "aws_config_configuration_recorder_status" "this" {
  name       = aws_config_configuration_recorder.this.name
  is_enabled = true

  depends_on = [aws_config_delivery_channel.this]
}
