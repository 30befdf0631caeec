data "aws_caller_identity" "current" {}

# The aggregator reads the organization's account list and every account's Config data through
# this role; the account must be the organization's delegated administrator for Config.
resource "aws_iam_role" "this" {
  name = "${var.name}-config-aggregator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
  tags = var.tags
}

# What AWS's managed AWSConfigRoleForOrganizations grants, spelled out: the aggregator only reads
# the organization's shape.
resource "aws_iam_role_policy" "this" {
  name = "read-organization"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "organizations:DescribeOrganization",
        "organizations:ListAWSServiceAccessForOrganization",
        "organizations:ListAccounts",
        "organizations:ListDelegatedAdministrators",
      ]
      Resource = "*"
    }]
  })
}

resource "aws_config_configuration_aggregator" "this" {
  name = var.name

  organization_aggregation_source {
    # Every region, not only the platform's: a resource that slips past the region guardrail
    # still shows up here.
    all_regions = true
    role_arn    = aws_iam_role.this.arn
  }

  tags       = var.tags
  depends_on = [aws_iam_role_policy.this]
}
