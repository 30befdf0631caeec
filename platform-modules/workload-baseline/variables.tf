variable "name" {
  description = "Prefix for resource names, e.g. allergyhub-prod-clinic-api. Kept short because load balancer and target group names allow 32 characters."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}[a-z0-9]$", var.name))
    error_message = "name must be 3-24 characters of lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags merged into every taggable resource (callers also set provider default_tags)."
  type        = map(string)
  default     = {}
}

variable "environment" {
  description = "Environment of the workload (dev, staging, prod); tagged everywhere."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.environment))
    error_message = "environment must be lower-case letters, digits and hyphens."
  }
}

# --- Network (from the spoke-vpc module's outputs)

variable "vpc_id" {
  description = "Spoke VPC of the workload."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "public_subnet_ids" {
  description = "Public-tier subnets, one per availability zone, for the load balancer."
  type        = list(string)

  validation {
    condition     = alltrue([for s in var.public_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "public_subnet_ids must be subnet IDs (subnet-...)."
  }
}

variable "private_subnet_ids" {
  description = "Private-tier subnets, one per availability zone, for the application instances."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) > 0 && alltrue([for s in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "private_subnet_ids must be one or more subnet IDs (subnet-...)."
  }
}

variable "isolated_subnet_ids" {
  description = "Isolated (data) tier subnets, at least two availability zones, for the database subnet group."
  type        = list(string)

  validation {
    condition     = length(var.isolated_subnet_ids) >= 2 && alltrue([for s in var.isolated_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "isolated_subnet_ids must be at least two subnet IDs (RDS needs two availability zones)."
  }
}

# --- Load balancer

variable "enable_load_balancer" {
  description = "Create the Application Load Balancer, its HTTPS listener and target group. Switchable because the provider waits over a minute on a new ALB and a local target does not need one; real targets keep it."
  type        = bool
  default     = true
}

variable "certificate_arn" {
  description = "ACM certificate (in the workload's region) for the HTTPS listener, from the dns-certificates module."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }

  validation {
    condition     = !var.enable_load_balancer || var.certificate_arn != null
    error_message = "The HTTPS listener needs certificate_arn when enable_load_balancer is on."
  }
}

variable "ssl_policy" {
  description = "TLS security policy of the HTTPS listener; TLS 1.2 or later only."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = contains(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-FS-1-2-Res-2020-10"], var.ssl_policy)
    error_message = "ssl_policy must be one of the TLS 1.2+ policies (ELBSecurityPolicy-TLS13-1-2-2021-06, ...-TLS13-1-2-Res-2021-06, ...-TLS13-1-3-2021-06, ...-TLS-1-2-2017-01, ...-FS-1-2-Res-2020-10)."
  }
}

variable "alb_deletion_protection" {
  description = "Protect the load balancer from deletion (on in staging and prod)."
  type        = bool
  default     = true
}

variable "alb_access_logs_bucket" {
  description = "An existing S3 bucket (with the ELB log delivery policy) for the load balancer's access logs. Leave null to have the module create one in this account."
  type        = string
  default     = null

  validation {
    condition     = var.alb_access_logs_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.alb_access_logs_bucket))
    error_message = "alb_access_logs_bucket must be an S3 bucket name."
  }
}

variable "alb_access_log_retention_days" {
  description = "Days the module's access-log bucket keeps the load balancer's logs."
  type        = number
  default     = 365

  validation {
    condition     = var.alb_access_log_retention_days >= 1 && floor(var.alb_access_log_retention_days) == var.alb_access_log_retention_days
    error_message = "alb_access_log_retention_days must be a whole number of days, at least 1."
  }
}

variable "alb_ingress_prefix_list_ids" {
  description = "Managed prefix lists allowed to reach the load balancer on 443, e.g. the CloudFront origin-facing list (network.securityGroupIntent: public from cloudfront)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.alb_ingress_prefix_list_ids : can(regex("^pl-[0-9a-f]+$", p))])
    error_message = "alb_ingress_prefix_list_ids must be prefix list IDs (pl-...)."
  }
}

variable "alb_ingress_cidr_blocks" {
  description = "Extra CIDR ranges allowed to reach the load balancer on 443."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.alb_ingress_cidr_blocks : can(cidrhost(c, 0)) && c != "0.0.0.0/0"])
    error_message = "alb_ingress_cidr_blocks must be valid CIDR blocks other than 0.0.0.0/0 (the load balancer sits behind CloudFront)."
  }
}

