mock_provider "aws" {
  source = "../mocks"

  mock_resource "aws_s3_bucket" {
    defaults = {
      arn                         = "arn:aws:s3:::allergyhub-prod-edge-logs-123456789012"
      bucket_regional_domain_name = "allergyhub-prod-edge-logs-123456789012.s3.us-east-1.amazonaws.com"
    }
  }
  mock_resource "aws_wafv2_web_acl" {
    defaults = { arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/allergyhub-prod-edge/0a1b2c3d" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-allergyhub-prod" }
  }
}

variables {
  name                = "allergyhub-prod"
  tags                = { CostCenter = "platform" }
  aliases             = ["app.allergyhub.example", "api.allergyhub.example"]
  acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1234-5678-9abc-0a1b2c3d4e5f"
  origin_domain_name  = "origin.prod.allergyhub.example"
}

run "distribution_serves_https_with_the_certificate" {
  command = apply

  assert {
    condition = (
      aws_cloudfront_distribution.this.viewer_certificate[0].acm_certificate_arn == var.acm_certificate_arn &&
      aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version == "TLSv1.2_2021" &&
      aws_cloudfront_distribution.this.viewer_certificate[0].ssl_support_method == "sni-only"
    )
    error_message = "Viewers get the ACM certificate over SNI with TLS 1.2 (2021) or later."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.price_class == "PriceClass_100" && aws_cloudfront_distribution.this.aliases == toset(var.aliases)
    error_message = "Price class and aliases come from the inputs."
  }

  assert {
    condition = alltrue([for o in aws_cloudfront_distribution.this.origin : (
      o.domain_name == "origin.prod.allergyhub.example" &&
      o.custom_origin_config[0].origin_protocol_policy == "https-only" &&
      o.custom_origin_config[0].origin_ssl_protocols == toset(["TLSv1.2"]) &&
      length(o.custom_header) == 0
    )])
    error_message = "The load balancer origin is reached over HTTPS (TLS 1.2) only."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.this.default_cache_behavior[0].viewer_protocol_policy == "redirect-to-https" &&
      aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == aws_cloudfront_response_headers_policy.security[0].id
    )
    error_message = "Viewers are redirected to HTTPS and every response gets the security headers."
  }

  assert {
    condition = (
      aws_cloudfront_response_headers_policy.security[0].security_headers_config[0].strict_transport_security[0].access_control_max_age_sec >= 31536000 &&
      aws_cloudfront_response_headers_policy.security[0].security_headers_config[0].frame_options[0].frame_option == "DENY"
    )
    error_message = "HSTS of at least a year and frame denial are set."
  }

  assert {
    condition     = one([for l in aws_cloudfront_distribution.this.logging_config : l.bucket]) == "allergyhub-prod-edge-logs-123456789012.s3.us-east-1.amazonaws.com"
    error_message = "Access logs go to the module's log bucket."
  }

  assert {
    condition = (
      output.log_bucket == "allergyhub-prod-edge-logs-123456789012" &&
      aws_kms_key.logs.enable_key_rotation && module.logs_bucket.kms_key_arn == aws_kms_key.logs.arn &&
      jsondecode(module.logs_bucket.policy).Statement[0].Sid == "DenyInsecureTransport" &&
      module.logs_bucket.lifecycle_rules[0].expiration[0].days == var.log_retention_days
    )
    error_message = "The log bucket (a private-bucket) is encrypted with a rotating key, TLS-only, and expires logs after log_retention_days."
  }

  assert {
    condition = (
      [for s in jsondecode(aws_kms_key.logs.policy).Statement : s.Sid] == ["AccountAdministration", "CloudFrontLogDelivery", "WafLogGroup"] &&
      jsondecode(aws_kms_key.logs.policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:root"
    )
    error_message = "The account administers the log key; CloudFront log delivery and the WAF log group may use it."
  }
}

