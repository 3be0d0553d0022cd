#!/usr/bin/env bash
# Checks the release archives that "make dist" wrote:
# 1. SHA256SUMS verifies;
# 2. a second run gives the same bytes, and so does a Linux build with an
#    empty build cache, so the binary itself is reproducible, not just
#    cached;
# 3. each zip holds a Windows release build of malarbete.exe at its top;
# 4. the Linux binary runs version, check, init and generate from its
#    unpacked folder, moved to a folder whose name has spaces and å, ä, ö.
# Usage: scripts/dist-check.sh DIR [GOOS/GOARCH,...]
set -euo pipefail
dir=$(cd "$1" && pwd)
targets=${2:-}
go=${GO:-go}

echo "== checksums"
(cd "$dir" && sha256sum -c SHA256SUMS)

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
"$go" build -o "$tmp/dist" ./internal/cmd/dist
args=()
[ -n "$targets" ] && args=(-targets "$targets")

echo "== a second run gives the same bytes"
"$tmp/dist" -o "$tmp/again" "${args[@]}" >/dev/null
cmp "$dir/SHA256SUMS" "$tmp/again/SHA256SUMS"
linux=$(cd "$dir" && ls malarbete-*-linux-amd64.tar.gz)
echo "== $linux again with an empty build cache"
GOCACHE="$tmp/gocache" "$tmp/dist" -o "$tmp/fresh" -targets linux/amd64 >/dev/null
cmp "$dir/$linux" "$tmp/fresh/$linux"

echo "== the Windows programs"
for z in "$dir"/*.zip; do
	[ -e "$z" ] || continue
	# Go reads the build information of any platform's binary.
	unzip -p "$z" malarbete.exe >"$tmp/malarbete.exe"
	"$go" version -m "$tmp/malarbete.exe" >"$tmp/buildinfo"
	grep -q 'GOOS=windows' "$tmp/buildinfo" && grep -q -- '-trimpath=true' "$tmp/buildinfo" ||
		{ echo "$z: malarbete.exe at the top is no release build for Windows" >&2; cat "$tmp/buildinfo" >&2; exit 1; }
	echo "$(basename "$z"): $(grep -E '^\s+mod\s' "$tmp/buildinfo" | cut -f4), $(grep -o 'GOARCH=.*' "$tmp/buildinfo")"
done

echo "== the Linux binary from its unpacked folder"
tar -xzf "$dir/$linux" -C "$tmp"
hr="$tmp/Målarbete HR 2027"
mv "$tmp/${linux%.tar.gz}" "$hr"
cd "$hr"
for f in README.md README.en.md licenses/MODULES.txt licenses/go/LICENSE \
	licenses/github.com/go-fonts/liberation/LICENSE-SIL examples/sorsele/organisation.yaml; do
	[ -f "$f" ] || { echo "missing in $linux: $f" >&2; exit 1; }
done
./malarbete version
./malarbete version --format json | grep -q '"os": "linux"'
./malarbete -c examples/sorsele/organisation.yaml check
./malarbete --lang en -c examples/example-town/organisation.yaml check
./malarbete init "Vår kommun" --example sorsele
./malarbete -c "Vår kommun/organisation.yaml" generate -o "Utskick till chefer" --date 2027-01-11 -q
n=$(find "Utskick till chefer" -name '*.xlsx' | wc -l)
[ "$n" -gt 0 ] || { echo "generate wrote no workbook" >&2; exit 1; }
echo "dist-check: ok ($n workbooks generated from the unpacked folder)"