variable "app_port" {
  description = "Port the application listens on (network.securityGroupIntent: private on 8080)."
  type        = number
  default     = 8080

  validation {
    condition     = var.app_port >= 1024 && var.app_port <= 65535
    error_message = "app_port must be an unprivileged port, 1024-65535."
  }
}

variable "app_ingress_cidr_blocks" {
  description = "CIDR ranges besides the load balancer allowed to reach the application port, e.g. the hub VPC running CI runners."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.app_ingress_cidr_blocks : can(cidrhost(c, 0)) && c != "0.0.0.0/0"])
    error_message = "app_ingress_cidr_blocks must be valid CIDR blocks other than 0.0.0.0/0."
  }
}

variable "health_check_path" {
  description = "HTTP path the target group probes."
  type        = string
  default     = "/health"

  validation {
    condition     = startswith(var.health_check_path, "/")
    error_message = "health_check_path must start with /."
  }
}

# --- Compute

variable "ami_id" {
  description = "AMI of the application instances."
  type        = string

  validation {
    condition     = can(regex("^ami-[0-9a-f]{8,17}$", var.ami_id))
    error_message = "ami_id must be an AMI ID (ami-...)."
  }
}

variable "instance_type" {
  description = "Instance type (environments[].compute.instanceType)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "instance_type must look like t3.small or m6i.large."
  }
}

variable "spot_instance_types" {
  description = "Instance types the spot pool may use besides instance_type (with spot on)."
  type        = list(string)
  default     = []
}

variable "min_size" {
  description = "Minimum instances in the autoscaling group."
  type        = number

  validation {
    condition     = var.min_size >= 0 && floor(var.min_size) == var.min_size
    error_message = "min_size must be a whole number, 0 or more."
  }
}

variable "max_size" {
  description = "Maximum instances in the autoscaling group."
  type        = number

  validation {
    condition     = var.max_size >= 1 && var.max_size >= var.min_size
    error_message = "max_size must be at least 1 and at least min_size."
  }
}

variable "desired_capacity" {
  description = "Instances the group starts with."
  type        = number

  validation {
    condition     = var.desired_capacity >= var.min_size && var.desired_capacity <= var.max_size
    error_message = "desired_capacity must lie between min_size and max_size."
  }
}

variable "spot" {
  description = "Run the group on spot capacity through a mixed instances policy (cheap, interruptible: development only)."
  type        = bool
  default     = false
}

variable "root_volume_size_gb" {
  description = "Root EBS volume size of the instances, in GiB."
  type        = number
  default     = 30

  validation {
    condition     = var.root_volume_size_gb >= 8 && var.root_volume_size_gb <= 16384
    error_message = "root_volume_size_gb must be from 8 to 16384."
  }
}

variable "enable_instance_refresh" {
  description = "Roll instances when the launch template changes (instance refresh, 90% kept healthy). Switchable because the local emulator does not implement StartInstanceRefresh and the provider retries it until it times out."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Environment KMS key (from the secrets module) for EBS volumes, the database, its master secret and Performance Insights."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "instance_policy_arns" {
  description = "Extra IAM policies for the instance role, e.g. the secrets module's reader policy for this workload."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.instance_policy_arns : can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", p))])
    error_message = "instance_policy_arns must be IAM policy ARNs."
  }
}

variable "user_data" {
  description = "Cloud-init user data of the instances (plain text; encoded here). Never put secrets in it: instances read them from Secrets Manager."
  type        = string
  default     = ""
}

# --- Database

variable "db_engine_version" {
  description = "PostgreSQL engine version (environments[].database.engineVersion)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{2}(\\.[0-9]+)?$", var.db_engine_version))
    error_message = "db_engine_version must look like 16.4."
  }
}

variable "db_instance_class" {
  description = "Database instance class (environments[].database.instanceClass)."
  type        = string

  validation {
    condition     = startswith(var.db_instance_class, "db.")
    error_message = "db_instance_class must start with db."
  }
}

