variable "name" {
  description = "Prefix for resource names and Name tags (e.g. corporate-use1)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,40}[a-z0-9]$", var.name))
    error_message = "name must be 3-42 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource."
  type        = map(string)
  default     = {}
}

variable "transit_gateway_id" {
  description = "The hub Transit Gateway the VPN terminates on and the Direct Connect gateway associates with (from network-hub)."
  type        = string
  default     = null

  validation {
    condition     = !(var.vpn.enabled || var.direct_connect.enabled) || var.transit_gateway_id != null
    error_message = "transit_gateway_id is required when the VPN or Direct Connect is enabled."
  }
}

variable "vpn" {
  description = <<-EOT
    Site-to-Site VPN from the corporate network to the Transit Gateway. Off (enabled = false) until the
    corporate-connectivity blocker clears: no VPN agreement or customer gateway exists yet. BGP by default;
    static_routes_only = true uses corporate_cidrs as static routes instead. The VPN attachment is associated
    with association_route_table_id and its routes (learned or static) go into every table of route_table_ids.
  EOT
  type = object({
    enabled                    = bool
    customer_gateway_ip        = optional(string)
    customer_gateway_asn       = optional(number, 65000)
    static_routes_only         = optional(bool, false)
    corporate_cidrs            = optional(list(string), [])
    association_route_table_id = optional(string)
    route_table_ids            = optional(map(string), {})
  })
  default = { enabled = false }

  validation {
    condition     = !var.vpn.enabled || can(cidrhost("${coalesce(var.vpn.customer_gateway_ip, "-")}/32", 0))
    error_message = "vpn.customer_gateway_ip must be the customer gateway's public IPv4 address when the VPN is enabled."
  }

  validation {
    condition     = var.vpn.customer_gateway_asn >= 1 && var.vpn.customer_gateway_asn <= 4294967294
    error_message = "vpn.customer_gateway_asn must be a valid BGP ASN."
  }

  validation {
    condition     = alltrue([for c in var.vpn.corporate_cidrs : can(cidrhost(c, 0))])
    error_message = "vpn.corporate_cidrs entries must be IPv4 CIDRs."
  }

  validation {
    condition     = !(var.vpn.enabled && var.vpn.static_routes_only) || length(var.vpn.corporate_cidrs) > 0
    error_message = "a static VPN needs the corporate_cidrs it routes to."
  }

  validation {
    condition     = !var.vpn.enabled || var.vpn.association_route_table_id != null
    error_message = "vpn.association_route_table_id is required when the VPN is enabled: the TGW has no default route table."
  }
}

variable "direct_connect" {
  description = <<-EOT
    Direct Connect gateway associated with the Transit Gateway. Off (enabled = false) until the
    corporate-connectivity blocker clears: no circuit is ordered yet, and the transit virtual interface
    is created against the circuit later. allowed_prefixes are the AWS-side CIDRs advertised to the
    corporate network. The TGW's Direct Connect attachment is associated with association_route_table_id
    and propagates the corporate routes into every table of route_table_ids.
  EOT
  type = object({
    enabled                    = bool
    amazon_side_asn            = optional(number, 64513)
    allowed_prefixes           = optional(list(string), [])
    association_route_table_id = optional(string)
    route_table_ids            = optional(map(string), {})
  })
  default = { enabled = false }

  validation {
    condition     = (var.direct_connect.amazon_side_asn >= 64512 && var.direct_connect.amazon_side_asn <= 65534) || (var.direct_connect.amazon_side_asn >= 4200000000 && var.direct_connect.amazon_side_asn <= 4294967294)
    error_message = "direct_connect.amazon_side_asn must be a private ASN: 64512-65534 or 4200000000-4294967294."
  }

  validation {
    condition     = alltrue([for c in var.direct_connect.allowed_prefixes : can(cidrhost(c, 0))])
    error_message = "direct_connect.allowed_prefixes entries must be IPv4 CIDRs."
  }

  validation {
    condition     = !var.direct_connect.enabled || length(var.direct_connect.allowed_prefixes) > 0
    error_message = "a Direct Connect gateway associated with a Transit Gateway needs allowed_prefixes."
  }

  validation {
    condition     = !var.direct_connect.enabled || var.direct_connect.association_route_table_id != null
    error_message = "direct_connect.association_route_table_id is required when Direct Connect is enabled: the TGW has no default route table."
  }
}

variable "log_retention_days" {
  description = "Retention of the VPN tunnel log group."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (e.g. 30, 90, 365)."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key ARN for the VPN tunnel log group; null creates a dedicated CMK when the VPN is enabled."
  type        = string
  default     = null

  validation {
    condition     = var.log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.log_kms_key_arn))
    error_message = "log_kms_key_arn must be a KMS key ARN."
  }
}
