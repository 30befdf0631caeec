locals {
  certificates = { for c in var.certificates : c.name => c }
  cert_names   = { for c in var.certificates : c.name => distinct(concat([c.domain], c.alternative_names)) }

  # One validation record per name: a wildcard and its base name (and the same name in several
  # certificates) share ACM's record, so records are keyed by the name without "*." and looked up
  # in the first certificate that covers it.
  validation_names = distinct(flatten([for c in var.certificates : [for n in local.cert_names[c.name] : trimprefix(n, "*.")]]))
  validation_owner = {
    for d in local.validation_names : d => [
      for c in var.certificates : c if contains([for n in local.cert_names[c.name] : trimprefix(n, "*.")], d)
    ][0]
  }
  validation_domains = {
    for d, c in local.validation_owner : d => {
      certificate = c.name
      domain      = contains(local.cert_names[c.name], d) ? d : "*.${d}"
      zone_id     = coalesce(c.validation_zone_id, local.public_zone_id)
    }
  }
}

resource "aws_acm_certificate" "this" {
  # checkov:skip=CKV2_AWS_71: wildcard names are refused by the validation on var.certificates unless allow_wildcard_names is set, which only the dev stack does for its per-branch preview hosts
  for_each = local.certificates

  domain_name               = each.value.domain
  subject_alternative_names = each.value.alternative_names
  validation_method         = "DNS"
  key_algorithm             = "RSA_2048"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  tags = merge(var.tags, { Name = each.key })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = var.enable_certificate_validation ? local.validation_domains : {}

  zone_id         = each.value.zone_id
  name            = one([for o in aws_acm_certificate.this[each.value.certificate].domain_validation_options : o.resource_record_name if o.domain_name == each.value.domain])
  type            = one([for o in aws_acm_certificate.this[each.value.certificate].domain_validation_options : o.resource_record_type if o.domain_name == each.value.domain])
  records         = [one([for o in aws_acm_certificate.this[each.value.certificate].domain_validation_options : o.resource_record_value if o.domain_name == each.value.domain])]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  for_each = var.enable_certificate_validation ? local.certificates : {}

  certificate_arn = aws_acm_certificate.this[each.key].arn
  validation_record_fqdns = [
    for n in distinct([for d in concat([each.value.domain], each.value.alternative_names) : trimprefix(d, "*.")]) :
    aws_route53_record.validation[n].fqdn
  ]
}
