output "analyzer_arn" {
  description = "ARN of the organization's analyzer in this region; null when it is switched off."
  value       = one(aws_accessanalyzer_analyzer.this[*].arn)
}
