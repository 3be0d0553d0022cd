#!/usr/bin/env bash
# The whole målarbete cycle on the bundled Sorsele example:
# check → generate → managers fill → validate → collect → report.
# Usage: scripts/demo.sh BIN OUTDIR
set -euo pipefail
bin=$1
out=$2
config=examples/sorsele/organisation.yaml
mb() { "$bin" -c "$config" "$@"; }
fill() { go run ./internal/cmd/demofill -c "$config" "$@"; }

rm -rf "$out"
mkdir -p "$out"

echo "== 1. HR kontrollerar organisationsfilen"
mb check

echo
echo "== 2. HR skapar förifyllda arbetsböcker per enhet"
mb generate -o "$out/plan/utskick" --date 2027-01-11

echo
echo "== 3. Cheferna fyller i arbetsböckerna (exempelsvaren i examples/sorsele/answers/)"
fill "$out/plan/utskick" "$out/plan/inkommet"

echo
echo "== 4. HR granskar de inkomna arbetsböckerna"
mb --quiet validate "$out/plan/inkommet"

echo
echo "== 5. HR samlar in målen i registret"
mb collect "$out/plan/inkommet" -o "$out/register.json" --date 2027-03-01

echo
echo "== 6. Rapporten till ledningen"
mb report --register "$out/register.json" -o "$out/rapport-plan.pdf" --date 2027-03-05

cat <<EOT

Klart. Hela kedjan finns i $out/:
  $out/plan/utskick/         arbetsböckerna som skickas till cheferna (och manifest.csv)
  $out/plan/inkommet/        arbetsböckerna ifyllda som cheferna skulle ha gjort
  $out/register.json         registret med alla mål
  $out/rapport-plan.pdf      rapporten till ledningen
EOT
