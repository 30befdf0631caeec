mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mock-AbCdEf" }
  }
  mock_resource "aws_ssm_parameter" {
    defaults = { arn = "arn:aws:ssm:us-east-1:123456789012:parameter/mock" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::123456789012:policy/mock" }
  }
}

variables {
  name                  = "allergyhub-prod"
  environment           = "prod"
  kms_key_alias         = "alias/allergyhub-prod"
  kms_key_rotation_days = 180
  tags                  = { CostCenter = "platform" }
  secrets = [
    {
      name        = "prod/clinic-api/database-master"
      description = "PostgreSQL master credentials, created and rotated by RDS."
      owner       = "platform-team"
      rotation    = { kind = "rds-native", schedule_days = 7 }
    },
    {
      name        = "prod/policy-service/database"
      description = "Policy service database login."
      owner       = "identity-team"
      rotation    = { kind = "function", schedule_days = 30, function = "secret-rotation" }
      readers     = ["policy-service"]
    },
    {
      name        = "prod/identity/idp-signing-key"
      description = "Signing key material for service-to-service tokens."
      owner       = "identity-team"
      rotation    = { kind = "function", schedule_days = 90, function = "secret-rotation" }
      readers     = ["policy-service", "clinic-api"]
    },
  ]
  parameters = [
    { name = "/allergyhub/prod/clinic-api/feature-flags", type = "String", description = "Flags.", readers = ["clinic-api"] },
    { name = "/allergyhub/prod/clinic-api/api-token", type = "SecureString", description = "Token." },
  ]
}

run "secrets_keys_and_rotation" {
  command = apply

  assert {
    condition     = aws_kms_key.this.enable_key_rotation && aws_kms_key.this.rotation_period_in_days == 180
    error_message = "The environment key must rotate on the requested schedule."
  }

  assert {
    condition     = aws_kms_alias.this.name == "alias/allergyhub-prod"
    error_message = "The alias must be the one given."
  }

  assert {
    condition     = length(aws_secretsmanager_secret.this) == 2 && !contains(keys(aws_secretsmanager_secret.this), "prod/clinic-api/database-master")
    error_message = "Only function-rotated secrets are created; the RDS-native one is left to RDS."
  }

  assert {
    condition     = output.rds_managed_secrets == tolist(["prod/clinic-api/database-master"])
    error_message = "The RDS-native secret must be recorded in rds_managed_secrets."
  }

  assert {
    condition     = alltrue([for s in aws_secretsmanager_secret.this : s.kms_key_id == aws_kms_key.this.arn])
    error_message = "Every secret must be encrypted with the environment key."
  }

  assert {
    condition     = aws_secretsmanager_secret.this["prod/policy-service/database"].tags["Owner"] == "identity-team" && aws_secretsmanager_secret.this["prod/policy-service/database"].tags["CostCenter"] == "platform"
    error_message = "Secrets carry their owner tag and the common tags."
  }

  assert {
    condition     = aws_secretsmanager_secret.this["prod/identity/idp-signing-key"].tags["Rotation"] == "function"
    error_message = "Secrets record how they are rotated; the rotation-function module attaches the schedules."
  }
}

run "parameters_are_placeholders" {
  command = apply

  assert {
    condition     = aws_ssm_parameter.secure["/allergyhub/prod/clinic-api/api-token"].key_id == aws_kms_key.this.arn
    error_message = "SecureString parameters must use the environment key."
  }

  assert {
    condition     = length(aws_ssm_parameter.plain) == 1 && aws_ssm_parameter.plain["/allergyhub/prod/clinic-api/feature-flags"].type == "String"
    error_message = "String parameters stay plain strings."
  }

  assert {
    condition     = alltrue([for p in concat(values(aws_ssm_parameter.plain), values(aws_ssm_parameter.secure)) : nonsensitive(p.value) == "managed-outside-terraform"])
    error_message = "Terraform writes only a placeholder value, never a real one."
  }
}

