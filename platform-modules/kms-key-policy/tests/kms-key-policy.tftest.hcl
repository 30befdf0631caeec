variables {
  account_id = "123456789012"
}

run "account_administers_the_key_alone_by_default" {
  command = plan

  assert {
    condition = jsondecode(output.json) == {
      Version = "2012-10-17"
      Statement = [{
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "kms:*"
        Resource  = "*"
      }]
    }
    error_message = "the default policy holds only the account administration statement, for this account's root"
  }
}

run "caller_statements_follow_the_administration" {
  command = plan

  variables {
    partition = "aws-us-gov"
    statements = [
      {
        Sid       = "CloudWatchLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.us-gov-west-1.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*"]
        Resource  = "*"
        Condition = { ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:*" } }
      },
      {
        Sid       = "Route53Grant"
        Effect    = "Allow"
        Principal = { Service = "dnssec-route53.amazonaws.com" }
        Action    = "kms:CreateGrant"
        Resource  = "*"
      },
    ]
  }

  assert {
    condition     = [for s in jsondecode(output.json).Statement : s.Sid] == ["AccountAdministration", "CloudWatchLogs", "Route53Grant"]
    error_message = "the caller's statements come after the administration statement, in order"
  }

  assert {
    condition     = output.document.Statement[0].Principal.AWS == "arn:aws-us-gov:iam::123456789012:root" && jsondecode(output.json).Statement[1].Condition.ArnLike != null
    error_message = "the root principal is in the given partition and the caller's statements keep their conditions"
  }
}

run "log_group_statement_scopes_cloudwatch_logs_to_one_group" {
  command = plan

  variables {
    cloudwatch_log_group = { name = "/vpc/prod-euw1/flow-logs", region = "eu-west-1" }
    statements           = [{ Sid = "Extra", Effect = "Allow", Principal = { Service = "sns.amazonaws.com" }, Action = "kms:Decrypt", Resource = "*" }]
  }

  assert {
    condition     = [for s in output.document.Statement : s.Sid] == ["AccountAdministration", "CloudWatchLogsUsesKeyForThisGroup", "Extra"]
    error_message = "the log group statement follows the administration, before the caller's statements"
  }

  assert {
    condition = (
      output.document.Statement[1].Principal.Service == "logs.eu-west-1.amazonaws.com" &&
      output.document.Statement[1].Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"] == "arn:aws:logs:eu-west-1:123456789012:log-group:/vpc/prod-euw1/flow-logs" &&
      !contains(output.document.Statement[1].Action, "kms:*")
    )
    error_message = "the logs service of the group's region may use the key only for that group, and not administer it"
  }
}

run "rejects_bad_inputs" {
  command = plan

  variables {
    account_id           = "12345"
    partition            = "azure"
    cloudwatch_log_group = { name = "/x", region = "moon" }
    statements           = [{ Effect = "Allow", Action = "kms:Decrypt" }]
  }

  expect_failures = [var.account_id, var.partition, var.cloudwatch_log_group, var.statements]
}
