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

run "rejects_bad_inputs" {
  command = plan

  variables {
    account_id = "12345"
    partition  = "azure"
    statements = [{ Effect = "Allow", Action = "kms:Decrypt" }]
  }

  expect_failures = [var.account_id, var.partition, var.statements]
}