run "reader_policies_are_least_privilege" {
  command = apply

  assert {
    condition     = toset(keys(aws_iam_policy.reader)) == toset(["policy-service", "clinic-api"])
    error_message = "One read policy per reader workload."
  }

  assert {
    condition = (
      length(jsondecode(aws_iam_policy.reader["policy-service"].policy).Statement[0].Resource) == 2 &&
      length(jsondecode(aws_iam_policy.reader["clinic-api"].policy).Statement[0].Resource) == 1
    )
    error_message = "Each reader may read exactly the secrets that list it."
  }

  assert {
    condition     = jsondecode(aws_iam_policy.reader["policy-service"].policy).Statement[0].Action == ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    error_message = "Secret reads are limited to GetSecretValue and DescribeSecret."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_policy.reader["clinic-api"].policy).Statement : s.Sid] == ["ReadOwnSecrets", "ReadOwnParameters", "DecryptThroughSecretStores"]
    error_message = "clinic-api reads one secret and one parameter and decrypts through the stores."
  }

  assert {
    condition = alltrue([for r, p in aws_iam_policy.reader : anytrue([
      for s in jsondecode(p.policy).Statement : s.Action == "kms:Decrypt" &&
      s.Resource == aws_kms_key.this.arn &&
      contains(try(s.Condition.StringEquals["kms:ViaService"], []), "secretsmanager.us-east-1.amazonaws.com")
    ])])
    error_message = "kms:Decrypt is allowed only on the environment key and only via Secrets Manager or SSM."
  }

  assert {
    condition = alltrue([for p in aws_iam_policy.reader : alltrue([
      for s in jsondecode(p.policy).Statement : s.Resource != "*" && !contains(flatten([s.Action]), "*")
    ])])
    error_message = "Reader policies use no wildcard actions or resources."
  }
}

run "jwks_buckets_are_encrypted_versioned_and_read_by_the_signers" {
  command = apply

  variables {
    jwks_publications = [
      { bucket = "allergyhub-prod-jwks", key = "service-tokens/jwks.json", readers = ["policy-service", "clinic-api"] },
    ]
  }

  assert {
    condition     = keys(module.jwks_bucket) == ["allergyhub-prod-jwks"] && module.jwks_bucket["allergyhub-prod-jwks"].kms_key_arn == aws_kms_key.this.arn
    error_message = "The key set's bucket is made here and encrypted with the environment key."
  }

  assert {
    condition     = one(module.jwks_bucket["allergyhub-prod-jwks"].lifecycle_rules[0].noncurrent_version_expiration[*].noncurrent_days) == 30
    error_message = "Superseded key sets are kept 30 days for a rollback."
  }

  assert {
    condition = (
      [for s in jsondecode(aws_iam_policy.reader["clinic-api"].policy).Statement : s.Sid] == ["ReadOwnSecrets", "ReadOwnParameters", "ReadPublishedKeySets", "DecryptThroughSecretStores"] &&
      jsondecode(aws_iam_policy.reader["clinic-api"].policy).Statement[2].Resource == ["arn:aws:s3:::allergyhub-prod-jwks/service-tokens/jwks.json"] &&
      jsondecode(aws_iam_policy.reader["clinic-api"].policy).Statement[2].Action == ["s3:GetObject"] &&
      contains(jsondecode(aws_iam_policy.reader["clinic-api"].policy).Statement[3].Condition.StringEquals["kms:ViaService"], "s3.us-east-1.amazonaws.com")
    )
    error_message = "A reader gets the key set object alone and decrypts it only through S3."
  }
}

run "rejects_a_bad_jwks_bucket" {
  command = plan

  variables {
    jwks_publications = [{ bucket = "Not_A_Bucket", key = "/jwks.json" }]
  }

  expect_failures = [var.jwks_publications]
}

run "key_policy_scoped_to_account" {
  command = apply

  assert {
    condition     = jsondecode(aws_kms_key.this.policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:root"
    error_message = "Key administration belongs to this account only."
  }

  assert {
    condition     = alltrue([for s in jsondecode(aws_kms_key.this.policy).Statement : try(s.Principal.AWS, "") != "*"])
    error_message = "No statement may name a wildcard principal."
  }

  assert {
    condition = anytrue([for s in jsondecode(aws_kms_key.this.policy).Statement :
      try(s.Principal.Service, "") == "logs.us-east-1.amazonaws.com" &&
    try(s.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], "") == "arn:aws:logs:us-east-1:123456789012:log-group:*"])
    error_message = "CloudWatch Logs may use the key only for this account's log groups."
  }
}

run "rejects_reserved_alias" {
  command = plan

  variables {
    kms_key_alias = "alias/aws/secretsmanager"
  }

  expect_failures = [var.kms_key_alias]
}

run "rejects_unknown_rotation_kind" {
  command = plan

  variables {
    secrets = [{
      name        = "prod/x/y"
      description = "x"
      owner       = "platform-team"
      rotation    = { kind = "manual", schedule_days = 30 }
    }]
  }

  expect_failures = [var.secrets]
}
