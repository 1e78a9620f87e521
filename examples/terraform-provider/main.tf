# Render a sysext-ign spec into Ignition JSON with the sysext-ign provider:
# no sysext-ign binary on PATH, and the results are marked sensitive, since
# they carry the spec's header values and CAs.

terraform {
  required_providers {
    sysextign = {
      source = "sysext-ign/sysextign"
    }
  }
}

data "sysextign_config" "sysext" {
  spec     = file("${path.module}/spec.yaml")
  base_dir = path.module # where the spec's ca and include files are
  strict   = true        # fail on warnings, as Flatcar's ct_config examples do
}

output "rendered" {
  description = "Ignition config to pass to a Flatcar instance as user data."
  value       = data.sysextign_config.sysext.rendered
  sensitive   = true
}

# Hand it to a Flatcar instance, for example on AWS:
#
# resource "aws_instance" "flatcar" {
#   ami           = data.aws_ami.flatcar.id
#   instance_type = "t3.small"
#   user_data     = data.sysextign_config.sysext.rendered
# }
