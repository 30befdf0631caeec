data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  region      = data.aws_region.current.name
  common_tags = merge(var.tags, { Service = "github-runners" })

  autoscaling_role_arn = (
    var.create_autoscaling_service_linked_role
    ? aws_iam_service_linked_role.autoscaling[0].arn
    : "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
  )
}

# --- Key: the runners' root volumes and the registration secret

# EC2 Auto Scaling launches the instances in its own name, so its service-linked role must be able to
# use the key for the encrypted volumes; the key policy names it, so it has to exist first.
resource "aws_iam_service_linked_role" "autoscaling" {
  count = var.create_autoscaling_service_linked_role ? 1 : 0

  aws_service_name = "autoscaling.amazonaws.com"
  description      = "EC2 Auto Scaling, launching ${var.name}"
}

module "key_policy" {
  source = "../kms-key-policy"

  account_id = local.account_id
  partition  = local.partition
  statements = [
    {
      Sid       = "AutoScalingEncryptsRunnerVolumes"
      Effect    = "Allow"
      Principal = { AWS = local.autoscaling_role_arn }
      Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
      Resource  = "*"
    },
    {
      Sid       = "AutoScalingGrantsToEC2ForAttachedVolumes"
      Effect    = "Allow"
      Principal = { AWS = local.autoscaling_role_arn }
      Action    = "kms:CreateGrant"
      Resource  = "*"
      Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
    },
  ]
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: runner root volumes and the registration secret"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_deletion_window_days
  policy                  = module.key_policy.json
  tags                    = local.common_tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

# --- The registration secret: created empty, its value is stored by an operator, never by Terraform

resource "aws_secretsmanager_secret" "registration" {
  # checkov:skip=CKV2_AWS_57: the value is a GitHub token issued and revoked at GitHub by an operator; a rotation Lambda cannot mint one
  name                    = var.registration_secret_name
  description             = "GitHub token of ${var.github_organization} allowed only to manage self-hosted runners; ${var.name} exchanges it at boot for a registration token"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = local.common_tags
}

# --- Instance role: reads the registration secret and decrypts it through Secrets Manager, nothing else

resource "aws_iam_role" "runner" {
  name = "${var.name}-instance"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
  tags = local.common_tags
}

resource "aws_iam_role_policy" "read_registration_secret" {
  name = "read-registration-secret"
  role = aws_iam_role.runner.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadTheRegistrationSecret"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = aws_secretsmanager_secret.registration.arn
      },
      {
        Sid      = "DecryptItThroughSecretsManager"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = aws_kms_key.this.arn
        Condition = {
          StringEquals = { "kms:ViaService" = "secretsmanager.${local.region}.amazonaws.com" }
        }
      },
    ]
  })
}

resource "aws_iam_instance_profile" "runner" {
  name = "${var.name}-instance"
  role = aws_iam_role.runner.name
  tags = local.common_tags
}

# --- Network: no ingress at all, HTTPS out (GitHub through central egress, AWS through endpoints)

resource "aws_security_group" "runner" {
  # checkov:skip=CKV2_AWS_5: attached to the instances' interface by the instance-launch-template submodule, which checkov's graph does not follow
  name        = "${var.name}-runner"
  description = "GitHub runners of ${var.name}: no ingress, HTTPS out only"
  vpc_id      = var.vpc_id
  tags        = merge(local.common_tags, { Name = "${var.name}-runner" })
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.runner.id
  description       = "HTTPS to GitHub (central egress) and AWS interface endpoints"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# --- Launch template and group: each instance runs one job and terminates

module "launch_template" {
  source = "../instance-launch-template"

  name                 = var.name
  instance_name        = "${var.name}-runner"
  description          = "Ephemeral GitHub runners of ${var.name}: one job each"
  ami_id               = var.ami_id
  instance_type        = var.instance_type
  instance_profile_arn = aws_iam_instance_profile.runner.arn
  security_group_ids   = [aws_security_group.runner.id]
  root_volume_size_gb  = var.root_volume_size_gb
  kms_key_arn          = aws_kms_key.this.arn
  # The runner shuts the instance down after its job; shutting down terminates it.
  shutdown_behavior = "terminate"
  # Jobs run untrusted code: they get no view of the instance's tags.
  instance_metadata_tags = false
  user_data = templatefile("${path.module}/runner.sh.tftpl", {
    region         = local.region
    secret_id      = aws_secretsmanager_secret.registration.arn
    organization   = var.github_organization
    labels         = join(",", var.labels)
    runner_version = var.runner_version
    runner_sha256  = var.runner_sha256
  })
  tags = local.common_tags
}

moved {
  from = aws_launch_template.runner
  to   = module.launch_template.aws_launch_template.this
}

resource "aws_autoscaling_group" "runners" {
  name                      = "${var.name}-runners"
  vpc_zone_identifier       = var.subnet_ids
  min_size                  = var.min_size
  max_size                  = var.max_size
  desired_capacity          = var.min_size
  health_check_type         = "EC2"
  health_check_grace_period = 300

  launch_template {
    id      = module.launch_template.id
    version = module.launch_template.latest_version
  }

  dynamic "tag" {
    for_each = merge(local.common_tags, { Name = "${var.name}-runner" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    # Whatever scales the pool for queued jobs sets the desired count; Terraform keeps the bounds.
    ignore_changes = [desired_capacity]
  }
}
