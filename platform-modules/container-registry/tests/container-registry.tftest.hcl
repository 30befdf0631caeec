mock_provider "aws" {
  source = "../mocks"
}

variables {
  name = "allergyhub-registry"
  repositories = [
    { name = "policy-service", source_repository = "policy-service", keep_images = 30 },
    { name = "clinic/api", source_repository = "clinic-api" },
  ]
  push_principal_arns = ["arn:aws:iam::123456789012:role/plinth-deploy"]
  pull_account_ids    = ["111122223333", "444455556666"]
}

run "repositories_are_immutable_scanned_and_encrypted" {
  command = apply

  assert {
    condition = alltrue([
      for r in aws_ecr_repository.this : r.image_tag_mutability == "IMMUTABLE" && r.image_scanning_configuration[0].scan_on_push
    ])
    error_message = "Every repository has immutable tags and scans on push."
  }

  assert {
    condition = alltrue([
      for r in aws_ecr_repository.this : r.encryption_configuration[0].encryption_type == "KMS" && r.encryption_configuration[0].kms_key == aws_kms_key.this.arn
    ]) && aws_kms_key.this.enable_key_rotation
    error_message = "Images are encrypted with the registry's rotating customer key."
  }

  assert {
    condition     = aws_ecr_repository.this["policy-service"].tags["SourceRepository"] == "policy-service" && !aws_ecr_repository.this["policy-service"].force_delete
    error_message = "Each repository names the GitHub repository that pushes it, and keeps its images on delete."
  }
}

run "lifecycle_policy_keeps_the_configured_number_of_images" {
  command = apply

  assert {
    condition = (
      jsondecode(aws_ecr_lifecycle_policy.this["policy-service"].policy).rules[0].selection.countNumber == 30 &&
      jsondecode(aws_ecr_lifecycle_policy.this["policy-service"].policy).rules[0].selection.countType == "imageCountMoreThan" &&
      jsondecode(aws_ecr_lifecycle_policy.this["policy-service"].policy).rules[0].action.type == "expire" &&
      jsondecode(aws_ecr_lifecycle_policy.this["clinic/api"].policy).rules[0].selection.countNumber == 30
    )
    error_message = "The lifecycle policy expires all but the newest keep_images images."
  }
}

run "only_the_named_roles_push" {
  command = apply

  assert {
    condition = (
      toset(jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement[0].Principal.AWS) == toset(var.push_principal_arns) &&
      contains(jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement[0].Action, "ecr:PutImage") &&
      jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement[1].Effect == "Deny" &&
      contains(jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement[1].Action, "ecr:PutImage") &&
      toset(jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement[1].Condition.ArnNotEquals["aws:PrincipalArn"]) == toset(var.push_principal_arns)
    )
    error_message = "The named roles may push and every other principal is denied pushing."
  }

  assert {
    condition = (
      toset(jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement[2].Principal.AWS) == toset(["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]) &&
      !contains(jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement[2].Action, "ecr:PutImage")
    )
    error_message = "The workload accounts may pull and not push."
  }
}

run "without_pull_accounts_nobody_else_pulls" {
  command = apply

  variables {
    pull_account_ids = []
  }

  assert {
    condition     = length(jsondecode(aws_ecr_repository_policy.this["policy-service"].policy).Statement) == 2
    error_message = "No pull statement is added without pull accounts."
  }
}

run "a_mutable_name_or_a_zero_keep_count_is_refused" {
  command = plan

  variables {
    repositories = [{ name = "Policy_Service", source_repository = "policy-service", keep_images = 0 }]
  }

  expect_failures = [var.repositories]
}

run "pushing_needs_a_named_role" {
  command = plan

  variables {
    push_principal_arns = []
  }

  expect_failures = [var.push_principal_arns]
}
