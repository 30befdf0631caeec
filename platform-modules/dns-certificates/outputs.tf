output "public_zone_id" {
  description = "ID of the public hosted zone (created here or given), or null."
  value       = local.public_zone_id
}

output "public_zone_name_servers" {
  description = "Name servers of the created public zone, to delegate it at the registrar (empty when not created)."
  value       = try(aws_route53_zone.public[0].name_servers, [])
}

output "dnssec_ds_record" {
  description = "DS record to publish at the registrar for the signed public zone (null when DNSSEC is off)."
  value       = one(aws_route53_key_signing_key.public[*].ds_record)
}

output "private_zone_ids" {
  description = "IDs of the private hosted zones, by zone name."
  value       = { for k, z in aws_route53_zone.private : k => z.zone_id }
}

output "certificate_arns" {
  description = "ARNs of the certificates by name; with validation on, these come from the validation so users wait for issuance."
  value = {
    for k, c in aws_acm_certificate.this : k => (
      var.enable_certificate_validation ? aws_acm_certificate_validation.this[k].certificate_arn : c.arn
    )
  }
}

output "validation_record_fqdns" {
  description = "FQDNs of the DNS validation records written, sorted."
  value       = sort([for r in aws_route53_record.validation : r.fqdn])
}
