variable "name" {
  description = "Prefix for resource names and Name tags (e.g. prod-use1)."
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

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC, from the platform address plan."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 28
    error_message = "vpc_cidr must be an IPv4 CIDR with a prefix length between /16 and /28."
  }
}

variable "availability_zones" {
  description = "Availability zones, one subnet per tier in each; the subnet CIDR lists are in the same order."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 1 && length(var.availability_zones) <= 6 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must list 1 to 6 distinct zones."
  }

  validation {
    condition     = alltrue([for az in var.availability_zones : can(regex("^[a-z]{2}(-gov)?-[a-z]+-\\d[a-z]$", az))])
    error_message = "availability_zones entries must be zone names such as us-east-1a."
  }
}

variable "public_subnet_cidrs" {
  description = "Public-tier subnet CIDRs (load balancers, NAT gateways), one per availability zone."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.public_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "public_subnet_cidrs entries must be IPv4 CIDRs."
  }

  validation {
    condition     = length(var.public_subnet_cidrs) == length(var.availability_zones)
    error_message = "public_subnet_cidrs must have one CIDR per availability zone."
  }
}

variable "private_subnet_cidrs" {
  description = "Private-tier subnet CIDRs (application instances, interface endpoints, TGW attachment), one per availability zone."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.private_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "private_subnet_cidrs entries must be IPv4 CIDRs."
  }

  validation {
    condition     = length(var.private_subnet_cidrs) == length(var.availability_zones)
    error_message = "private_subnet_cidrs must have one CIDR per availability zone."
  }
}

variable "isolated_subnet_cidrs" {
  description = "Isolated (data) tier subnet CIDRs, one per availability zone; no route out of the VPC."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.isolated_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "isolated_subnet_cidrs entries must be IPv4 CIDRs."
  }

  validation {
    condition     = length(var.isolated_subnet_cidrs) == length(var.availability_zones)
    error_message = "isolated_subnet_cidrs must have one CIDR per availability zone."
  }
}

variable "egress" {
  description = <<-EOT
    How the private tier reaches the internet. "transit-gateway" (spokes): default route to the
    Transit Gateway, which sends it to the hub's central egress. "nat-gateway" (hubs): a NAT gateway
    per AZ in the public tier. "none": no default route.
  EOT
  type        = string
  default     = "transit-gateway"

  validation {
    condition     = contains(["transit-gateway", "nat-gateway", "none"], var.egress)
    error_message = "egress must be transit-gateway, nat-gateway or none."
  }

  validation {
    condition     = var.egress != "transit-gateway" || var.enable_transit_gateway_attachment
    error_message = "egress = transit-gateway needs enable_transit_gateway_attachment = true (use egress = none for a VPC with no way out)."
  }
}

variable "database_port" {
  description = "TCP port the isolated tier accepts from the private tier (the NACL opens only this one)."
  type        = number
  default     = 5432

  validation {
    condition     = var.database_port >= 1 && var.database_port <= 65535 && floor(var.database_port) == var.database_port
    error_message = "database_port must be an integer between 1 and 65535."
  }
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group; a year by default for HIPAA audit trails."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "flow_log_kms_key_arn" {
  description = "KMS key ARN encrypting the flow log group (e.g. from the secrets module); null creates a dedicated CMK with rotation here."
  type        = string
  default     = null

  validation {
    condition     = var.flow_log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.flow_log_kms_key_arn))
    error_message = "flow_log_kms_key_arn must be a KMS key ARN (arn:aws:kms:...)."
  }
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints in the private tier, by short name (ssm, logs, ecr.api, ...)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.interface_endpoints : can(regex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$", s))])
    error_message = "interface_endpoints entries must be service short names such as ssm or ecr.api."
  }
}

variable "enable_transit_gateway_attachment" {
  description = "Attach the VPC's private subnets to the Transit Gateway. A plain switch (not derived from transit_gateway_id) so the plan's shape is known before the TGW exists."
  type        = bool
  default     = true
}

variable "transit_gateway_id" {
  description = "Transit Gateway to attach to (from the network-hub stack); required when enable_transit_gateway_attachment is true."
  type        = string
  default     = null

  validation {
    condition     = !var.enable_transit_gateway_attachment || var.transit_gateway_id != null
    error_message = "transit_gateway_id is required when enable_transit_gateway_attachment is true."
  }
}

variable "transit_gateway_cidrs" {
  description = "Extra destination CIDRs the public and private tiers route to the Transit Gateway (a hub lists the spokes' supernets so NAT replies return)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.transit_gateway_cidrs : can(cidrhost(c, 0))])
    error_message = "transit_gateway_cidrs entries must be IPv4 CIDRs."
  }
}

variable "manage_transit_gateway_routing" {
  description = "Associate and propagate the attachment here. Only possible when this stack runs in the TGW owner's account; otherwise false, and the network-hub stack does it through its spoke_attachments input."
  type        = bool
  default     = true
}

variable "transit_gateway_route_table_id" {
  description = "TGW route table the attachment is associated with (its routing domain, e.g. prod or nonprod)."
  type        = string
  default     = null

  validation {
    condition     = !(var.enable_transit_gateway_attachment && var.manage_transit_gateway_routing) || var.transit_gateway_route_table_id != null
    error_message = "transit_gateway_route_table_id is required when the attachment's routing is managed here."
  }
}

variable "transit_gateway_propagation_route_table_ids" {
  description = "TGW route tables the attachment propagates its CIDR into, by a caller-chosen name (e.g. { shared = tgw-rtb-... }); names keep the plan stable when IDs are unknown."
  type        = map(string)
  default     = {}
}

variable "transit_gateway_default_route_table_association" {
  description = "Leave false on AWS: the network-hub TGW has no default route table, and Terraform then records the attachment as not associated with one. The local emulator (moto 5.2) always creates and associates a default route table and fails to disassociate it, so the local target sets true."
  type        = bool
  default     = false
}
