mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_iam_openid_connect_provider" {
    defaults = { arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
  }
}

variables {
  name                = "allergyhub-dev"
  tags                = { CostCenter = "platform" }
  github_organization = "allergyhub"
  deploy_roles = [
    {
      role_name                = "plinth-deploy"
      repository               = "infrastructure"
      branches                 = ["main", "feature/*"]
      environments             = ["dev"]
      policy_arns              = ["arn:aws:iam::123456789012:policy/plinth-deploy-dev", "arn:aws:iam::aws:policy/ReadOnlyAccess"]
      permissions_boundary_arn = "arn:aws:iam::123456789012:policy/plinth-deploy-boundary"
    },
    {
      role_name            = "plinth-plan"
      repository           = "infrastructure"
      environments         = ["prod"]
      max_session_duration = 7200
    },
  ]
}

run "provider_and_branch_and_environment_trust" {
  command = apply

  assert {
    condition = (
      aws_iam_openid_connect_provider.github[0].url == "https://token.actions.githubusercontent.com" &&
      aws_iam_openid_connect_provider.github[0].client_id_list == toset(["sts.amazonaws.com"]) &&
      length(aws_iam_openid_connect_provider.github[0].thumbprint_list) == 2
    )
    error_message = "The GitHub OIDC provider trusts the STS audience."
  }

  assert {
    condition = jsondecode(aws_iam_role.deploy["plinth-deploy"].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == [
      "repo:allergyhub/infrastructure:ref:refs/heads/main",
      "repo:allergyhub/infrastructure:environment:dev",
    ]
    error_message = "Exact branches and environments are matched with StringEquals."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.deploy["plinth-deploy"].assume_role_policy).Statement[1].Condition.StringLike["token.actions.githubusercontent.com:sub"] == ["repo:allergyhub/infrastructure:ref:refs/heads/feature/*"] &&
      jsondecode(aws_iam_role.deploy["plinth-deploy"].assume_role_policy).Statement[1].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com"
    )
    error_message = "Only the wildcard branch is matched with StringLike, still bound to the STS audience."
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_iam_role.deploy["plinth-deploy"].assume_role_policy).Statement : (
      s.Principal.Federated == aws_iam_openid_connect_provider.github[0].arn &&
      s.Action == "sts:AssumeRoleWithWebIdentity" &&
      s.Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com"
    )])
    error_message = "Every statement trusts only the GitHub provider for web identity with the STS audience."
  }

  assert {
    condition = (
      aws_iam_role.deploy["plinth-deploy"].permissions_boundary == "arn:aws:iam::123456789012:policy/plinth-deploy-boundary" &&
      aws_iam_role.deploy["plinth-deploy"].max_session_duration == 3600 &&
      length([for a in aws_iam_role_policy_attachment.deploy : a if a.role == "plinth-deploy"]) == 2
    )
    error_message = "The role gets its boundary, session limit and permission policies."
  }
}

