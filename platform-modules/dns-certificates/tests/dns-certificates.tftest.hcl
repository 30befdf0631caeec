mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_route53_zone" {
    defaults = { zone_id = "Z0123456789ABCDEFGHIJ", id = "Z0123456789ABCDEFGHIJ" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/allergyhub.example" }
  }
  mock_resource "aws_acm_certificate" {
    defaults = {
      arn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1234-5678-9abc-0a1b2c3d4e5f"
      domain_validation_options = [
        { domain_name = "app.allergyhub.example", resource_record_name = "_0.app.allergyhub.example.", resource_record_type = "CNAME", resource_record_value = "_m0.acm-validations.aws." },
        { domain_name = "api.allergyhub.example", resource_record_name = "_1.api.allergyhub.example.", resource_record_type = "CNAME", resource_record_value = "_m1.acm-validations.aws." },
        { domain_name = "app.dev.allergyhub.example", resource_record_name = "_2.app.dev.allergyhub.example.", resource_record_type = "CNAME", resource_record_value = "_m2.acm-validations.aws." },
        { domain_name = "*.preview.dev.allergyhub.example", resource_record_name = "_3.preview.dev.allergyhub.example.", resource_record_type = "CNAME", resource_record_value = "_m3.acm-validations.aws." },
        { domain_name = "preview.dev.allergyhub.example", resource_record_name = "_4.preview.dev.allergyhub.example.", resource_record_type = "CNAME", resource_record_value = "_m4.acm-validations.aws." },
      ]
    }
  }
}

variables {
  name                 = "allergyhub-shared"
  tags                 = { CostCenter = "platform" }
  create_public_zone   = true
  public_zone_name     = "allergyhub.example"
  log_kms_key_arn      = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  allow_wildcard_names = true

  private_zones = [
    { name = "prod.internal.allergyhub.example", vpcs = [{ vpc_id = "vpc-0000000000000000a" }, { vpc_id = "vpc-0000000000000000b", vpc_region = "us-west-2" }] },
    { name = "dev.internal.allergyhub.example", vpcs = [{ vpc_id = "vpc-0000000000000000c" }] },
  ]

  certificates = [
    { name = "edge-prod", domain = "app.allergyhub.example", alternative_names = ["api.allergyhub.example"] },
    { name = "edge-dev", domain = "app.dev.allergyhub.example", alternative_names = ["*.preview.dev.allergyhub.example"] },
    { name = "previews", domain = "preview.dev.allergyhub.example", alternative_names = ["*.preview.dev.allergyhub.example"] },
  ]
}

run "zones_logging_dnssec_and_one_record_per_name" {
  command = apply

  assert {
    condition     = aws_route53_zone.public[0].name == "allergyhub.example" && length(aws_route53_zone.public[0].vpc) == 0
    error_message = "The public zone is created without VPC associations."
  }

  assert {
    condition = (
      aws_route53_query_log.public[0].cloudwatch_log_group_arn == aws_cloudwatch_log_group.query_log[0].arn &&
      aws_cloudwatch_log_group.query_log[0].kms_key_id == var.log_kms_key_arn &&
      aws_cloudwatch_log_group.query_log[0].name == "/aws/route53/allergyhub.example"
    )
    error_message = "Query logging goes to a KMS-encrypted log group."
  }

  assert {
    condition = (
      aws_kms_key.dnssec[0].customer_master_key_spec == "ECC_NIST_P256" &&
      aws_kms_key.dnssec[0].key_usage == "SIGN_VERIFY" &&
      length(aws_route53_hosted_zone_dnssec.public) == 1
    )
    error_message = "The public zone is signed with an ECC P-256 key-signing key."
  }

  assert {
    condition = (
      length(aws_route53_zone.private) == 2 &&
      length(aws_route53_zone.private["prod.internal.allergyhub.example"].vpc) == 1 &&
      one(aws_route53_zone.private["prod.internal.allergyhub.example"].vpc).vpc_id == "vpc-0000000000000000a" &&
      length(aws_route53_zone_association.private) == 1 &&
      aws_route53_zone_association.private["prod.internal.allergyhub.example/vpc-0000000000000000b"].vpc_region == "us-west-2"
    )
    error_message = "A private zone is created with its first VPC and associated with the others, including other regions."
  }

  assert {
    condition     = toset(keys(aws_route53_record.validation)) == toset(["app.allergyhub.example", "api.allergyhub.example", "app.dev.allergyhub.example", "preview.dev.allergyhub.example"])
    error_message = "One validation record per name: the wildcard and its base name, shared by two certificates, get one record."
  }

  assert {
    condition     = length(aws_acm_certificate_validation.this) == 3 && alltrue([for c in aws_acm_certificate.this : c.validation_method == "DNS"])
    error_message = "Every certificate is DNS-validated."
  }

  assert {
    condition     = aws_acm_certificate.this["edge-prod"].domain_name == "app.allergyhub.example" && toset(aws_acm_certificate.this["edge-prod"].subject_alternative_names) == toset(["api.allergyhub.example"])
    error_message = "Certificates carry their domain and alternative names."
  }
}

