#!/usr/bin/env bash
# The whole målarbete cycle on the bundled Sorsele example, for a planning
# round and one follow-up round (april):
# check → generate → mail → managers fill → validate → mail the feedback
# → collect → report, then generate --round april --register → mail →
# fill → validate → collect → remind → collect the late one → report.
# Usage: scripts/demo.sh BIN OUTDIR
set -euo pipefail
bin=$1
out=$2
config=$out/organisation.yaml
register=$out/register.json
mb() { "$bin" -c "$config" "$@"; }
fill() { go run ./internal/cmd/demofill -c "$config" "$@"; }

# feedback says how many annotated copies validate --annotate wrote: HR
# sends them back to the managers whose workbooks have findings.
feedback() {
	local n
	n=$(find "$1" -name '*.xlsx' 2>/dev/null | wc -l | tr -d ' ')
	if [ "$n" = 0 ]; then
		echo "Inga anmärkningar: inga kommenterade kopior behövs ($1 är tom)."
	elif [ "$n" = 1 ]; then
		echo "En kommenterad kopia att skicka tillbaka till chefen finns i $1/."
	else
		echo "$n kommenterade kopior att skicka tillbaka finns i $1/."
	fi
}

rm -rf "$out"
mkdir -p "$out"
# HR's own copy of the config: the first generate makes the signing key
# (organisation.key) beside it, which must not land in examples/.
cp examples/sorsele/organisation.yaml "$config"

echo "== Målformulering (plan)"
echo
echo "== 1. HR kontrollerar organisationsfilen"
mb check

echo
echo "== 1b. HR skriver chefshandledningen ur organisationsfilen, på svenska och engelska"
mb guide -o "$out/chefshandledning.pdf" --date 2027-01-10
mb guide -o "$out/chefshandledning.html" --date 2027-01-10
mb --lang en guide -o "$out/managers-guide.pdf" --date 2027-01-10

echo
echo "== 2. HR skapar förifyllda arbetsböcker per enhet"
mb generate -o "$out/plan/utskick" --date 2027-01-11

echo
echo "== 2b. HR skriver mejlen till cheferna, ett utkast per chef med arbetsboken bifogad"
# The department folders: manifest.csv beside them is no workbook.
mb mail "$out/plan/utskick"/*/ -o "$out/mejl/plan-utskick"

echo
echo "== 3. Cheferna fyller i arbetsböckerna (exempelsvaren i examples/sorsele/answers/plan.yaml)"
fill "$out/plan/utskick" "$out/plan/inkommet"

echo
echo "== 4. HR granskar de inkomna arbetsböckerna"
echo "Förskolans chef skickade först ett utkast med vanliga misstag:"
fill -draft forskolan "$out/plan/utskick" "$out/plan/utkast"
# validate exits 1 on errors: that is the point of this step.
mb validate "$out/plan/utkast" --annotate "$out/plan/att-atgarda" || true
feedback "$out/plan/att-atgarda"
echo "HR mejlar kopian tillbaka; mejlet räknar upp vad som ska rättas:"
mb mail "$out/plan/att-atgarda" -o "$out/mejl/plan-aterkoppling"
echo "Chefen rättade arbetsboken efter den kommenterade kopian. Alla inkomna arbetsböcker:"
mb --quiet validate "$out/plan/inkommet" --annotate "$out/plan/att-atgarda"
echo "Inga fel i de rättade arbetsböckerna."

echo
echo "== 5. HR samlar in målen i registret"
mb collect "$out/plan/inkommet" -o "$register" --date 2027-03-01

echo
echo "== 6. Rapporten till ledningen"
mb report --register "$register" -o "$out/rapport-plan.pdf" --date 2027-03-05
echo "Samma rapport som webbsida, att publicera på kommunens webbplats:"
mb report --register "$register" -o "$out/rapport-plan.html" --date 2027-03-05

echo
echo "== 6b. En affisch per arbetslag att sätta upp i personalrummet: Vår målkedja"
mb poster --register "$register" -o "$out/affischer" --html --date 2027-03-05

echo
echo "== 6c. En arbetsbok per arbetslag för medarbetarnas egna mål i medarbetarsamtalet"
echo "(stannar mellan medarbetare och chef; collect samlar inte in den)"
mb generate --individual --register "$register" -o "$out/mina-mal" --date 2027-03-05

echo
echo "== Uppföljning april"
echo
echo "== 7. HR skapar uppföljningsarbetsböcker med målen ur registret och mejlar dem"
mb generate -o "$out/april/utskick" --round april --register "$register" --date 2027-04-01

mb mail "$out/april/utskick"/*/ -o "$out/mejl/april-utskick"

echo
echo "== 8. Cheferna följer upp målen: status, nuläge, analys och åtgärd (answers/april.yaml)"
fill "$out/april/utskick" "$out/april/inkommet"

echo
echo "== 9. HR granskar uppföljningen"
mb --quiet validate "$out/april/inkommet" --round april --annotate "$out/april/att-atgarda"
feedback "$out/april/att-atgarda"

echo
echo "== 10. HR lägger till omgången i registret (planeringen ligger kvar)"
echo "Särskilt boende har inte skickat in sin uppföljning än:"
mkdir -p "$out/april/sent"
find "$out/april/inkommet" -name 'Särskilt boende*.xlsx' -exec mv {} "$out/april/sent/" \;
mb collect "$out/april/inkommet" -o "$register" --date 2027-05-03

echo
echo "== 10b. HR påminner chefen som inte har lämnat in"
mb remind --register "$register" --round april -o "$out/mejl/april-paminnelser"
echo "Arbetsboken kommer in och läggs till i registret:"
mb collect "$out/april/sent" -o "$register" --date 2027-05-05
mv "$out/april/sent"/*.xlsx "$out/april/inkommet/Socialtjänst/" && rmdir "$out/april/sent"

echo
echo "== 11. Rapporten med uppföljningen: status, förändring, mål i risk"
mb report --register "$register" -o "$out/rapport-april.pdf" --date 2027-05-05
mb report --register "$register" -o "$out/rapport-april.html" --date 2027-05-05

cat <<EOT

Klart. Hela kedjan finns i $out/:
  $out/chefshandledning.pdf   handledningen för chefer (också .html, och managers-guide.pdf på engelska)
  $out/affischer/             en affisch per arbetslag, Vår målkedja, som PDF och webbsida
  $out/mina-mal/              en arbetsbok per arbetslag för egna mål i medarbetarsamtalet
  $out/plan/utskick/          arbetsböckerna för målformuleringen (och manifest.csv)
  $out/plan/inkommet/         samma arbetsböcker ifyllda som cheferna skulle ha gjort
  $out/april/utskick/         uppföljningsarbetsböckerna: målen ur registret låsta, uppföljningen öppen
  $out/april/inkommet/        uppföljningen ifylld: status, nuläge, analys och åtgärd
  $out/*/att-atgarda/         kommenterade kopior till chefer vars arbetsböcker har anmärkningar
  $out/mejl/                  utkast (.eml) till cheferna: utskick, återkoppling, uppföljning, påminnelser
  $out/organisation.key       nyckeln som undertecknar arbetsböckerna (säkerhetskopieras med organisationsfilen)
  $out/register.json          registret: målen och varje måls historik omgång för omgång
  $out/rapport-plan.pdf       rapporten efter målformuleringen (PDF/A, tillgänglig: till arkivet och för utskrift)
  $out/rapport-plan.html      samma rapport som webbsida (att publicera på webbplatsen)
  $out/rapport-april.pdf      rapporten efter uppföljningen i april
  $out/rapport-april.html     samma rapport som webbsida
EOT
