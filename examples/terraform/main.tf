# Render a sysext-ign spec into Ignition JSON with the hashicorp/external
# provider, for where the sysext-ign provider cannot be added (see
# ../terraform-provider). Needs `sysext-ign` on PATH (or an absolute path in
# `program`). The result carries the spec's header values and CAs, and
# external cannot mark it sensitive, so the output does.

terraform {
  required_providers {
    external = {
      source  = "hashicorp/external"
      version = "~> 2.3"
    }
  }
}

# sysext-ign reads {"spec": "<YAML>"} on stdin and answers
# {"rendered": "<Ignition JSON>", "butane": "<Butane YAML>"}.
data "external" "sysext" {
  program = ["sysext-ign", "terraform"]
  query = {
    spec = file("${path.module}/spec.yaml")
  }
}

output "rendered" {
  description = "Ignition config to pass to a Flatcar instance as user data."
  value       = data.external.sysext.result.rendered
  sensitive   = true
}

# Hand it to a Flatcar instance, for example on AWS:
#
# resource "aws_instance" "flatcar" {
#   ami           = data.aws_ami.flatcar.id
#   instance_type = "t3.small"
#   user_data     = data.external.sysext.result.rendered
# }
