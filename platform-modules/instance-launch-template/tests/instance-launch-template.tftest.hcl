mock_provider "aws" {
  source = "../mocks"
}

variables {
  name                 = "allergyhub-dev"
  instance_name        = "allergyhub-dev-app"
  description          = "Application instances of allergyhub-dev"
  ami_id               = "ami-0123456789abcdef0"
  instance_type        = "t3.small"
  instance_profile_arn = "arn:aws:iam::123456789012:instance-profile/allergyhub-dev-instance"
  security_group_ids   = ["sg-0123456789abcdef0"]
  kms_key_arn          = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  tags                 = { Environment = "dev" }
}

run "instances_require_imdsv2_encrypt_and_stay_private" {
  command = apply

  assert {
    condition = (
      aws_launch_template.this.metadata_options[0].http_tokens == "required" &&
      aws_launch_template.this.metadata_options[0].http_put_response_hop_limit == 1 &&
      aws_launch_template.this.metadata_options[0].http_endpoint == "enabled"
    )
    error_message = "Instances require IMDSv2 tokens with one hop."
  }

  assert {
    condition = (
      aws_launch_template.this.block_device_mappings[0].ebs[0].encrypted == "true" &&
      aws_launch_template.this.block_device_mappings[0].ebs[0].kms_key_id == var.kms_key_arn &&
      aws_launch_template.this.block_device_mappings[0].ebs[0].volume_type == "gp3" &&
      aws_launch_template.this.block_device_mappings[0].ebs[0].volume_size == 30
    )
    error_message = "Root volumes are gp3, encrypted with the caller's key."
  }

  assert {
    condition = (
      aws_launch_template.this.network_interfaces[0].associate_public_ip_address == "false" &&
      toset(output.security_group_ids) == toset(var.security_group_ids)
    )
    error_message = "Instances get no public IP and only the caller's security groups."
  }

  assert {
    condition = (
      aws_launch_template.this.monitoring[0].enabled &&
      aws_launch_template.this.iam_instance_profile[0].arn == var.instance_profile_arn
    )
    error_message = "Detailed monitoring is on and instances run as the caller's profile."
  }

  assert {
    condition = (
      aws_launch_template.this.tag_specifications[0].tags["Name"] == "allergyhub-dev-app" &&
      aws_launch_template.this.tag_specifications[1].tags["Name"] == "allergyhub-dev-app" &&
      aws_launch_template.this.tag_specifications[1].tags["Environment"] == "dev"
    )
    error_message = "Instances and their volumes carry the caller's tags and Name."
  }

  assert {
    condition     = aws_launch_template.this.user_data == null && aws_launch_template.this.instance_initiated_shutdown_behavior == null
    error_message = "No boot script unless given; a shutdown stops the instance by default."
  }

  assert {
    condition     = aws_launch_template.this.metadata_options[0].instance_metadata_tags == "disabled"
    error_message = "Tags stay out of the metadata service unless the caller asks."
  }
}

run "one_job_instances_terminate_and_run_their_script" {
  command = apply

  variables {
    user_data              = "#!/bin/bash\necho one job\nshutdown -h now\n"
    shutdown_behavior      = "terminate"
    instance_metadata_tags = true
  }

  assert {
    condition     = base64decode(output.user_data) == var.user_data
    error_message = "The boot script is stored base64-encoded, unchanged."
  }

  assert {
    condition     = aws_launch_template.this.instance_initiated_shutdown_behavior == "terminate"
    error_message = "A shutdown from inside terminates the instance."
  }

  assert {
    condition     = aws_launch_template.this.metadata_options[0].instance_metadata_tags == "enabled"
    error_message = "The caller can let the instance read its tags."
  }
}

run "a_template_without_security_groups_is_refused" {
  command = plan

  variables {
    security_group_ids = []
  }

  expect_failures = [var.security_group_ids]
}

run "a_key_that_is_not_a_kms_arn_is_refused" {
  command = plan

  variables {
    kms_key_arn = "alias/aws/ebs"
  }

  expect_failures = [var.kms_key_arn]
}
