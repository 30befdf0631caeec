variable "name" {
  description = "Prefix for resource names and Name tags (e.g. hub-use1)."
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

variable "amazon_side_asn" {
  description = "Private BGP ASN of the Transit Gateway; distinct per hub so peered and VPN routes stay unambiguous."
  type        = number

  validation {
    condition     = (var.amazon_side_asn >= 64512 && var.amazon_side_asn <= 65534) || (var.amazon_side_asn >= 4200000000 && var.amazon_side_asn <= 4294967294)
    error_message = "amazon_side_asn must be a private ASN: 64512-65534 or 4200000000-4294967294."
  }
}

variable "route_tables" {
  description = "Names of the TGW route tables (routing domains), e.g. [shared, prod, nonprod]."
  type        = list(string)

  validation {
    condition     = length(var.route_tables) > 0 && length(distinct(var.route_tables)) == length(var.route_tables)
    error_message = "route_tables must list at least one name, without duplicates."
  }

  validation {
    condition     = alltrue([for r in var.route_tables : can(regex("^[a-z][a-z0-9-]{0,30}$", r))])
    error_message = "route_tables names must be lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "hub_route_table" {
  description = "Route table the hub VPC's own attachment (and the peering attachment) is associated with."
  type        = string
  default     = "shared"

  validation {
    condition     = contains(var.route_tables, var.hub_route_table)
    error_message = "hub_route_table must be one of route_tables."
  }
}

variable "hub_propagation_route_tables" {
  description = "Route tables the hub VPC's CIDR is propagated into; null means all of them, so every domain reaches shared services. The local emulator (moto 5.2) keeps one propagation per attachment and fails to remove a second one, so the local target lists only the hub's own table."
  type        = list(string)
  default     = null

  validation {
    condition     = var.hub_propagation_route_tables == null || alltrue([for r in coalesce(var.hub_propagation_route_tables, []) : contains(var.route_tables, r)])
    error_message = "every hub_propagation_route_tables entry must be one of route_tables."
  }
}

variable "egress_route_tables" {
  description = "Route tables that get a default route to the hub attachment (central egress); null means every table except hub_route_table."
  type        = list(string)
  default     = null

  validation {
    condition     = var.egress_route_tables == null || alltrue([for r in coalesce(var.egress_route_tables, []) : contains(var.route_tables, r)])
    error_message = "every egress_route_tables entry must be one of route_tables."
  }
}

variable "auto_accept_shared_attachments" {
  description = "Let attachments from accounts the TGW is shared with become active without acceptance. Off: cross-account spokes are accepted explicitly through spoke_attachments (accept = true)."
  type        = bool
  default     = false
}

variable "enable_ram_share" {
  description = "Share the Transit Gateway through RAM so spoke accounts can attach. A switch because the local emulator (moto) cannot read RAM shares back."
  type        = bool
  default     = true
}

variable "ram_principals" {
  description = "Principals the Transit Gateway is shared with: normally the organization ARN (from the organization module)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.ram_principals : can(regex("^(arn:aws[a-z-]*:organizations::\\d{12}:(organization|ou)/.+|\\d{12})$", p))])
    error_message = "ram_principals entries must be an organization or OU ARN, or a 12-digit account ID."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the hub VPC."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be an IPv4 CIDR."
  }
}

variable "availability_zones" {
  description = "Availability zones of the hub VPC; subnet lists are in the same order."
  type        = list(string)
}

variable "public_subnet_cidrs" {
  description = "Public-tier subnet CIDRs (NAT gateways), one per AZ."
  type        = list(string)
}

variable "private_subnet_cidrs" {
  description = "Private-tier subnet CIDRs (shared services, the hub's TGW attachment), one per AZ."
  type        = list(string)
}

variable "isolated_subnet_cidrs" {
  description = "Isolated-tier subnet CIDRs (shared data stores), one per AZ."
  type        = list(string)
}

variable "central_egress" {
  description = "Create NAT gateways (one per AZ) and an internet gateway so spokes reach the internet through this hub."
  type        = bool
  default     = true
}

variable "spoke_cidrs" {
  description = "CIDRs reached over the Transit Gateway from the hub VPC (the spokes' supernets); NAT replies to spokes follow these routes."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.spoke_cidrs : can(cidrhost(c, 0))])
    error_message = "spoke_cidrs entries must be IPv4 CIDRs."
  }
}

