resource "aws_iam_role" "instance" {
  name = "${var.name}-instance"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.common_tags
}

# Session Manager access instead of SSH, the CloudWatch agent, and whatever the caller adds (its
# secrets reader policy).
resource "aws_iam_role_policy_attachment" "instance" {
  for_each = {
    ssm        = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
    cloudwatch = "arn:${local.partition}:iam::aws:policy/CloudWatchAgentServerPolicy"
  }

  role       = aws_iam_role.instance.name
  policy_arn = each.value
}

# count rather than for_each: the ARNs may only be known after apply (a policy made in the same stack).
resource "aws_iam_role_policy_attachment" "extra" {
  count = length(var.instance_policy_arns)

  role       = aws_iam_role.instance.name
  policy_arn = var.instance_policy_arns[count.index]
}

resource "aws_iam_instance_profile" "instance" {
  name = "${var.name}-instance"
  role = aws_iam_role.instance.name
  tags = local.common_tags
}

module "launch_template" {
  source = "../instance-launch-template"

  name                 = var.name
  instance_name        = "${var.name}-app"
  description          = "Application instances of ${var.name}"
  ami_id               = var.ami_id
  instance_type        = var.instance_type
  instance_profile_arn = aws_iam_instance_profile.instance.arn
  security_group_ids   = [aws_security_group.app.id]
  root_volume_size_gb  = var.root_volume_size_gb
  kms_key_arn          = var.kms_key_arn
  user_data            = var.user_data
  # As before the module: the instance may read its own tags (Environment, Stack) from the metadata service.
  instance_metadata_tags = true
  tags                   = local.common_tags
}

moved {
  from = aws_launch_template.app
  to   = module.launch_template.aws_launch_template.this
}

resource "aws_autoscaling_group" "app" {
  name                      = "${var.name}-app"
  vpc_zone_identifier       = var.private_subnet_ids
  min_size                  = var.min_size
  max_size                  = var.max_size
  desired_capacity          = var.desired_capacity
  target_group_arns         = aws_lb_target_group.app[*].arn
  health_check_type         = var.enable_load_balancer ? "ELB" : "EC2"
  health_check_grace_period = 120
  capacity_rebalance        = var.spot

  dynamic "launch_template" {
    for_each = var.spot ? [] : [1]
    content {
      id      = module.launch_template.id
      version = module.launch_template.latest_version
    }
  }

  # Spot: all capacity from the cheapest deep pools of the listed types.
  dynamic "mixed_instances_policy" {
    for_each = var.spot ? [1] : []
    content {
      instances_distribution {
        on_demand_base_capacity                  = 0
        on_demand_percentage_above_base_capacity = 0
        spot_allocation_strategy                 = "price-capacity-optimized"
      }
      launch_template {
        launch_template_specification {
          launch_template_id = module.launch_template.id
          version            = module.launch_template.latest_version
        }
        dynamic "override" {
          for_each = distinct(concat([var.instance_type], var.spot_instance_types))
          content {
            instance_type = override.value
          }
        }
      }
    }
  }

  dynamic "instance_refresh" {
    for_each = var.enable_instance_refresh ? [1] : []
    content {
      strategy = "Rolling"
      preferences {
        min_healthy_percentage = 90
      }
    }
  }

  dynamic "tag" {
    for_each = merge(local.common_tags, { Name = "${var.name}-app" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
