#!/usr/bin/env bash
# Installs what replyc needs to build on Debian 12 (as root, or with sudo), then configures and
# builds it into build/. Safe to run again: apt-get and cmake skip what is already done.
#   scripts/setup.sh [--no-tests] [--build-dir DIR] [--build-type TYPE] [-- extra cmake args]
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
build_type=RelWithDebInfo
tests=ON
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-tests) tests=OFF ;;
    --build-dir) build_dir=$2; shift ;;
    --build-type) build_type=$2; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

packages=(build-essential cmake ninja-build pkg-config git
          tao-pegtl-dev libicu-dev libfmt-dev nlohmann-json3-dev libcli11-dev catch2
          clang-format nodejs npm)
missing=()
for p in "${packages[@]}"; do
  # Node and npm may come from outside Debian's packages (as on this project's machines): keep those.
  case "$p" in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "setup.sh: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Node tests' packages (ajv, intl-messageformat, the VS Code language client): ctest registers
# the Node suites only when they are installed, so this comes before configuring.
if [ "$tests" = ON ]; then
  scripts/js-deps.sh >/dev/null
  (cd lsp/vscode && npm ci --no-audit --no-fund >/dev/null)
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DREPLYC_BUILD_TESTS="$tests" \
  "${extra[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
