# GuardDuty for the whole organization in one region, run from the delegated administrator (the
# audit account): its own detector, and every member account enrolled with the same protections.
resource "aws_guardduty_detector" "this" {
  enable                       = true
  finding_publishing_frequency = var.finding_publishing_frequency
  tags                         = var.tags
}

resource "aws_guardduty_detector_feature" "this" {
  for_each = var.enable_protections ? toset(var.protections) : toset([])

  detector_id = aws_guardduty_detector.this.id
  name        = each.key
  status      = "ENABLED"
}

resource "aws_guardduty_organization_configuration" "this" {
  count = var.enable_organization_configuration ? 1 : 0

  detector_id = aws_guardduty_detector.this.id
  # ALL: existing members are enrolled too, not only accounts that join later.
  auto_enable_organization_members = "ALL"
}

resource "aws_guardduty_organization_configuration_feature" "this" {
  for_each = var.enable_organization_configuration && var.enable_protections ? toset(var.protections) : toset([])

  detector_id = aws_guardduty_detector.this.id
  name        = each.key
  auto_enable = "ALL"

  depends_on = [aws_guardduty_organization_configuration.this]
}
