mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::allergyhub-prod-lambda-artifacts" }
  }
}

variables {
  bucket_name         = "allergyhub-prod-lambda-artifacts"
  publisher_role_arns = ["arn:aws:iam::222222222222:role/plinth-publish"]
  key_prefixes        = ["secret-rotation", "edge/headers"]
}

run "versioned_encrypted_and_written_only_by_the_publishers_under_their_prefixes" {
  command = apply

  assert {
    condition = (
      [for s in jsondecode(output.bucket_policy).Statement : s.Sid] ==
      ["PublishersWriteAndReadTheirArtifacts", "DenyWritesByAnyoneButThePublishers", "DenyInsecureTransport"]
    )
    error_message = "the bucket policy grants the publishers, denies every other writer, then denies requests without TLS"
  }

  assert {
    condition = (
      jsondecode(output.bucket_policy).Statement[0].Principal.AWS == ["arn:aws:iam::222222222222:root"] &&
      jsondecode(output.bucket_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"] == ["arn:aws:iam::222222222222:role/plinth-publish"] &&
      jsondecode(output.bucket_policy).Statement[0].Resource == ["arn:aws:s3:::allergyhub-prod-lambda-artifacts/secret-rotation/*", "arn:aws:s3:::allergyhub-prod-lambda-artifacts/edge/headers/*"]
    )
    error_message = "the publishers' account is granted, narrowed to the roles, under the artifacts' prefixes only"
  }

  assert {
    condition = (
      jsondecode(output.bucket_policy).Statement[1].Effect == "Deny" &&
      jsondecode(output.bucket_policy).Statement[1].Condition.ArnNotEquals["aws:PrincipalArn"] == ["arn:aws:iam::222222222222:role/plinth-publish"]
    )
    error_message = "any principal but the publishers is denied writes"
  }

  assert {
    condition     = one(module.bucket.lifecycle_rules[0].noncurrent_version_expiration[*].noncurrent_days) == 90 && length(module.bucket.lifecycle_rules[0].expiration) == 0
    error_message = "superseded versions expire after 90 days; the current one never does"
  }
}

run "local_target_switches" {
  command = plan

  variables {
    enable_lifecycle_rules   = false
    enforce_tls_policy       = false
    enforce_publisher_policy = false
    force_destroy            = true
  }

  assert {
    condition     = [for s in jsondecode(output.bucket_policy).Statement : s.Sid] == ["PublishersWriteAndReadTheirArtifacts"]
    error_message = "only the grant is left when the denies are switched off"
  }

  assert {
    condition     = length(module.bucket.lifecycle_rules) == 0
    error_message = "no lifecycle configuration on the emulator"
  }
}

run "rejects_a_bad_publisher_and_a_bad_prefix" {
  command = plan

  variables {
    publisher_role_arns = ["plinth-publish"]
    key_prefixes        = ["/secret-rotation/"]
  }

  expect_failures = [var.publisher_role_arns, var.key_prefixes]
}
