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

variable "environment" {
  description = "Environment this stack observes (dev, staging, prod); names the sampling rule and is tagged everywhere."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,15}$", var.environment))
    error_message = "environment must be 1-16 lower-case letters, digits and hyphens."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key (the environment key from the secrets module) that encrypts log groups, topics, the Firehose stream, its backup bucket and the OpenSearch domain. Its policy must let CloudWatch Logs and SNS use it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "log_groups" {
  description = "CloudWatch log groups to create; retention_days overrides log_retention_days for one group."
  type = list(object({
    name           = string
    retention_days = optional(number)
  }))
  default = []

  validation {
    condition     = alltrue([for g in var.log_groups : can(regex("^[A-Za-z0-9_/.#-]{1,512}$", g.name))])
    error_message = "Log group names may contain only letters, digits and _/.#- (at most 512 characters)."
  }

  validation {
    condition = alltrue([for g in var.log_groups : g.retention_days == null || contains(
      [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
    coalesce(g.retention_days, 1))])
    error_message = "retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }

  validation {
    condition     = length(distinct([for g in var.log_groups : g.name])) == length(var.log_groups)
    error_message = "Log group names must be unique."
  }
}

variable "log_retention_days" {
  description = "Default retention of the log groups, from observability.logRetentionDays for the environment."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "enable_log_pipeline" {
  description = "Create the Kinesis Data Firehose stream and subscribe every log group to it. Off only where no log shipping is wanted."
  type        = bool
  default     = true
}

variable "log_subscription_filter_pattern" {
  description = "CloudWatch Logs filter pattern of the subscriptions; empty ships every event."
  type        = string
  default     = ""
}

variable "firehose_buffer_seconds" {
  description = "Seconds Firehose buffers before delivering (observability.logPipeline.firehoseBufferSeconds)."
  type        = number
  default     = 60

  validation {
    condition     = var.firehose_buffer_seconds >= 0 && var.firehose_buffer_seconds <= 900
    error_message = "firehose_buffer_seconds must be from 0 to 900."
  }
}

variable "log_backup_retention_days" {
  description = "Days the Firehose backup bucket keeps objects (failed deliveries, or all logs when OpenSearch is off); matches observability.logPipeline.openSearchRetentionDays."
  type        = number
  default     = 90

  validation {
    condition     = var.log_backup_retention_days >= 1 && var.log_backup_retention_days <= 3653
    error_message = "log_backup_retention_days must be from 1 to 3653."
  }
}

variable "s3_access_logs_bucket" {
  description = "Bucket that receives S3 server access logs of the backup bucket (the log-archive bucket); null leaves access logging off."
  type        = string
  default     = null
}

variable "enable_opensearch" {
  description = "Create the OpenSearch domain that Firehose delivers to. Switchable because the provider waits about 10 minutes on a new domain and the local emulator cannot run one; when off, Firehose delivers to the S3 backup bucket instead."
  type        = bool
  default     = true
}

variable "opensearch_domain_name" {
  description = "OpenSearch domain name (observability.logPipeline.openSearchDomain)."
  type        = string
  default     = "logs"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,27}$", var.opensearch_domain_name))
    error_message = "opensearch_domain_name must be 3-28 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "opensearch_engine_version" {
  description = "OpenSearch engine version of the domain."
  type        = string
  default     = "OpenSearch_2.13"

  validation {
    condition     = can(regex("^OpenSearch_[0-9]+\\.[0-9]+$", var.opensearch_engine_version))
    error_message = "opensearch_engine_version must look like OpenSearch_2.13."
  }
}

variable "opensearch_instance_type" {
  description = "Data node instance type (observability.logPipeline.openSearchInstanceType)."
  type        = string
  default     = "r6g.large.search"

  validation {
    condition     = endswith(var.opensearch_instance_type, ".search")
    error_message = "opensearch_instance_type must be an OpenSearch instance type ending in .search."
  }
}

variable "opensearch_instance_count" {
  description = "Number of data nodes; 3 or more spreads them over three availability zones."
  type        = number
  default     = 3

  validation {
    condition     = var.opensearch_instance_count >= 1 && var.opensearch_instance_count <= 80
    error_message = "opensearch_instance_count must be from 1 to 80."
  }
}

variable "opensearch_dedicated_master_enabled" {
  description = "Run three dedicated master nodes so cluster management survives the loss of a data node or zone."
  type        = bool
  default     = true
}

variable "opensearch_master_instance_type" {
  description = "Instance type of the three dedicated master nodes."
  type        = string
  default     = "m6g.large.search"

  validation {
    condition     = endswith(var.opensearch_master_instance_type, ".search")
    error_message = "opensearch_master_instance_type must be an OpenSearch instance type ending in .search."
  }
}

variable "opensearch_volume_size_gb" {
  description = "EBS volume size per data node, in GiB."
  type        = number
  default     = 100

  validation {
    condition     = var.opensearch_volume_size_gb >= 10 && var.opensearch_volume_size_gb <= 16384
    error_message = "opensearch_volume_size_gb must be from 10 to 16384."
  }
}

variable "opensearch_vpc_id" {
  description = "VPC that holds the OpenSearch domain; the domain is reachable only inside it."
  type        = string
  default     = null

  validation {
    condition     = var.opensearch_vpc_id == null || can(regex("^vpc-[0-9a-f]+$", var.opensearch_vpc_id))
    error_message = "opensearch_vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "opensearch_subnet_ids" {
  description = "Private subnets for the OpenSearch domain and Firehose's network interfaces, one per availability zone (up to three)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.opensearch_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))]) && length(var.opensearch_subnet_ids) <= 3
    error_message = "opensearch_subnet_ids must be at most three subnet IDs (subnet-...)."
  }

  validation {
    condition     = !var.enable_opensearch || (length(var.opensearch_subnet_ids) > 0 && var.opensearch_vpc_id != null)
    error_message = "With enable_opensearch the domain lives in a VPC: give opensearch_vpc_id and at least one subnet."
  }
}

variable "opensearch_allowed_cidr_blocks" {
  description = "Extra CIDR ranges (e.g. the hub VPC running dashboards users' VPN) that may reach the domain on 443; Firehose is always allowed."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.opensearch_allowed_cidr_blocks : can(cidrhost(c, 0))])
    error_message = "opensearch_allowed_cidr_blocks must be valid CIDR blocks."
  }
}

