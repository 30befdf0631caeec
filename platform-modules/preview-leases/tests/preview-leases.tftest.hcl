mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:us-east-1:123456789012:table/allergyhub-preview-leases" }
  }
}

variables {
  name       = "allergyhub"
  table_name = "allergyhub-preview-leases"
  tags       = { Owner = "platform-team" }
}

run "table_is_keyed_by_pk_with_pitr_and_cmk" {
  command = apply

  assert {
    condition     = aws_dynamodb_table.leases.hash_key == "pk" && aws_dynamodb_table.leases.billing_mode == "PAY_PER_REQUEST"
    error_message = "the lease table is on-demand and keyed by the string pk"
  }

  assert {
    condition     = aws_dynamodb_table.leases.point_in_time_recovery[0].enabled
    error_message = "point-in-time recovery is on"
  }

  assert {
    condition = (
      aws_dynamodb_table.leases.server_side_encryption[0].enabled &&
      aws_dynamodb_table.leases.server_side_encryption[0].kms_key_arn == aws_kms_key.leases.arn &&
      aws_kms_key.leases.enable_key_rotation
    )
    error_message = "the table is encrypted with the module's rotating CMK"
  }

  assert {
    condition     = aws_dynamodb_table.leases.deletion_protection_enabled && aws_dynamodb_table.leases.tags["Owner"] == "platform-team"
    error_message = "deletion protection is on by default and tags pass through"
  }

  assert {
    condition     = aws_kms_alias.leases.name == "alias/allergyhub-preview-leases"
    error_message = "the key alias is named after the platform"
  }
}

run "force_destroy_turns_off_deletion_protection" {
  command = apply

  variables {
    force_destroy = true
  }

  assert {
    condition     = !aws_dynamodb_table.leases.deletion_protection_enabled
    error_message = "force_destroy turns deletion protection off"
  }
}

run "rejects_a_bad_table_name" {
  command = plan

  variables {
    table_name = "a"
  }

  expect_failures = [var.table_name]
}

run "without_lessees_nothing_is_granted" {
  command = apply

  assert {
    condition     = length(aws_dynamodb_resource_policy.lessees) == 0 && output.resource_policy == null
    error_message = "no lessees, no resource policy"
  }
  assert {
    condition     = length(module.key_policy.document.Statement) == 1
    error_message = "no lessees, only the account administers the key"
  }
}

run "lessees_get_the_lease_actions_and_the_key_through_dynamodb" {
  command = apply

  variables {
    lessee_role_arns = ["arn:aws:iam::222222222222:role/plinth-deploy"]
  }

  assert {
    condition = output.resource_policy.Statement[0].Principal.AWS == ["arn:aws:iam::222222222222:root"] && (
      output.resource_policy.Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == ["arn:aws:iam::222222222222:role/plinth-deploy"]
    )
    error_message = "the table grants the lessees' account, narrowed to the lessee roles"
  }
  assert {
    condition = toset(output.resource_policy.Statement[0].Action) == toset([
      "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:UpdateItem",
      "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem",
    ]) && output.resource_policy.Statement[0].Resource == aws_dynamodb_table.leases.arn
    error_message = "the lessees get exactly what plinth preview does with leases, on this table only"
  }
  assert {
    condition = one([for s in module.key_policy.document.Statement : s.Condition.StringEquals["kms:ViaService"]
    if s.Sid == "LesseesUseTheKeyThroughDynamoDB"]) == "dynamodb.us-east-1.amazonaws.com"
    error_message = "the lessees use the key only through DynamoDB"
  }
}
