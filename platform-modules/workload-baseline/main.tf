data "aws_partition" "current" {}

locals {
  partition   = data.aws_partition.current.partition
  common_tags = merge(var.tags, { Environment = var.environment })
  lb          = var.enable_load_balancer ? 1 : 0
}

# --- Security groups: CloudFront -> load balancer (443) -> instances (app_port) -> database (5432)

resource "aws_security_group" "alb" {
  count = local.lb

  name        = "${var.name}-alb"
  description = "Load balancer of ${var.name}: HTTPS from the allowed sources only"
  vpc_id      = var.vpc_id
  tags        = merge(local.common_tags, { Name = "${var.name}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_from_prefix_list" {
  for_each = var.enable_load_balancer ? toset(var.alb_ingress_prefix_list_ids) : toset([])

  security_group_id = aws_security_group.alb[0].id
  description       = "HTTPS from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = each.key
}

resource "aws_vpc_security_group_ingress_rule" "alb_from_cidr" {
  for_each = var.enable_load_balancer ? toset(var.alb_ingress_cidr_blocks) : toset([])

  security_group_id = aws_security_group.alb[0].id
  description       = "HTTPS from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.key
}

resource "aws_vpc_security_group_egress_rule" "alb_to_app" {
  count = local.lb

  security_group_id            = aws_security_group.alb[0].id
  description                  = "To the application port"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.app.id
}

resource "aws_security_group" "app" {
  # checkov:skip=CKV2_AWS_5: attached to the instances' interface by the instance-launch-template submodule, which checkov's graph does not follow
  name        = "${var.name}-app"
  description = "Application instances of ${var.name}: the app port from the load balancer and allowed ranges"
  vpc_id      = var.vpc_id
  tags        = merge(local.common_tags, { Name = "${var.name}-app" })
}

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  count = local.lb

  security_group_id            = aws_security_group.app.id
  description                  = "Application port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.alb[0].id
}

resource "aws_vpc_security_group_ingress_rule" "app_from_cidr" {
  for_each = toset(var.app_ingress_cidr_blocks)

  security_group_id = aws_security_group.app.id
  description       = "Application port from ${each.key}"
  ip_protocol       = "tcp"
  from_port         = var.app_port
  to_port           = var.app_port
  cidr_ipv4         = each.key
}

# Instances reach AWS APIs (interface endpoints) and the outside (central egress) over HTTPS only.
resource "aws_vpc_security_group_egress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to AWS endpoints and central egress"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "app_to_db" {
  security_group_id            = aws_security_group.app.id
  description                  = "PostgreSQL"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.db.id
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "PostgreSQL of ${var.name}: 5432 from the application instances only"
  vpc_id      = var.vpc_id
  tags        = merge(local.common_tags, { Name = "${var.name}-db" })
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the application instances"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.app.id
}
