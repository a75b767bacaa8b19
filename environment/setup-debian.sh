#!/usr/bin/env bash
# Installs the Debian 12 packages the test suite uses beyond the .NET SDK:
#   - Jupyter clients (nbconvert, nbclient, jupyter_client, nbformat) that drive the package's
#     C# kernel in the notebook tests;
#   - Chromium, which Microsoft.Playwright drives to render figures to PNG (no browser download);
#   - python3-jsonschema, the off-the-shelf validator the data tests check data-schemas/ with.
# Idempotent: packages already present are left alone. Needs root or sudo.
set -euo pipefail

packages=(jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat python3-ipykernel chromium python3-jsonschema)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "environment: all Debian packages present (${packages[*]})"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "environment: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
