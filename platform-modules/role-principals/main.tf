# A role named as a policy's principal must exist when the policy is written, and the pipelines'
# roles are made by later stacks. So a policy names the roles' accounts as principals and narrows
# them to the roles themselves with aws:PrincipalArn, which holds before and after the roles exist.
locals {
  accounts = distinct([for arn in var.role_arns : "arn:${var.partition}:iam::${split(":", arn)[4]}:root"])
}
