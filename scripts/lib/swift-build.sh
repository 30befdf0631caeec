#!/usr/bin/env bash
# The one way the scripts build the package. Sourced; provides plinth_swift_build.
#
#   plinth_swift_build [swift build arguments...]
#
# Builds with warnings as errors, prints what a person needs (diagnostics, not the progress lines),
# and returns non-zero when the build fails or when it printed a warning about this package's own
# files or manifest, so a warning the compiler did not promote (the package manager's, the linker's)
# still stops the tests. Warnings inside dependencies' checkouts are not ours to fix and are shown
# but do not fail. The full log is kept at $PLINTH_SWIFT_BUILD_LOG (default .plinth/swift-build.log).
#
# PLINTH_SWIFT (default: swift) names the toolchain driver; the scripts' own test replaces it.

# The package folder a build works on: --package-path's value, or the current folder.
plinth_swift_package_root() {
  local root=$PWD
  while [ $# -gt 0 ]; do
    case "$1" in
      --package-path) root=$2; shift ;;
      --package-path=*) root=${1#--package-path=} ;;
    esac
    shift
  done
  (cd "$root" && pwd)
}

plinth_swift_build() {
  local swift=${PLINTH_SWIFT:-swift}
  local log=${PLINTH_SWIFT_BUILD_LOG:-.plinth/swift-build.log}
  local status=0 started=$SECONDS root identity
  root=$(plinth_swift_package_root "$@")
  identity=$(basename "$root" | tr '[:upper:]' '[:lower:]')
  mkdir -p "$(dirname "$log")"
  "$swift" build "$@" -Xswiftc -warnings-as-errors >"$log" 2>&1 || status=$?
  # Progress lines ("[12/345] Compiling ...") and the package manager's fetch chatter are noise.
  # So are dependencies' package-manager warnings (with the indented file lines that follow them):
  # those packages are not ours to change.
  grep -vE '^\[[0-9]+/[0-9]+\] |^(Fetching|Fetched|Cloning|Computing|Creating working copy|Working copy of|Updating|Updated|Building for|Planning build|Write swift-version|Compiling plugin|Build of product|Build complete)' "$log" \
    | awk -v own="warning: '$identity': " '
        /warning: \x27[^\x27]+\x27: / && index($0, own) == 0 { skipping = 1; next }
        skipping && /^[[:space:]]/ { next }
        { skipping = 0; print }' || true
  if [ "$status" -ne 0 ]; then
    echo "swift build $*: failed (exit $status) after $((SECONDS - started))s; full log: $log" >&2
    return "$status"
  fi
  # A package-manager warning names its package ('identity': ...); the root package's identity is
  # its folder's name in lower case. Compiler and linker warnings name files: those inside
  # dependencies' checkouts are left out.
  local warnings
  warnings=$( {
    grep -E '(^|[^A-Za-z])warning: ' "$log" | grep -vE "warning: '[^']+': " | grep -v '/\.build[^/]*/checkouts/'
    grep -F "warning: '$identity': " "$log"
  } || true)
  if [ -n "$warnings" ]; then
    echo "swift build $*: $(printf '%s\n' "$warnings" | wc -l) warning(s) in this package; the tests accept none:" >&2
    printf '%s\n' "$warnings" >&2
    return 1
  fi
  echo "swift build $*: ok in $((SECONDS - started))s"
}