variable "opensearch_master_role_arn" {
  description = "An existing IAM role to be the fine-grained access control master of the domain. Leave null to have the module create one that opensearch_admin_role_patterns may assume."
  type        = string
  default     = null

  validation {
    condition     = var.opensearch_master_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.opensearch_master_role_arn))
    error_message = "opensearch_master_role_arn must be an IAM role ARN."
  }

  validation {
    condition     = !var.enable_opensearch || var.opensearch_master_role_arn != null || length(var.opensearch_admin_role_patterns) > 0
    error_message = "With enable_opensearch, fine-grained access control needs a master: give opensearch_master_role_arn, or opensearch_admin_role_patterns for the role the module creates."
  }
}

variable "opensearch_admin_role_patterns" {
  description = "Roles of this account, as path/name patterns (e.g. aws-reserved/sso.amazonaws.com/AWSReservedSSO_PlatformAdministrator_*, the role Identity Center provisions for a permission set, whose suffix is not known in advance), that may assume the domain's master role when the module creates it."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.opensearch_admin_role_patterns : can(regex("^[A-Za-z0-9+=,.@_/*-]{1,512}$", p)) && !startswith(p, "/") && p != "*"])
    error_message = "opensearch_admin_role_patterns must be role path/name patterns without a leading slash (letters, digits, +=,.@_-/ and *), and not a bare *."
  }
}

variable "enable_prometheus" {
  description = "Create the Amazon Managed Prometheus workspace. Switchable because its pricing approval is pending (observability.prometheus.enabled), and because the local emulator drops the workspace's KMS key, so every later plan would replace it."
  type        = bool
  default     = true
}

variable "prometheus_workspace_alias" {
  description = "Alias of the Managed Prometheus workspace (observability.prometheus.workspace)."
  type        = string
  default     = "metrics"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,100}$", var.prometheus_workspace_alias))
    error_message = "prometheus_workspace_alias must be 1-100 letters, digits, _, . or -."
  }
}

variable "enable_grafana" {
  description = "Create the Amazon Managed Grafana workspace. Switchable because its pricing approval is pending and the local emulator cannot serve Grafana workspaces."
  type        = bool
  default     = true
}

variable "grafana_workspace_name" {
  description = "Name of the Managed Grafana workspace (observability.grafana.workspace)."
  type        = string
  default     = "dashboards"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{1,255}$", var.grafana_workspace_name))
    error_message = "grafana_workspace_name must be 1-255 letters, digits, _, . or -."
  }
}

variable "grafana_authentication_providers" {
  description = "How people sign in to Grafana: AWS_SSO (Identity Center, fed by Okta) and/or SAML."
  type        = list(string)
  default     = ["AWS_SSO"]

  validation {
    condition     = length(var.grafana_authentication_providers) > 0 && alltrue([for p in var.grafana_authentication_providers : contains(["AWS_SSO", "SAML"], p)])
    error_message = "grafana_authentication_providers must list AWS_SSO and/or SAML."
  }
}

