mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_accessanalyzer_analyzer" {
    defaults = { arn = "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/allergyhub-organization" }
  }
}

variables {
  name = "allergyhub-organization"
}

run "the_organization_is_the_zone_of_trust" {
  command = apply

  assert {
    condition = (
      aws_accessanalyzer_analyzer.this[0].type == "ORGANIZATION" && aws_accessanalyzer_analyzer.this[0].analyzer_name == "allergyhub-organization" &&
      output.analyzer_arn == "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/allergyhub-organization"
    )
    error_message = "one analyzer whose zone of trust is the whole organization"
  }
}

run "switched_off_on_the_local_target" {
  command = plan

  variables {
    enable_analyzer = false
  }

  assert {
    condition     = length(aws_accessanalyzer_analyzer.this) == 0 && output.analyzer_arn == null
    error_message = "no analyzer when switched off"
  }
}

run "rejects_a_bad_name" {
  command = plan

  variables {
    name = "1 analyzer"
  }

  expect_failures = [var.name]
}
