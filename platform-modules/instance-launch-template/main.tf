# One hardened launch template: what every EC2 instance of the platform gets whatever it runs.

resource "aws_launch_template" "this" {
  name_prefix            = "${var.name}-"
  description            = var.description
  image_id               = var.ami_id
  instance_type          = var.instance_type
  update_default_version = true
  ebs_optimized          = true
  user_data              = var.user_data == "" ? null : base64encode(var.user_data)
  # null keeps the EC2 default (stop), so templates made before this module plan no change.
  instance_initiated_shutdown_behavior = var.shutdown_behavior == "terminate" ? "terminate" : null

  iam_instance_profile {
    arn = var.instance_profile_arn
  }

  # IMDSv2 only (the require-imdsv2 SCP denies anything else), one hop: containers on the instance
  # cannot reach its credentials.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = var.instance_metadata_tags ? "enabled" : "disabled"
  }

  network_interfaces {
    associate_public_ip_address = false
    delete_on_termination       = true
    security_groups             = var.security_group_ids
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_type           = "gp3"
      volume_size           = var.root_volume_size_gb
      encrypted             = true
      kms_key_id            = var.kms_key_arn
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = var.instance_name })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(var.tags, { Name = var.instance_name })
  }

  tags = var.tags
}
