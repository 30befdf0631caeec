mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::allergyhub-change-log" }
  }
}

variables {
  name        = "allergyhub"
  bucket_name = "allergyhub-change-log"
  region      = "us-east-1"
  writer_role_arns = [
    "arn:aws:iam::222222222222:role/plinth-deploy",
    "arn:aws:iam::333333333333:role/plinth-deploy",
    "arn:aws:iam::333333333333:role/plinth-release",
  ]
}

run "compliance_locked_six_years_encrypted_and_written_only_by_the_deploy_roles" {
  command = apply

  assert {
    condition     = output.object_lock == { mode = "COMPLIANCE", days = 2192 }
    error_message = "records are locked in compliance mode for six years by default"
  }

  assert {
    condition     = aws_kms_key.change_log.enable_key_rotation && module.bucket.kms_key_arn == aws_kms_key.change_log.arn
    error_message = "the bucket is encrypted with the module's own rotating key"
  }

  assert {
    condition = (
      [for s in jsondecode(output.bucket_policy).Statement : s.Sid] ==
      ["DeployRolesAppendAndReadChangeRecords", "DeployRolesListChangeRecords", "DenyWritesByAnyoneButTheDeployRoles", "DenyInsecureTransport"]
    )
    error_message = "the bucket policy grants the deploy roles, denies every other writer, then denies requests without TLS"
  }

  assert {
    condition = (
      jsondecode(output.bucket_policy).Statement[0].Principal.AWS == ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] &&
      jsondecode(output.bucket_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == ["arn:aws:iam::222222222222:role/plinth-deploy", "arn:aws:iam::333333333333:role/plinth-deploy", "arn:aws:iam::333333333333:role/plinth-release"] &&
      jsondecode(output.bucket_policy).Statement[0].Resource == "arn:aws:s3:::allergyhub-change-log/changes/*"
    )
    error_message = "the deploy roles' accounts are granted, narrowed to the roles, under the records' prefix"
  }

  assert {
    condition = (
      jsondecode(output.bucket_policy).Statement[2].Effect == "Deny" &&
      jsondecode(output.bucket_policy).Statement[2].Action == "s3:PutObject" &&
      jsondecode(output.bucket_policy).Statement[2].Condition.ArnNotEquals["aws:PrincipalArn"] == ["arn:aws:iam::222222222222:role/plinth-deploy", "arn:aws:iam::333333333333:role/plinth-deploy", "arn:aws:iam::333333333333:role/plinth-release"]
    )
    error_message = "any principal but the deploy roles is denied writes"
  }

  assert {
    condition = (
      [for s in output.key_policy.Statement : s.Sid] == ["AccountAdministration", "DeployRolesEncryptChangeRecordsThroughS3"] &&
      output.key_policy.Statement[1].Condition.StringEquals["kms:ViaService"] == "s3.us-east-1.amazonaws.com"
    )
    error_message = "the deploy roles use the key only through S3 in the bucket's region"
  }

  assert {
    condition     = module.bucket.lifecycle_rules[0].expiration[0].days == 2192
    error_message = "records expire only once their lock has run out"
  }
}

run "local_target_switches" {
  command = plan

  variables {
    retention_days         = 2557
    enable_lifecycle_rules = false
    enforce_tls_policy     = false
    enforce_writer_policy  = false
    force_destroy          = true
  }

  assert {
    condition     = output.object_lock == { mode = "COMPLIANCE", days = 2557 }
    error_message = "the lock stays in compliance mode with the given retention"
  }

  assert {
    condition = (
      module.bucket.lifecycle_rules == [] &&
      [for s in jsondecode(module.bucket.policy).Statement : s.Sid] == ["DeployRolesAppendAndReadChangeRecords", "DeployRolesListChangeRecords"]
    )
    error_message = "the local target drops the lifecycle rule and both denies but keeps the grants"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    bucket_name      = "Not_A_Bucket"
    region           = "mars"
    writer_role_arns = ["arn:aws:iam::123:user/someone"]
    retention_days   = 365
    key_prefix       = "/changes/"
  }

  expect_failures = [var.bucket_name, var.region, var.writer_role_arns, var.retention_days, var.key_prefix]
}