variable "db_allocated_storage_gb" {
  description = "Initial database storage, in GiB."
  type        = number

  validation {
    condition     = var.db_allocated_storage_gb >= 20 && var.db_allocated_storage_gb <= 65536
    error_message = "db_allocated_storage_gb must be from 20 to 65536."
  }
}

variable "db_max_allocated_storage_gb" {
  description = "Ceiling for storage autoscaling, in GiB; above db_allocated_storage_gb."
  type        = number

  validation {
    condition     = var.db_max_allocated_storage_gb > var.db_allocated_storage_gb && var.db_max_allocated_storage_gb <= 65536
    error_message = "db_max_allocated_storage_gb must exceed db_allocated_storage_gb (storage autoscaling) and be at most 65536."
  }
}

variable "multi_az" {
  description = "Run the database with a synchronous standby in a second zone. Switchable because a local target does not need one (the provider waits over a minute on it); staging and prod keep it on."
  type        = bool
  default     = true
}

variable "db_backup_retention_days" {
  description = "Days of automated backups (environments[].database.backupRetentionDays)."
  type        = number
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be from 1 to 35."
  }
}

variable "db_deletion_protection" {
  description = "Protect the database from deletion (environments[].database.deletionProtection)."
  type        = bool
  default     = true
}

variable "db_name" {
  description = "Name of the initial database."
  type        = string
  default     = "app"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must be 1-63 lower-case letters, digits or underscores, starting with a letter."
  }
}

variable "db_master_username" {
  description = "Master user name; its password is generated, stored and rotated by RDS in Secrets Manager."
  type        = string
  default     = "platform_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_master_username)) && !contains(["postgres", "admin", "rdsadmin"], var.db_master_username)
    error_message = "db_master_username must be 1-63 lower-case letters, digits or underscores and not a reserved name."
  }
}

variable "db_performance_insights_enabled" {
  description = "Turn on Performance Insights (encrypted with kms_key_arn). Off only for instance classes that do not support it."
  type        = bool
  default     = true
}

variable "db_monitoring_interval" {
  description = "Seconds between enhanced monitoring samples (0 turns it off)."
  type        = number
  default     = 60

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.db_monitoring_interval)
    error_message = "db_monitoring_interval must be 0, 1, 5, 10, 15, 30 or 60."
  }
}

variable "db_ca_cert_identifier" {
  description = "Certificate authority of the database's server certificate; null keeps the engine's default. The local emulator ignores it, and a value then costs a modify-and-wait after every create, so a local target passes null."
  type        = string
  default     = "rds-ca-rsa2048-g1"

  validation {
    condition     = var.db_ca_cert_identifier == null || can(regex("^rds-ca-[a-z0-9-]+$", var.db_ca_cert_identifier))
    error_message = "db_ca_cert_identifier must be an RDS CA name such as rds-ca-rsa2048-g1."
  }
}

variable "db_skip_final_snapshot" {
  description = "Skip the final snapshot on destroy; only for throw-away environments."
  type        = bool
  default     = false
}

# --- Disaster recovery

variable "enable_database" {
  description = "Create the PostgreSQL instance. Off only where an instance cannot exist (a local emulator that can tell just one instance apart); the subnet group, parameter group and security group stay."
  type        = bool
  default     = true
}

variable "enable_backup_replication" {
  description = "Replicate automated backups to the disaster-recovery region through the aws.dr provider (disasterRecovery.databaseReplication: cross-region-backups). Switchable because only prod has a DR region and the local emulator does not serve it."
  type        = bool
  default     = true
}

variable "dr_kms_key_arn" {
  description = "An existing KMS key in the disaster-recovery region for the replicated backups. Leave null to have the module create one there."
  type        = string
  default     = null

  validation {
    condition     = var.dr_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.dr_kms_key_arn))
    error_message = "dr_kms_key_arn must be a KMS key ARN."
  }
}

variable "dr_backup_retention_days" {
  description = "Days the replicated backups are kept in the disaster-recovery region."
  type        = number
  default     = 7

  validation {
    condition     = var.dr_backup_retention_days >= 1 && var.dr_backup_retention_days <= 35
    error_message = "dr_backup_retention_days must be from 1 to 35."
  }
}
