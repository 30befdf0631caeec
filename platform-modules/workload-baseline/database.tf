locals {
  db_major = split(".", var.db_engine_version)[0]
}

resource "aws_db_subnet_group" "this" {
  name        = "${var.name}-db"
  description = "Isolated tier of ${var.name}"
  subnet_ids  = var.isolated_subnet_ids
  tags        = local.common_tags
}

# TLS-only connections and query logging that the log exports ship to CloudWatch.
resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.name}-pg${local.db_major}-"
  family      = "postgres${local.db_major}"
  description = "PostgreSQL ${local.db_major} settings of ${var.name}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }

  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  tags = local.common_tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_iam_role" "rds_monitoring" {
  count = var.enable_database && var.db_monitoring_interval > 0 ? 1 : 0

  name = "${var.name}-rds-monitoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.common_tags
}

resource "aws_iam_role_policy_attachment" "rds_monitoring" {
  count = var.enable_database && var.db_monitoring_interval > 0 ? 1 : 0

  role       = aws_iam_role.rds_monitoring[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "this" {
  # checkov:skip=CKV_AWS_157: multi_az is the spec's choice per environment (environments[].database.multiAz): staging and prod run multi-AZ, dev a single instance
  # checkov:skip=CKV_AWS_293: deletion protection is the spec's choice per environment (environments[].database.deletionProtection): on in staging and prod; dev is disposable and rebuilt from code
  count = var.enable_database ? 1 : 0

  identifier     = "${var.name}-db"
  engine         = "postgres"
  engine_version = var.db_engine_version
  instance_class = var.db_instance_class
  db_name        = var.db_name
  username       = var.db_master_username

  # RDS generates the master password, keeps it in Secrets Manager under the environment key and
  # rotates it; it never appears in Terraform.
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  allocated_storage     = var.db_allocated_storage_gb
  max_allocated_storage = var.db_max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.this.name
  ca_cert_identifier     = var.db_ca_cert_identifier

  iam_database_authentication_enabled = true

  backup_retention_period   = var.db_backup_retention_days
  backup_window             = "03:00-04:00"
  maintenance_window        = "sun:04:30-sun:05:30"
  copy_tags_to_snapshot     = true
  deletion_protection       = var.db_deletion_protection
  skip_final_snapshot       = var.db_skip_final_snapshot
  final_snapshot_identifier = var.db_skip_final_snapshot ? null : "${var.name}-db-final"

  auto_minor_version_upgrade      = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  performance_insights_enabled          = var.db_performance_insights_enabled
  performance_insights_kms_key_id       = var.db_performance_insights_enabled ? var.kms_key_arn : null
  performance_insights_retention_period = var.db_performance_insights_enabled ? 7 : null

  monitoring_interval = var.db_monitoring_interval
  monitoring_role_arn = var.db_monitoring_interval > 0 ? aws_iam_role.rds_monitoring[0].arn : null

  tags = merge(local.common_tags, { Name = "${var.name}-db" })

  depends_on = [aws_iam_role_policy_attachment.rds_monitoring]
}

locals {
  replicate_backups = var.enable_database && var.enable_backup_replication
  create_dr_key     = local.replicate_backups && var.dr_kms_key_arn == null
  dr_kms_key_arn    = local.create_dr_key ? one(aws_kms_key.dr_backups[*].arn) : var.dr_kms_key_arn
}

data "aws_region" "dr" {
  provider = aws.dr
}

# The key of the replicated backups, when none is given: a key of this account in the
# disaster-recovery region, so a restore there does not depend on the primary region's key.
resource "aws_kms_key" "dr_backups" {
  count    = local.create_dr_key ? 1 : 0
  provider = aws.dr

  description             = "${var.name}: replicated database backups in ${data.aws_region.dr.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  # RDS uses the key with the permissions of whoever calls it, which IAM grants through the account.
  policy = module.dr_backups_key_policy.json
  tags   = merge(local.common_tags, { Name = "${var.name}-dr-backups" })
}

module "dr_backups_key_policy" {
  source = "../kms-key-policy"

  account_id = data.aws_caller_identity.current.account_id
  partition  = local.partition
}

resource "aws_kms_alias" "dr_backups" {
  count    = local.create_dr_key ? 1 : 0
  provider = aws.dr

  name          = "alias/${var.name}-dr-backups"
  target_key_id = aws_kms_key.dr_backups[0].key_id
}

# Cross-region automated backups in the disaster-recovery region (warm standby restores from them).
resource "aws_db_instance_automated_backups_replication" "dr" {
  # checkov:skip=CKV_AWS_245: kms_key_id is always set, to the given key or the module's DR key; a plan that creates that key shows the ARN as unknown, which checkov reads as unset
  count    = local.replicate_backups ? 1 : 0
  provider = aws.dr

  source_db_instance_arn = aws_db_instance.this[0].arn
  kms_key_id             = local.dr_kms_key_arn
  retention_period       = var.dr_backup_retention_days
}