run "web_acl_protects_the_distribution" {
  command = apply

  assert {
    condition     = aws_cloudfront_distribution.this.web_acl_id == aws_wafv2_web_acl.this[0].arn && aws_wafv2_web_acl.this[0].scope == "CLOUDFRONT"
    error_message = "A CloudFront-scoped web ACL is attached."
  }

  assert {
    condition = toset([for r in aws_wafv2_web_acl.this[0].rule : r.name]) == toset([
      "rate-limit-per-ip", "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAnonymousIpList", "AWSManagedRulesSQLiRuleSet",
    ])
    error_message = "The web ACL has the rate limit and the managed rule groups."
  }

  assert {
    condition     = one([for r in aws_wafv2_web_acl.this[0].rule : r.statement[0].rate_based_statement[0].limit if r.name == "rate-limit-per-ip"]) == 2000
    error_message = "The rate limit comes from waf_rate_limit."
  }

  assert {
    condition = (
      aws_wafv2_web_acl_logging_configuration.this[0].log_destination_configs == toset([aws_cloudwatch_log_group.waf[0].arn]) &&
      aws_cloudwatch_log_group.waf[0].kms_key_id == aws_kms_key.logs.arn &&
      startswith(aws_cloudwatch_log_group.waf[0].name, "aws-waf-logs-")
    )
    error_message = "WAF logs go to an encrypted aws-waf-logs- group."
  }

  assert {
    condition     = length(aws_wafv2_web_acl_logging_configuration.this[0].redacted_fields) == 2
    error_message = "Authorization and cookie headers are redacted from the WAF logs."
  }
}

run "switches_and_restrictions" {
  command = apply

  variables {
    enable_waf                 = false
    enable_security_headers    = false
    enable_lifecycle_rules     = false
    geo_restriction_type       = "whitelist"
    geo_restriction_locations  = ["US"]
    origin_verify_header_name  = "X-Origin-Verify"
    origin_verify_header_value = uuid()
    minimum_protocol_version   = "TLSv1.2_2019"
    price_class                = "PriceClass_All"
  }

  assert {
    condition     = length(aws_wafv2_web_acl.this) == 0 && aws_cloudfront_distribution.this.web_acl_id == null && length(aws_cloudwatch_log_group.waf) == 0
    error_message = "enable_waf = false removes the web ACL and its logging."
  }

  assert {
    condition     = length(aws_cloudfront_response_headers_policy.security) == 0 && aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == null
    error_message = "enable_security_headers = false removes the response headers policy."
  }

  assert {
    condition     = module.logs_bucket.lifecycle_rules == []
    error_message = "enable_lifecycle_rules = false leaves the log bucket without lifecycle rules."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.this.restrictions[0].geo_restriction[0].restriction_type == "whitelist" &&
      aws_cloudfront_distribution.this.restrictions[0].geo_restriction[0].locations == toset(["US"])
    )
    error_message = "The geo restriction follows the inputs."
  }

  assert {
    condition     = alltrue([for o in aws_cloudfront_distribution.this.origin : [for h in o.custom_header : h.name] == ["X-Origin-Verify"]])
    error_message = "The origin verification header is added when named."
  }

  assert {
    condition     = aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version == "TLSv1.2_2019" && aws_cloudfront_distribution.this.price_class == "PriceClass_All"
    error_message = "TLS minimum and price class are inputs."
  }
}

run "rejects_certificate_outside_us_east_1" {
  command = plan

  variables {
    acm_certificate_arn = "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-1234-5678-9abc-0a1b2c3d4e5f"
  }

  expect_failures = [var.acm_certificate_arn]
}

run "rejects_old_tls" {
  command = plan

  variables {
    minimum_protocol_version = "TLSv1.1_2016"
  }

  expect_failures = [var.minimum_protocol_version]
}

run "rejects_whitelist_without_countries" {
  command = plan

  variables {
    geo_restriction_type = "whitelist"
  }

  expect_failures = [var.geo_restriction_locations]
}
