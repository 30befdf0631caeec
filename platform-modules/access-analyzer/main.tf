# IAM Access Analyzer with the organization as its zone of trust, in the delegated administrator
# (the audit account): any resource policy that grants access to a principal outside the
# organization becomes a finding. Analyzers are regional; call the module once per region.
resource "aws_accessanalyzer_analyzer" "this" {
  count = var.enable_analyzer ? 1 : 0

  analyzer_name = var.name
  type          = "ORGANIZATION"
  tags          = var.tags
}
