mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_launch_template" {
    defaults = { id = "lt-0123456789abcdef0", latest_version = 1, arn = "arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0123456789abcdef0" }
  }
  mock_resource "aws_iam_instance_profile" {
    defaults = { arn = "arn:aws:iam::123456789012:instance-profile/allergyhub-runners-instance" }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:github/runner-registration-AbCdEf" }
  }
  mock_resource "aws_iam_service_linked_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling" }
  }
  mock_resource "aws_security_group" {
    defaults = { id = "sg-0123456789abcdef0" }
  }
}

variables {
  name                     = "allergyhub-runners"
  vpc_id                   = "vpc-0123456789abcdef0"
  subnet_ids               = ["subnet-00000000000000011", "subnet-00000000000000012", "subnet-00000000000000013"]
  ami_id                   = "ami-0123456789abcdef0"
  instance_type            = "t3.large"
  min_size                 = 1
  max_size                 = 4
  github_organization      = "allergyhub"
  labels                   = ["self-hosted", "linux", "x64", "plinth"]
  registration_secret_name = "github/runner-registration"
}

run "group_launches_the_hardened_template" {
  command = apply

  assert {
    condition = (
      aws_autoscaling_group.runners.min_size == 1 && aws_autoscaling_group.runners.max_size == 4 &&
      aws_autoscaling_group.runners.desired_capacity == 1 &&
      toset(aws_autoscaling_group.runners.vpc_zone_identifier) == toset(var.subnet_ids) &&
      aws_autoscaling_group.runners.launch_template[0].id == module.launch_template.id
    )
    error_message = "The group spans the hub's private subnets with the pool's sizes."
  }
}

run "user_data_registers_one_ephemeral_runner" {
  command = apply

  assert {
    condition = alltrue([
      for fragment in [
        "--ephemeral",
        "--labels \"self-hosted,linux,x64,plinth\"",
        "--url \"https://github.com/allergyhub\"",
        "--secret-id \"${aws_secretsmanager_secret.registration.arn}\"",
        "orgs/allergyhub/actions/runners/registration-token",
        "actions-runner-linux-x64-2.319.0.tar.gz",
        "sha256sum --check",
        "trap 'shutdown -h now' EXIT",
        "--uid-owner runner -j REJECT",
      ] : strcontains(base64decode(module.launch_template.user_data), fragment)
    ])
    error_message = "The user data fetches the secret, registers one ephemeral runner with the labels, checks the download, blocks the job from the metadata service and powers off."
  }
}

run "instance_role_reads_only_the_registration_secret" {
  command = apply

  assert {
    condition = (
      length(jsondecode(aws_iam_role_policy.read_registration_secret.policy).Statement) == 2 &&
      jsondecode(aws_iam_role_policy.read_registration_secret.policy).Statement[0].Action == "secretsmanager:GetSecretValue" &&
      jsondecode(aws_iam_role_policy.read_registration_secret.policy).Statement[0].Resource == aws_secretsmanager_secret.registration.arn &&
      jsondecode(aws_iam_role_policy.read_registration_secret.policy).Statement[1].Action == "kms:Decrypt" &&
      jsondecode(aws_iam_role_policy.read_registration_secret.policy).Statement[1].Resource == aws_kms_key.this.arn &&
      jsondecode(aws_iam_role_policy.read_registration_secret.policy).Statement[1].Condition.StringEquals["kms:ViaService"] == "secretsmanager.us-east-1.amazonaws.com"
    )
    error_message = "The instance role may read the one secret and decrypt it through Secrets Manager only."
  }

  assert {
    condition = (
      aws_secretsmanager_secret.registration.name == "github/runner-registration" &&
      aws_secretsmanager_secret.registration.kms_key_id == aws_kms_key.this.arn
    )
    error_message = "The registration secret has the spec's name and the module's key."
  }

  assert {
    condition = contains(
      [for s in jsondecode(aws_kms_key.this.policy).Statement : s.Principal.AWS if s.Sid == "AutoScalingEncryptsRunnerVolumes"],
      aws_iam_service_linked_role.autoscaling[0].arn
    )
    error_message = "EC2 Auto Scaling may use the key for the volumes it launches."
  }
}

run "security_group_has_no_ingress_and_https_egress_only" {
  command = apply

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.https.from_port == 443 && aws_vpc_security_group_egress_rule.https.to_port == 443 &&
      aws_vpc_security_group_egress_rule.https.ip_protocol == "tcp" &&
      toset(module.launch_template.security_group_ids) == toset([aws_security_group.runner.id])
    )
    error_message = "Runners send HTTPS only, through their own group."
  }
}

run "existing_service_linked_role_is_named_not_created" {
  command = apply

  variables {
    create_autoscaling_service_linked_role = false
  }

  assert {
    condition = (
      length(aws_iam_service_linked_role.autoscaling) == 0 &&
      contains(
        [for s in jsondecode(aws_kms_key.this.policy).Statement : s.Principal.AWS if s.Sid == "AutoScalingEncryptsRunnerVolumes"],
        "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
      )
    )
    error_message = "With the role already in the account, the key policy names it by its fixed ARN."
  }
}

run "a_pool_smaller_than_its_minimum_is_refused" {
  command = plan

  variables {
    min_size = 3
    max_size = 2
  }

  expect_failures = [var.max_size]
}

run "a_label_with_a_comma_is_refused" {
  command = plan

  variables {
    labels = ["self-hosted", "linux,x64"]
  }

  expect_failures = [var.labels]
}