run "validation_records_come_from_acm" {
  command = apply

  assert {
    condition = (
      aws_route53_record.validation["api.allergyhub.example"].name == "_1.api.allergyhub.example." &&
      aws_route53_record.validation["api.allergyhub.example"].type == "CNAME" &&
      aws_route53_record.validation["api.allergyhub.example"].records == toset(["_m1.acm-validations.aws."]) &&
      aws_route53_record.validation["api.allergyhub.example"].zone_id == "Z0123456789ABCDEFGHIJ"
    )
    error_message = "Validation records are ACM's CNAMEs, in the public zone."
  }

  assert {
    condition     = aws_route53_record.validation["preview.dev.allergyhub.example"].name == "_3.preview.dev.allergyhub.example."
    error_message = "A name covered only by a wildcard is validated through the wildcard's record of the first certificate that has it."
  }

  assert {
    condition = (
      output.certificate_arns["edge-prod"] == aws_acm_certificate_validation.this["edge-prod"].certificate_arn &&
      length(aws_acm_certificate_validation.this["edge-dev"].validation_record_fqdns) == 2
    )
    error_message = "Certificate ARNs are published through their validation, which waits on all their records."
  }
}

run "local_target_without_validation_dnssec_or_logging" {
  command = plan

  variables {
    enable_certificate_validation = false
    enable_dnssec                 = false
    enable_query_logging          = false
    log_kms_key_arn               = null
  }

  assert {
    condition = (
      length(aws_route53_record.validation) == 0 && length(aws_acm_certificate_validation.this) == 0 &&
      length(aws_acm_certificate.this) == 3 && length(aws_kms_key.dnssec) == 0 && length(aws_route53_query_log.public) == 0
    )
    error_message = "The switches drop validation, signing and query logging but keep the certificates."
  }
}

run "validation_records_in_a_zone_owned_elsewhere" {
  command = plan

  variables {
    create_public_zone = false
    public_zone_id     = "Z9999999999ABCDEFGHIJ"
    log_kms_key_arn    = null
    private_zones      = []
  }

  assert {
    condition     = length(aws_route53_zone.public) == 0 && alltrue([for r in aws_route53_record.validation : r.zone_id == "Z9999999999ABCDEFGHIJ"])
    error_message = "Without its own zone the module writes validation records into the given zone."
  }
}

run "rejects_wildcards_unless_allowed" {
  command = plan

  variables {
    allow_wildcard_names = false
  }

  expect_failures = [var.certificates]
}

run "rejects_query_logging_without_key" {
  command = plan

  variables {
    log_kms_key_arn = null
  }

  expect_failures = [var.log_kms_key_arn]
}

run "rejects_bad_zone_name" {
  command = plan

  variables {
    public_zone_name = "AllergyHub.example."
  }

  expect_failures = [var.public_zone_name]
}

run "rejects_a_zone_id_with_its_path_prefix" {
  command = plan

  variables {
    create_public_zone = false
    public_zone_id     = "/hostedzone/Z9999999999ABCDEFGHIJ"
    log_kms_key_arn    = null
    private_zones      = []
  }

  expect_failures = [var.public_zone_id]
}
