#!/usr/bin/env bash
# The whole målarbete cycle on the bundled Sorsele example.
# Usage: scripts/demo.sh BIN OUTDIR
set -euo pipefail
bin=$1
out=$2
config=examples/sorsele/organisation.yaml

rm -rf "$out"
mkdir -p "$out"

echo "== 1. Kontrollera organisationsfilen"
"$bin" -c "$config" check

echo
echo "Klart. Resultaten finns i $out/"