variable "enable_xray_sampling_rules" {
  description = "Create the X-Ray sampling rule of this environment. Switchable because the local emulator does not serve sampling rules."
  type        = bool
  default     = true
}

variable "tracing_sampling_rate" {
  description = "Fraction of requests traced beyond the reservoir (observability.tracing.samplingRate for the environment)."
  type        = number
  default     = 0.05

  validation {
    condition     = var.tracing_sampling_rate >= 0 && var.tracing_sampling_rate <= 1
    error_message = "tracing_sampling_rate must be from 0 to 1."
  }
}

variable "tracing_reservoir_per_second" {
  description = "Requests per second always traced before the rate applies (observability.tracing.reservoirPerSecond)."
  type        = number
  default     = 1

  validation {
    condition     = var.tracing_reservoir_per_second >= 0 && floor(var.tracing_reservoir_per_second) == var.tracing_reservoir_per_second
    error_message = "tracing_reservoir_per_second must be a whole number, 0 or more."
  }
}

variable "alert_routes" {
  description = "Alert routes (observability.alertRoutes); each gets a KMS-encrypted SNS topic. subscriptions are optional endpoints (e.g. https to a paging service) once their blockers clear."
  type = list(object({
    name     = string
    severity = string
    subscriptions = optional(list(object({
      protocol = string
      endpoint = string
    })), [])
  }))

  validation {
    condition     = length(var.alert_routes) > 0 && alltrue([for r in var.alert_routes : can(regex("^[a-z][a-z0-9-]{0,62}$", r.name))])
    error_message = "Give at least one alert route; names are lower-case letters, digits and hyphens."
  }

  validation {
    condition     = length(distinct([for r in var.alert_routes : r.name])) == length(var.alert_routes)
    error_message = "Alert route names must be unique."
  }

  validation {
    condition     = alltrue(flatten([for r in var.alert_routes : [for s in r.subscriptions : contains(["https", "email", "sqs", "lambda"], s.protocol)]]))
    error_message = "Subscription protocol must be https, email, sqs or lambda (plain http is not allowed)."
  }
}

variable "alarms" {
  description = "CloudWatch metric alarms (observability.alerts for the environment). Each alarm's actions go to its route's topic and its description carries the runbook link."
  type = list(object({
    name               = string
    namespace          = string
    metric             = string
    statistic          = string
    threshold          = number
    comparison         = string
    period_seconds     = number
    evaluation_periods = number
    route              = string
    runbook_url        = string
    dimensions         = optional(map(string), {})
    treat_missing_data = optional(string, "missing")
  }))
  default = []

  validation {
    condition     = alltrue([for a in var.alarms : contains(["SampleCount", "Average", "Sum", "Minimum", "Maximum"], a.statistic)])
    error_message = "statistic must be SampleCount, Average, Sum, Minimum or Maximum."
  }

  validation {
    condition = alltrue([for a in var.alarms : contains([
      "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
    ], a.comparison)])
    error_message = "comparison must be GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold."
  }

  validation {
    condition     = alltrue([for a in var.alarms : contains([10, 30], a.period_seconds) || (a.period_seconds >= 60 && a.period_seconds % 60 == 0)])
    error_message = "period_seconds must be 10, 30 or a multiple of 60."
  }

  validation {
    condition     = alltrue([for a in var.alarms : a.evaluation_periods >= 1 && floor(a.evaluation_periods) == a.evaluation_periods])
    error_message = "evaluation_periods must be a whole number, 1 or more."
  }

  validation {
    condition     = alltrue([for a in var.alarms : contains([for r in var.alert_routes : r.name], a.route)])
    error_message = "Every alarm's route must be one of alert_routes."
  }

  validation {
    condition     = alltrue([for a in var.alarms : can(regex("^https://", a.runbook_url))])
    error_message = "runbook_url must be an https:// link to the runbook."
  }

  validation {
    condition     = length(distinct([for a in var.alarms : a.name])) == length(var.alarms)
    error_message = "Alarm names must be unique."
  }

  validation {
    condition     = alltrue([for a in var.alarms : contains(["breaching", "notBreaching", "ignore", "missing"], a.treat_missing_data)])
    error_message = "treat_missing_data must be breaching, notBreaching, ignore or missing."
  }
}

variable "enable_lifecycle_rules" {
  description = "Apply the bucket lifecycle rules (expiry of old versions and incomplete uploads). Keep true for real accounts; only the local emulator target turns it off, because the provider polls a new lifecycle configuration until it reads back the same several times in a row, which takes about a minute per bucket."
  type        = bool
  default     = true
}
