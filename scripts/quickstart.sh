#!/usr/bin/env bash
# The README's first command: builds clamp3, indexes the bundled demo collection (text, ABC and
# MusicXML scores, MIDI, a little synthesized audio; demo/LICENSE.md) with the tiny bundled models,
# and answers a text query from the index. Needs Java 17+ and Maven 3.8+; nothing is downloaded
# at run time (libtorch is unpacked from the build to ~/.djl.ai on first use).
#
#   scripts/quickstart.sh ["QUERY TEXT"]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
query="${1:-a calm cello piece for a quiet evening}"
idx="target/demo.idx"

echo "== 1/3 build: mvn -q -DskipTests package"
mvn -q -DskipTests package

# libtorch prints a warning per thread on CPUs its NNPACK does not know; it means nothing here
quiet() { "$@" 2> >(grep -v 'NNPACK' >&2); }

echo "== 2/3 index: scripts/clamp3 index build demo/collection $idx --model src-test-data/model --mert demo/models/tiny-mert --segments 5"
quiet scripts/clamp3 index build demo/collection "$idx" --model src-test-data/model --mert demo/models/tiny-mert --segments 5

echo "== 3/3 search: scripts/clamp3 search --text \"$query\" $idx --model src-test-data/model --top-k 5"
quiet scripts/clamp3 search --text "$query" "$idx" --model src-test-data/model --top-k 5

cat <<'NOTE'

NOTE: these models are tiny and random (src-test-data/model, demo/models/tiny-mert): they exercise
every step, but their rankings mean nothing. For real results fetch the published weights
(about 2.5 GB + 0.4 GB) and index your own music:

  scripts/fetch-models.sh saas && scripts/fetch-models.sh mert
  scripts/clamp3 index build ~/Music music.idx --model models/clamp3-saas --mert models/mert-v1-95m --segments 30
  scripts/clamp3 search --text "a calm cello piece for a quiet evening" music.idx --model models/clamp3-saas

See "Search a collection" in README.md.
NOTE
