mock_provider "aws" {
  source = "../mocks"
}

variables {
  name = "allergyhub-organization"
}

run "aggregates_every_account_and_region_of_the_organization" {
  command = apply

  assert {
    condition = (
      aws_config_configuration_aggregator.this.organization_aggregation_source[0].all_regions &&
      aws_config_configuration_aggregator.this.organization_aggregation_source[0].role_arn == aws_iam_role.this.arn &&
      length(aws_config_configuration_aggregator.this.account_aggregation_source) == 0
    )
    error_message = "the aggregator reads the whole organization in every region through its role"
  }

  assert {
    condition = (
      jsondecode(aws_iam_role_policy.this.policy).Statement[0].Action == [
        "organizations:DescribeOrganization", "organizations:ListAWSServiceAccessForOrganization",
        "organizations:ListAccounts", "organizations:ListDelegatedAdministrators",
      ] &&
      jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.Service == "config.amazonaws.com" &&
      jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012" &&
      aws_iam_role.this.name == "allergyhub-organization-config-aggregator"
    )
    error_message = "only AWS Config, acting for this account, assumes the role, which may only read the organization"
  }
}

run "rejects_a_bad_name" {
  command = plan

  variables {
    name = "Org Aggregator"
  }

  expect_failures = [var.name]
}
