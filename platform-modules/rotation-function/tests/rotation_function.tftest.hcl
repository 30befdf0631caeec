mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_security_group" {
    defaults = { id = "sg-0rotation000000000" }
  }
  mock_resource "aws_lambda_function" {
    defaults = { arn = "arn:aws:lambda:us-east-1:123456789012:function:allergyhub-prod-secret-rotation" }
  }
  mock_data "aws_s3_object" {
    defaults = { version_id = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
}

variables {
  name                        = "allergyhub-prod-secret-rotation"
  environment                 = "prod"
  package                     = { s3_bucket = "allergyhub-prod-lambda-artifacts", s3_key = "secret-rotation/secret-rotation.zip" }
  vpc_id                      = "vpc-0123456789abcdef0"
  subnet_ids                  = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]
  database_security_group_ids = ["sg-0database00000000"]
  endpoint_security_group_id  = "sg-0endpoints0000000"
  secret_arns                 = ["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/policy-service/database-AbCdEf"]
  kms_key_arn                 = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  rotation_config             = "{\"secrets\":{\"prod/policy-service/database\":{\"strategy\":\"postgres-alternating-logins\"}}}"
  rotation_schedules = {
    "prod/policy-service/database" = {
      secret_arn    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/policy-service/database-AbCdEf"
      schedule_days = 30
    }
  }
}

run "function_in_private_subnets_with_its_configuration" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && aws_lambda_function.this.handler == "bootstrap"
    error_message = "the function must be a provided.al2023 bootstrap"
  }
  assert {
    condition     = toset(aws_lambda_function.this.vpc_config[0].subnet_ids) == toset(var.subnet_ids)
    error_message = "the function must run in the given private subnets"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["PLINTH_ROTATION_CONFIG"] == var.rotation_config
    error_message = "the strategies must reach the function"
  }
  assert {
    condition     = aws_lambda_function.this.kms_key_arn == var.kms_key_arn
    error_message = "the environment variables must be encrypted with the environment key"
  }
}

run "code_is_the_published_zip_at_its_current_version" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.s3_bucket == "allergyhub-prod-lambda-artifacts" && aws_lambda_function.this.s3_key == "secret-rotation/secret-rotation.zip" && aws_lambda_function.this.filename == null
    error_message = "the code must come from the published zip in S3"
  }
  assert {
    condition     = aws_lambda_function.this.s3_object_version == "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"
    error_message = "without a pinned version, the object's current version must be deployed, so a new release shows as a change"
  }
}

run "a_pinned_version_is_deployed_as_given" {
  command = plan

  variables {
    package = { s3_bucket = "allergyhub-prod-lambda-artifacts", s3_key = "secret-rotation/secret-rotation.zip", s3_object_version = "pinned" }
  }

  assert {
    condition     = aws_lambda_function.this.s3_object_version == "pinned" && length(data.aws_s3_object.package) == 0
    error_message = "a pinned version must be used without reading the object"
  }
}

run "the_emulator_gets_the_stand_in_archive" {
  command = plan

  variables {
    package          = null
    emulator_package = true
  }

  assert {
    condition     = endswith(aws_lambda_function.this.filename, "emulator/package.zip") && aws_lambda_function.this.s3_bucket == null && length(data.aws_s3_object.package) == 0
    error_message = "emulator_package must deploy the module's stand-in archive and read nothing from S3"
  }
}

run "rejects_no_package" {
  command = plan

  variables {
    package = null
  }

  expect_failures = [var.package]
}

run "schedules_from_the_spec_point_at_this_function" {
  command = apply

  assert {
    condition     = aws_secretsmanager_secret_rotation.this["prod/policy-service/database"].rotation_lambda_arn == "arn:aws:lambda:us-east-1:123456789012:function:allergyhub-prod-secret-rotation"
    error_message = "the schedule must rotate with this function"
  }
  assert {
    condition     = aws_secretsmanager_secret_rotation.this["prod/policy-service/database"].rotation_rules[0].automatically_after_days == 30 && aws_secretsmanager_secret_rotation.this["prod/policy-service/database"].rotate_immediately == false
    error_message = "the schedule must follow the spec and not rotate at once"
  }
}

