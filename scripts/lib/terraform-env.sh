# Sourced by scripts that run Terraform. Finds the provider filesystem mirror on this machine and
# points Terraform at it through a generated CLI config; with no mirror, Terraform uses the public
# registry as usual. Idempotent: sourcing it twice is harmless.
#
# Exports: TF_CLI_CONFIG_FILE, TF_PLUGIN_CACHE_DIR, TF_IN_AUTOMATION, PLINTH_TF_MIRROR (may be empty).

plinth_find_tf_mirror() {
  local candidate
  for candidate in "${PLINTH_TF_MIRROR:-}" /opt/tf-plugins /usr/share/terraform/plugins \
                   "$HOME/.terraform.d/plugins" /usr/local/share/terraform/plugins; do
    [ -n "$candidate" ] && [ -d "$candidate/registry.terraform.io/hashicorp/aws" ] && { echo "$candidate"; return 0; }
  done
  # Last resort: search the filesystem for the AWS provider binary and walk up to the mirror root.
  local bin
  bin=$(find / -xdev -name 'terraform-provider-aws*' -type f 2>/dev/null | head -n 1)
  [ -n "$bin" ] || return 1
  # <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/<binary>
  echo "$(cd "$(dirname "$bin")/../../../../.." && pwd)"
}

plinth_tf_env() {
  local root state_dir mirror
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  state_dir="$root/.plinth/terraform"
  mkdir -p "$state_dir/plugin-cache"
  mirror=$(plinth_find_tf_mirror || true)
  export PLINTH_TF_MIRROR="$mirror"
  if [ -n "$mirror" ]; then
    # Only the providers the mirror actually holds come from it; anything else goes to the registry.
    local providers
    providers=$(cd "$mirror" && find . -mindepth 3 -maxdepth 3 -type d | sed 's|^\./||' | sort | sed 's/.*/"&"/' | paste -sd, -)
    # Written beside and renamed into place: suites run side by side source this at once, and a
    # Terraform that read a half-written file would go to the public registry.
    cat > "$state_dir/cli.tfrc.$$" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = [$providers]
  }
  direct {
    exclude = [$providers]
  }
}
TFRC
  else
    : > "$state_dir/cli.tfrc.$$"
  fi
  mv -f "$state_dir/cli.tfrc.$$" "$state_dir/cli.tfrc"
  export TF_CLI_CONFIG_FILE="$state_dir/cli.tfrc"
  export TF_IN_AUTOMATION=1
  export CHECKPOINT_DISABLE=1
}

plinth_tf_env