run "environment_only_role_has_no_patterns" {
  command = apply

  assert {
    condition = (
      length(jsondecode(aws_iam_role.deploy["plinth-plan"].assume_role_policy).Statement) == 1 &&
      jsondecode(aws_iam_role.deploy["plinth-plan"].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == ["repo:allergyhub/infrastructure:environment:prod"] &&
      !strcontains(aws_iam_role.deploy["plinth-plan"].assume_role_policy, "StringLike")
    )
    error_message = "A role restricted to the prod environment trusts exactly that subject."
  }

  assert {
    condition     = aws_iam_role.deploy["plinth-plan"].max_session_duration == 7200 && aws_iam_role.deploy["plinth-plan"].permissions_boundary == null
    error_message = "Session duration is per role."
  }

  assert {
    condition     = output.allowed_subjects["plinth-plan"] == ["repo:allergyhub/infrastructure:environment:prod"]
    error_message = "The trusted subjects are published for review."
  }
}

run "trusts_an_existing_provider" {
  command = apply

  variables {
    create_oidc_provider = false
    oidc_provider_arn    = "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"
  }

  assert {
    condition = (
      length(aws_iam_openid_connect_provider.github) == 0 &&
      jsondecode(aws_iam_role.deploy["plinth-plan"].assume_role_policy).Statement[0].Principal.Federated == "arn:aws:iam::210987654321:oidc-provider/token.actions.githubusercontent.com"
    )
    error_message = "With create_oidc_provider off, roles trust the given provider."
  }
}

run "rejects_role_open_to_every_ref" {
  command = plan

  variables {
    deploy_roles = [{ role_name = "plinth-deploy", repository = "infrastructure" }]
  }

  expect_failures = [var.deploy_roles]
}

run "rejects_bare_wildcard_branch" {
  command = plan

  variables {
    deploy_roles = [{ role_name = "plinth-deploy", repository = "infrastructure", branches = ["*"] }]
  }

  expect_failures = [var.deploy_roles]
}

run "rejects_missing_provider" {
  command = plan

  variables {
    create_oidc_provider = false
  }

  expect_failures = [var.oidc_provider_arn]
}

run "publish_and_plan_roles_get_the_policy_of_their_access" {
  command = apply

  variables {
    deploy_roles = [
      {
        role_name        = "plinth-publish"
        repository       = "policy-service"
        branches         = ["main"]
        access           = "publish"
        ecr_repositories = ["policy-service"]
        artifact_objects = ["arn:aws:s3:::allergyhub-prod-lambda-artifacts/secret-rotation/*"]
      },
      {
        role_name    = "plinth-plan"
        repository   = "infrastructure"
        branches     = ["main"]
        access       = "plan"
        pull_request = true
        state = {
          bucket_arn     = "arn:aws:s3:::allergyhub-terraform-state"
          key_prefix     = "plinth"
          lock_table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/allergyhub-terraform-locks"
          kms_key_arn    = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        }
      },
    ]
  }

  assert {
    condition = (
      length([for a in aws_iam_role_policy_attachment.deploy : a if a.role == "plinth-publish"]) == 0 &&
      jsondecode(aws_iam_role_policy.access["plinth-publish"].policy).Statement[1].Resource == ["arn:aws:ecr:us-east-1:123456789012:repository/policy-service"] &&
      contains(jsondecode(aws_iam_role_policy.access["plinth-publish"].policy).Statement[1].Action, "ecr:DescribeImageScanFindings") &&
      !strcontains(aws_iam_role_policy.access["plinth-publish"].policy, "ecr:*")
    )
    error_message = "A publish role pushes to and reads the scans of its own repositories only, with no managed policy."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role_policy.access["plinth-publish"].policy).Statement[2].Sid == "PublishReleaseArtifacts" &&
      jsondecode(aws_iam_role_policy.access["plinth-publish"].policy).Statement[2].Resource == ["arn:aws:s3:::allergyhub-prod-lambda-artifacts/secret-rotation/*"] &&
      !strcontains(aws_iam_role_policy.access["plinth-publish"].policy, "s3:*")
    )
    error_message = "A publish role writes release artifacts only under the prefixes it is given."
  }

  assert {
    condition = (
      [for a in aws_iam_role_policy_attachment.deploy : a.policy_arn if a.role == "plinth-plan"] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"] &&
      jsondecode(aws_iam_role_policy.access["plinth-plan"].policy).Statement[1].Resource == "arn:aws:s3:::allergyhub-terraform-state/plinth/*" &&
      jsondecode(aws_iam_role_policy.access["plinth-plan"].policy).Statement[3].Action == ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"] &&
      !strcontains(aws_iam_role_policy.access["plinth-plan"].policy, "s3:PutObject")
    )
    error_message = "A plan role is read-only, reads the state and writes only the lock table."
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.deploy["plinth-plan"].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == [
        "repo:allergyhub/infrastructure:ref:refs/heads/main",
        "repo:allergyhub/infrastructure:pull_request",
      ] &&
      output.role_access == { "plinth-publish" = "publish", "plinth-plan" = "plan" }
    )
    error_message = "A plan role trusts its branches and the repository's pull requests, matched exactly."
  }
}

run "rejects_pull_request_trust_on_a_deploy_role" {
  command = plan

  variables {
    deploy_roles = [{ role_name = "plinth-deploy", repository = "infrastructure", branches = ["main"], pull_request = true }]
  }

  expect_failures = [var.deploy_roles]
}

run "rejects_administrator_policy_on_a_plan_role" {
  command = plan

  variables {
    deploy_roles = [{
      role_name   = "plinth-plan"
      repository  = "infrastructure"
      branches    = ["main"]
      access      = "plan"
      policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
      state       = { bucket_arn = "arn:aws:s3:::b", key_prefix = "p", lock_table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t", kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k" }
    }]
  }

  expect_failures = [var.deploy_roles]
}

run "rejects_publish_role_without_repositories_and_unknown_access" {
  command = plan

  variables {
    deploy_roles = [
      { role_name = "plinth-publish", repository = "policy-service", branches = ["main"], access = "publish" },
      { role_name = "plinth-admin", repository = "infrastructure", branches = ["main"], access = "admin" },
    ]
  }

  expect_failures = [var.deploy_roles]
}

run "rejects_artifact_objects_on_a_deploy_role_or_without_a_prefix" {
  command = plan

  variables {
    deploy_roles = [
      { role_name = "plinth-deploy", repository = "infrastructure", branches = ["main"], artifact_objects = ["arn:aws:s3:::allergyhub-prod-lambda-artifacts/secret-rotation/*"] },
      { role_name = "plinth-publish", repository = "policy-service", branches = ["main"], access = "publish", ecr_repositories = ["policy-service"], artifact_objects = ["arn:aws:s3:::allergyhub-prod-lambda-artifacts/*"] },
    ]
  }

  expect_failures = [var.deploy_roles]
}
