resource "aws_lb" "this" {
  # checkov:skip=CKV_AWS_150: deletion protection follows the environment (alb_deletion_protection): on in staging and prod; dev is disposable and rebuilt from code
  # checkov:skip=CKV2_AWS_28: the WAF web ACL sits on the CloudFront distribution in front (edge module), and the load balancer accepts only CloudFront's origin-facing ranges
  count = local.lb

  name                       = "${var.name}-alb"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb[0].id]
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "strictest"
  enable_deletion_protection = var.alb_deletion_protection
  enable_http2               = true

  access_logs {
    enabled = true
    bucket  = local.alb_access_logs_bucket
    prefix  = local.alb_logs_prefix
  }

  tags = merge(local.common_tags, { Name = "${var.name}-alb" })

  # ELB checks that it can write to the bucket when logging is turned on.
  depends_on = [module.alb_logs_bucket]
}

resource "aws_lb_target_group" "app" {
  # checkov:skip=CKV_AWS_378: TLS ends at the load balancer; the hop to the targets stays on the private tier, where security groups admit only the load balancer
  count = local.lb

  name                 = "${var.name}-app"
  port                 = var.app_port
  protocol             = "HTTP"
  vpc_id               = var.vpc_id
  target_type          = "instance"
  deregistration_delay = 30

  health_check {
    enabled             = true
    path                = var.health_check_path
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200-399"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = local.common_tags
}

resource "aws_lb_listener" "https" {
  count = local.lb

  load_balancer_arn = aws_lb.this[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app[0].arn
  }

  tags = local.common_tags
}
