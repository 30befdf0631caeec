output "detector_id" {
  description = "The administrator's detector in this region."
  value       = aws_guardduty_detector.this.id
}

output "auto_enable_organization_members" {
  description = "How members are enrolled (ALL), or null when the organization configuration is off."
  value       = one(aws_guardduty_organization_configuration.this[*].auto_enable_organization_members)
}
