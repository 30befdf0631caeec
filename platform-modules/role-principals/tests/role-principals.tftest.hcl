variables {
  role_arns = [
    "arn:aws:iam::111111111111:role/plinth-deploy",
    "arn:aws:iam::222222222222:role/plinth-deploy",
    "arn:aws:iam::111111111111:role/plinth-plan",
  ]
}

run "each_account_is_named_once_and_narrowed_to_the_roles" {
  command = plan

  assert {
    condition     = output.accounts == tolist(["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root"])
    error_message = "the principals are the roles' accounts, each once, in the order first met"
  }
  assert {
    condition     = output.condition == { ArnEquals = { "aws:PrincipalArn" = var.role_arns } }
    error_message = "the condition admits exactly the roles"
  }
  assert {
    condition     = output.other_principals_condition == { ArnNotEquals = { "aws:PrincipalArn" = var.role_arns } }
    error_message = "the deny condition matches everyone but the roles"
  }
}

run "the_partition_shapes_the_principals" {
  command = plan

  variables {
    partition = "aws-us-gov"
    role_arns = ["arn:aws-us-gov:iam::333333333333:role/plinth-deploy"]
  }

  assert {
    condition     = output.accounts == tolist(["arn:aws-us-gov:iam::333333333333:root"])
    error_message = "a GovCloud role's account is a GovCloud principal"
  }
}

run "no_roles_no_principals" {
  command = plan

  variables {
    role_arns = []
  }

  assert {
    condition     = length(output.accounts) == 0
    error_message = "no roles name no accounts"
  }
}

run "a_user_is_not_a_role" {
  command = plan

  variables {
    role_arns = ["arn:aws:iam::111111111111:user/someone"]
  }

  expect_failures = [var.role_arns]
}
