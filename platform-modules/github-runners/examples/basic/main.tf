provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = { Platform = "allergyhub" }
  }
}

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

module "github_runners" {
  source = "../.."

  name                     = "allergyhub-runners"
  vpc_id                   = "vpc-0123456789abcdef0"
  subnet_ids               = ["subnet-00000000000000011", "subnet-00000000000000012", "subnet-00000000000000013"]
  ami_id                   = nonsensitive(data.aws_ssm_parameter.al2023.value)
  instance_type            = "t3.large"
  min_size                 = 0
  max_size                 = 4
  github_organization      = "allergyhub"
  labels                   = ["self-hosted", "linux", "x64", "plinth"]
  registration_secret_name = "github/runner-registration"
}

output "autoscaling_group_name" {
  value = module.github_runners.autoscaling_group_name
}
