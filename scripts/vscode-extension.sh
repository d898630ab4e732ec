#!/usr/bin/env bash
# Builds the VS Code extension (lsp/vscode) into a .vsix.
#
#   scripts/vscode-extension.sh [--out FILE] [--skip-install]
#
#   --out FILE       where to write the .vsix (default: build/replyc.vsix at the repository root)
#   --skip-install   reuse lsp/vscode/node_modules as it is (also: REPLYC_VSCODE_SKIP_INSTALL=1);
#                    by default the npm dependencies are installed first, with `npm ci` from
#                    package-lock.json (or `npm install` when there is no lock file)
#
# Needs Node.js >= 20 and npm (Debian: apt-get install nodejs npm). The language client
# (vscode-languageclient) is a production dependency and is packaged inside the .vsix;
# devDependencies (vsce, test tools) are not. The .vsix is written under a temporary name
# and renamed, so a failed run never leaves a half-written file behind.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ext="$root/lsp/vscode"
out="$root/build/replyc.vsix"
skip_install="${REPLYC_VSCODE_SKIP_INSTALL:-0}"

while [ $# -gt 0 ]; do
  case "$1" in
    -o|--out)
      [ $# -ge 2 ] || { echo "vscode-extension.sh: $1 needs a file name" >&2; exit 2; }
      out="$2"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    --skip-install) skip_install=1; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "vscode-extension.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "vscode-extension.sh: '$tool' not found; install Node.js >= 20 and npm (Debian: apt-get install nodejs npm)" >&2
    exit 1
  fi
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "vscode-extension.sh: Node.js >= 20 is needed (found $(node --version))" >&2
  exit 1
fi

case "$out" in
  /*) ;;
  *) out="$PWD/$out" ;;
esac
case "$out" in
  *.vsix) ;;
  *) echo "vscode-extension.sh: the output file must end in .vsix: $out" >&2; exit 2 ;;
esac
out_dir="$(dirname "$out")"
mkdir -p "$out_dir"

cd "$ext"
if [ "$skip_install" = 1 ]; then
  if [ ! -d node_modules/vscode-languageclient ] || [ ! -x node_modules/.bin/vsce ]; then
    echo "vscode-extension.sh: --skip-install, but lsp/vscode/node_modules is not installed" >&2
    exit 1
  fi
elif [ -f package-lock.json ]; then
  echo "vscode-extension.sh: npm ci (lsp/vscode)"
  npm ci --no-audit --no-fund
else
  echo "vscode-extension.sh: npm install (lsp/vscode)"
  npm install --no-audit --no-fund
fi

tmp="$out_dir/.$(basename "$out" .vsix).tmp-$$.vsix"
trap 'rm -f "$tmp"' EXIT

# With dependencies: vsce asks npm for the production dependency tree and packs it.
./node_modules/.bin/vsce package \
  --dependencies \
  --no-yarn \
  --allow-missing-repository \
  --no-rewrite-relative-links \
  --out "$tmp"

mv -f "$tmp" "$out"
trap - EXIT
echo "vscode-extension.sh: wrote $out"
