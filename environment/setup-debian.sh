#!/usr/bin/env bash
# Installs the Debian 12 packages that optional features use beyond the .NET SDK:
#   - Chromium, which Microsoft.Playwright drives to render figures to PNG (no browser download).
#     Without it figures are written as interactive HTML only.
#   - Jupyter clients (nbconvert, nbclient, jupyter_client, nbformat, ipykernel) that open and
#     execute the notebooks on the package's C# kernel. `normative notebook run` needs none of them.
#   - Slurm (slurm-wlm: slurmctld, slurmd, the client commands) and munge, for `normative grid slurm`
#     and its integration test; environment/slurm-local.sh starts a single-node cluster on localhost.
# The test suite skips the tests that need them when they are missing, except under CI=true,
# where a missing tool fails the test: .ci/run calls this script first, so CI runs every test.
# `normative doctor` shows what is installed. Idempotent: packages already present are left
# alone. Needs root or sudo.
set -euo pipefail

packages=(chromium jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat python3-ipykernel slurm-wlm munge)

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
