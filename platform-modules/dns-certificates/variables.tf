variable "name" {
  description = "Prefix for resource names, e.g. allergyhub-shared."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be 3-40 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (callers also set provider default_tags)."
  type        = map(string)
  default     = {}
}

variable "create_public_zone" {
  description = "Create the public hosted zone public_zone_name here (true only in the account that owns it, dns.publicZoneAccount)."
  type        = bool
  default     = false
}

variable "public_zone_name" {
  description = "Apex domain of the public hosted zone (dns.publicZone), e.g. allergyhub.example."
  type        = string
  default     = null

  validation {
    condition     = var.public_zone_name == null || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.public_zone_name))
    error_message = "public_zone_name must be a lower-case domain name such as allergyhub.example (no trailing dot)."
  }

  validation {
    condition     = !var.create_public_zone || var.public_zone_name != null
    error_message = "create_public_zone needs public_zone_name."
  }
}

variable "public_zone_id" {
  description = "Existing public hosted zone that receives certificate validation records when this module does not create the zone."
  type        = string
  default     = null

  validation {
    condition     = var.public_zone_id == null || can(regex("^[A-Z0-9]{1,32}$", var.public_zone_id))
    error_message = "public_zone_id must be a Route 53 zone ID: upper-case letters and digits (AWS's begin with Z; emulators' may not)."
  }
}

variable "enable_query_logging" {
  description = "Log the public zone's DNS queries to CloudWatch Logs (the provider must be in us-east-1, where Route 53 writes query logs)."
  type        = bool
  default     = true
}

variable "query_log_retention_days" {
  description = "Retention of the query log group."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.query_log_retention_days)
    error_message = "query_log_retention_days must be one of the values CloudWatch Logs accepts."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key that encrypts the query log group; its policy must let CloudWatch Logs in us-east-1 use it. Required with query logging on a created zone."
  type        = string
  default     = null

  validation {
    condition     = var.log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN."
  }

  validation {
    condition     = !(var.create_public_zone && var.enable_query_logging) || var.log_kms_key_arn != null
    error_message = "Query logging encrypts its log group: give log_kms_key_arn (or turn enable_query_logging off)."
  }
}

variable "enable_dnssec" {
  description = "Sign the created public zone with DNSSEC (a key-signing key backed by an asymmetric KMS key made here). Switchable because the local emulator cannot sign zones, and because the DS record must then be added at the registrar."
  type        = bool
  default     = true
}

variable "private_zones" {
  description = "Private hosted zones (dns.privateZones) and the VPCs they are associated with: the first at creation, the others as `aws_route53_zone_association` (the zone ignores its own VPC list). vpc_region defaults to the provider's region."
  type = list(object({
    name    = string
    comment = optional(string, "")
    vpcs = list(object({
      vpc_id     = string
      vpc_region = optional(string)
    }))
  }))
  default = []

  validation {
    condition     = alltrue([for z in var.private_zones : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", z.name))])
    error_message = "Private zone names must be lower-case domain names (no trailing dot)."
  }

  validation {
    condition     = alltrue([for z in var.private_zones : length(z.vpcs) > 0 && alltrue([for v in z.vpcs : can(regex("^vpc-[0-9a-f]+$", v.vpc_id))])])
    error_message = "Every private zone needs at least one VPC (vpc-...)."
  }

  validation {
    condition     = length(distinct([for z in var.private_zones : z.name])) == length(var.private_zones)
    error_message = "Private zone names must be unique."
  }
}

variable "certificates" {
  description = "ACM certificates to request in the provider's region (us-east-1 for CloudFront). validation_zone_id overrides the public zone for one certificate's validation records."
  type = list(object({
    name               = string
    domain             = string
    alternative_names  = optional(list(string), [])
    validation_zone_id = optional(string)
  }))
  default = []

  validation {
    condition = alltrue([for c in var.certificates : alltrue([
      for d in concat([c.domain], c.alternative_names) : can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", d))
    ])])
    error_message = "Certificate domains must be lower-case domain names, optionally starting with *."
  }

  validation {
    condition     = var.allow_wildcard_names || alltrue([for c in var.certificates : alltrue([for d in concat([c.domain], c.alternative_names) : !startswith(d, "*.")])])
    error_message = "Wildcard certificate names need allow_wildcard_names = true."
  }

  validation {
    condition     = alltrue([for c in var.certificates : can(regex("^[a-z][a-z0-9-]{0,62}$", c.name))])
    error_message = "Certificate names must be lower-case letters, digits and hyphens."
  }

  validation {
    condition     = length(distinct([for c in var.certificates : c.name])) == length(var.certificates)
    error_message = "Certificate names must be unique."
  }

  validation {
    condition     = alltrue([for c in var.certificates : c.validation_zone_id != null]) || var.create_public_zone || var.public_zone_id != null
    error_message = "DNS validation needs a zone: create the public zone, give public_zone_id, or set validation_zone_id on each certificate."
  }
}

variable "allow_wildcard_names" {
  description = "Allow wildcard names (*.) in certificates. Off by default so production certificates name their hosts; the development stack turns it on for per-branch preview hosts."
  type        = bool
  default     = false
}

variable "enable_certificate_validation" {
  description = "Write the DNS validation records and wait for ACM to issue the certificates. Switchable because validation waits on real, delegated DNS, which a local target does not have."
  type        = bool
  default     = true
}
