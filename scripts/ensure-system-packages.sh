#!/usr/bin/env bash
# Make sure the Debian packages that the real-editor tests need are installed:
#   chromium     the browser Playwright drives (Playwright may not download its own here)
#   neovim       the second LSP client the server is tested in
#   pandoc       the reference implementation of Pandoc citations
#   ripgrep      VS Code's search binary; code-server's @vscode/ripgrep would download it
#   libkrb5-dev, pkg-config   build deps of code-server's native module `kerberos`
#   python3, make, g++        node-gyp (normally already on the machine)
#   fonts-wqy-microhei        a CJK font, so screenshots of Chinese manuscripts show text, not boxes
#
# As root, installs what is missing with apt-get. Otherwise prints the exact command and
# exits 1: a test run that silently skips its browser is worse than one that stops here.
set -euo pipefail

# Debian package name -> a command it provides ("-" when the package has no command we use;
# such packages are checked with dpkg -s only).
packages=(
  "chromium:chromium"
  "neovim:nvim"
  "pandoc:pandoc"
  "ripgrep:rg"
  "libkrb5-dev:-"
  "pkg-config:pkg-config"
  "python3:python3"
  "make:make"
  "g++:g++"
  "fonts-wqy-microhei:-"
)

is_installed() {
  local pkg="$1" cmd="$2"
  if [ "$cmd" != "-" ]; then
    # A command already on PATH is enough (python3 may come from pyenv, not dpkg).
    command -v "$cmd" >/dev/null 2>&1 && return 0
  fi
  dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'
}

missing=()
for entry in "${packages[@]}"; do
  pkg="${entry%%:*}"
  cmd="${entry#*:}"
  if is_installed "$pkg" "$cmd"; then
    echo "ensure-system-packages: ok       $pkg"
  else
    echo "ensure-system-packages: missing  $pkg"
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ensure-system-packages: all present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system-packages: missing Debian packages; install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "ensure-system-packages: installing ${missing[*]}"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"

# Check again: apt-get can succeed and still leave a command missing (e.g. a renamed package).
still=()
for entry in "${packages[@]}"; do
  pkg="${entry%%:*}"
  cmd="${entry#*:}"
  is_installed "$pkg" "$cmd" || still+=("$pkg")
done
if [ "${#still[@]}" -ne 0 ]; then
  echo "ensure-system-packages: still missing after apt-get: ${still[*]}" >&2
  exit 1
fi
echo "ensure-system-packages: all present"
