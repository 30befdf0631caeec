variable "name" {
  description = "Prefix for resource names, e.g. allergyhub-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3-32 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (callers also set provider default_tags)."
  type        = map(string)
  default     = {}
}

variable "aliases" {
  description = "Host names the distribution serves (the edge certificate's domain and alternative names)."
  type        = list(string)

  validation {
    condition     = length(var.aliases) > 0 && alltrue([for a in var.aliases : can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", a))])
    error_message = "aliases must be one or more lower-case host names (a leading *. is allowed)."
  }
}

variable "acm_certificate_arn" {
  description = "ACM certificate for the aliases; CloudFront only uses certificates from us-east-1."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[A-Za-z0-9-]+$", var.acm_certificate_arn))
    error_message = "acm_certificate_arn must be an ACM certificate ARN in us-east-1."
  }
}

variable "minimum_protocol_version" {
  description = "Oldest TLS version viewers may use (network.edge.minimumTLS)."
  type        = string
  default     = "TLSv1.2_2021"

  validation {
    condition     = contains(["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021"], var.minimum_protocol_version)
    error_message = "minimum_protocol_version must be TLSv1.2_2018, TLSv1.2_2019 or TLSv1.2_2021 (TLS 1.2 or later)."
  }
}

variable "price_class" {
  description = "Which edge locations serve the distribution (network.edge.priceClass)."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "origin_domain_name" {
  description = "Origin host name: a DNS name (alias of the load balancer) that the load balancer's certificate covers, e.g. origin.prod.allergyhub.example, so CloudFront can verify the origin over HTTPS."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.origin_domain_name))
    error_message = "origin_domain_name must be a lower-case host name."
  }
}

variable "origin_read_timeout" {
  description = "Seconds CloudFront waits for the origin's response."
  type        = number
  default     = 30

  validation {
    condition     = var.origin_read_timeout >= 1 && var.origin_read_timeout <= 60
    error_message = "origin_read_timeout must be from 1 to 60."
  }
}

variable "origin_verify_header_name" {
  description = "Name of a custom header CloudFront adds to origin requests so the origin can reject requests that bypassed CloudFront; null adds none."
  type        = string
  default     = null

  validation {
    condition     = var.origin_verify_header_name == null || can(regex("^[A-Za-z0-9-]{1,64}$", var.origin_verify_header_name))
    error_message = "origin_verify_header_name must be a header name of letters, digits and hyphens."
  }
}

variable "origin_verify_header_value" {
  description = "Value of the origin verification header, read from Secrets Manager by the caller; never written in configuration."
  type        = string
  default     = null
  sensitive   = true
}

variable "cache_policy_id" {
  description = "Cache policy of the default behaviour; the default is AWS's managed CachingDisabled, right for a dynamic API."
  type        = string
  default     = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
}

variable "origin_request_policy_id" {
  description = "Origin request policy of the default behaviour; the default is AWS's managed AllViewerExceptHostHeader, so the origin sees its own host name and its certificate verifies."
  type        = string
  default     = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
}

variable "enable_security_headers" {
  description = "Create the security headers response policy and attach it to every response. Switchable only because the local emulator does not implement response headers policies; real targets keep it on."
  type        = bool
  default     = true
}

variable "content_security_policy" {
  description = "Content-Security-Policy header added to every response."
  type        = string
  default     = "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
}

variable "geo_restriction_type" {
  description = "Country restriction: none, whitelist (only geo_restriction_locations) or blacklist (all but them)."
  type        = string
  default     = "none"

  validation {
    condition     = contains(["none", "whitelist", "blacklist"], var.geo_restriction_type)
    error_message = "geo_restriction_type must be none, whitelist or blacklist."
  }
}

variable "geo_restriction_locations" {
  description = "ISO 3166-1 alpha-2 country codes for the geo restriction."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.geo_restriction_locations : can(regex("^[A-Z]{2}$", c))])
    error_message = "geo_restriction_locations must be two-letter upper-case country codes."
  }

  validation {
    condition     = (var.geo_restriction_type == "none") == (length(var.geo_restriction_locations) == 0)
    error_message = "Give geo_restriction_locations exactly when geo_restriction_type is whitelist or blacklist."
  }
}

variable "enable_waf" {
  description = "Attach a WAFv2 web ACL (AWS managed rule groups and a rate limit) to the distribution (network.edge.webACL). Switchable because the local emulator does not serve CloudFront-scoped web ACLs."
  type        = bool
  default     = true
}

variable "waf_rate_limit" {
  description = "Requests per 5 minutes one client IP may make before the web ACL blocks it."
  type        = number
  default     = 2000

  validation {
    condition     = var.waf_rate_limit >= 100 && var.waf_rate_limit <= 2000000000
    error_message = "waf_rate_limit must be from 100 to 2000000000."
  }
}

variable "log_retention_days" {
  description = "Days the CloudFront access logs and WAF logs are kept."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, ... 3653)."
  }
}

variable "s3_access_logs_bucket" {
  description = "Bucket that receives S3 server access logs of the CloudFront log bucket (the log-archive bucket); null leaves them off."
  type        = string
  default     = null
}

variable "enable_lifecycle_rules" {
  description = "Apply the bucket lifecycle rules (expiry of old versions and incomplete uploads). Keep true for real accounts; only the local emulator target turns it off, because the provider polls a new lifecycle configuration until it reads back the same several times in a row, which takes about a minute per bucket."
  type        = bool
  default     = true
}