variable "interface_endpoints" {
  description = "Interface VPC endpoints in the hub VPC, by service short name."
  type        = list(string)
  default     = []
}

variable "flow_log_retention_days" {
  description = "Retention of the hub VPC flow log group."
  type        = number
  default     = 365
}

variable "flow_log_kms_key_arn" {
  description = "KMS key ARN for the flow log group; null creates a dedicated CMK."
  type        = string
  default     = null
}

variable "spoke_attachments" {
  description = "Spoke VPC attachments (from other accounts' stacks) whose association and propagation the hub account does, because only the TGW owner may. propagate_to names route tables; accept = true accepts a cross-account attachment that is pending acceptance."
  type = list(object({
    name          = string
    attachment_id = string
    route_table   = string
    propagate_to  = list(string)
    accept        = optional(bool, false)
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.spoke_attachments : contains(var.route_tables, s.route_table) && alltrue([for p in s.propagate_to : contains(var.route_tables, p)])])
    error_message = "spoke_attachments route_table and propagate_to entries must be names in route_tables."
  }

  validation {
    condition     = alltrue([for s in var.spoke_attachments : can(regex("^tgw-attach-[0-9a-f]+$", s.attachment_id))])
    error_message = "spoke_attachments attachment_id must be a TGW attachment ID (tgw-attach-...)."
  }
}

variable "enable_peering" {
  description = "Peer this hub's TGW with the DR region's TGW (requester here, accepter through the aws.dr provider). A plain switch so the plan's shape is known before the peer TGW exists."
  type        = bool
  default     = false
}

variable "peering" {
  description = <<-EOT
    The inter-region peering, used when enable_peering is true. peer_transit_gateway_id and peer_region
    name the DR hub's TGW; peer_account_id defaults to this account. Routes for peer_cidrs go into
    route_tables here; routes for local_cidrs go into peer_route_table_id on the accepter side, which
    is also associated with the peering attachment (required when local_cidrs is not empty).
  EOT
  type = object({
    peer_transit_gateway_id = string
    peer_region             = string
    peer_account_id         = optional(string)
    peer_cidrs              = list(string)
    route_tables            = list(string)
    local_cidrs             = list(string)
    peer_route_table_id     = optional(string)
  })
  default = null

  validation {
    condition     = var.peering == null || can(regex("^[a-z]{2}(-gov)?-[a-z]+-\\d$", var.peering.peer_region))
    error_message = "peering.peer_region must be a region name such as us-west-2."
  }

  validation {
    condition     = var.peering == null || alltrue([for c in concat(try(var.peering.peer_cidrs, []), try(var.peering.local_cidrs, [])) : can(cidrhost(c, 0))])
    error_message = "peering.peer_cidrs and peering.local_cidrs entries must be IPv4 CIDRs."
  }

  validation {
    condition     = var.peering == null || alltrue([for r in try(var.peering.route_tables, []) : contains(var.route_tables, r)])
    error_message = "peering.route_tables entries must be names in route_tables."
  }

  validation {
    condition     = !var.enable_peering || var.peering != null
    error_message = "enable_peering needs the peering object."
  }

  validation {
    condition     = var.peering == null || length(try(var.peering.local_cidrs, [])) == 0 || try(var.peering.peer_route_table_id, null) != null
    error_message = "peering.peer_route_table_id is required when peering.local_cidrs is not empty."
  }
}

variable "transit_gateway_default_route_table_association" {
  description = "Passed to the hub VPC's attachment. Leave false on AWS (this TGW has no default route table); the local emulator (moto 5.2) needs true because it always associates attachments with a default route table and fails to disassociate them."
  type        = bool
  default     = false
}