run "schedules_can_be_left_off" {
  command = plan

  variables {
    enable_rotation = false
  }

  assert {
    condition     = length(aws_secretsmanager_secret_rotation.this) == 0
    error_message = "enable_rotation = false must attach no schedule"
  }
}

run "rejects_a_schedule_for_a_secret_it_may_not_rotate" {
  command = plan

  variables {
    rotation_schedules = {
      other = { secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/other-XyZ123", schedule_days = 30 }
    }
  }

  expect_failures = [var.rotation_schedules]
}

run "rejects_a_schedule_over_90_days" {
  command = plan

  variables {
    rotation_schedules = {
      "prod/policy-service/database" = { secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/policy-service/database-AbCdEf", schedule_days = 120 }
    }
  }

  expect_failures = [var.rotation_schedules]
}

run "egress_only_to_databases_and_endpoints" {
  command = plan

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.database) == 1 && aws_vpc_security_group_egress_rule.database["sg-0database00000000"].from_port == 5432
    error_message = "the database is reached on 5432 only"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.database["sg-0database00000000"].security_group_id == "sg-0database00000000" && aws_vpc_security_group_ingress_rule.database["sg-0database00000000"].referenced_security_group_id == "sg-0rotation000000000" && aws_vpc_security_group_ingress_rule.database["sg-0database00000000"].from_port == 5432
    error_message = "the database must admit the function on 5432"
  }
  assert {
    condition     = aws_vpc_security_group_egress_rule.endpoints.referenced_security_group_id == "sg-0endpoints0000000" && aws_vpc_security_group_egress_rule.endpoints.from_port == 443
    error_message = "the endpoints are reached on 443 only"
  }
  assert {
    condition     = length(aws_vpc_security_group_egress_rule.s3) == 0
    error_message = "no S3 egress without a JWKS to publish"
  }
}

run "secrets_manager_may_invoke_it_for_this_account" {
  command = plan

  assert {
    condition     = aws_lambda_permission.secretsmanager.principal == "secretsmanager.amazonaws.com" && aws_lambda_permission.secretsmanager.source_account == "123456789012"
    error_message = "only Secrets Manager, for this account, may invoke the function"
  }
}

run "logs_encrypted_and_kept" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this.kms_key_id == var.kms_key_arn && aws_cloudwatch_log_group.this.retention_in_days == 365
    error_message = "the log group must be encrypted with the environment key and kept a year"
  }
}

run "role_limited_to_its_secrets" {
  command = plan

  override_data {
    target = data.aws_iam_policy_document.this
    values = { json = "{}" }
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.this.statement : s.resources if s.sid == "RotateTheseSecrets"][0] == toset(var.secret_arns)
    error_message = "the role may rotate exactly the given secrets"
  }
}

run "a_jwks_publisher_writes_its_objects_and_uses_the_key_through_s3" {
  command = plan

  variables {
    jwks_object_arns  = ["arn:aws:s3:::allergyhub-prod-jwks/service-tokens/jwks.json"]
    s3_prefix_list_id = "pl-63a5400a"
  }

  override_data {
    target = data.aws_iam_policy_document.this
    values = { json = "{}" }
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.this.statement : s.resources if s.sid == "PublishTheJWKS"][0] == toset(var.jwks_object_arns)
    error_message = "the role writes exactly the key set objects"
  }

  assert {
    condition = toset(flatten([
      for s in data.aws_iam_policy_document.this.statement : [for c in s.condition : c.values] if s.sid == "TheEnvironmentKeyThroughSecretsManager"
    ])) == toset(["secretsmanager.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"])
    error_message = "the key is usable through S3 as well, for the encrypted key set bucket"
  }
}

run "rejects_a_single_subnet" {
  command = plan

  variables {
    subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa"]
  }

  expect_failures = [var.subnet_ids]
}
