#!/usr/bin/env bash
# Extracts CLaMP 3 features of a collection as N independent shards, on this machine or over ssh on
# several, with GNU parallel when it is installed (else xargs, locally).
#
#   scripts/extract-parallel.sh IN OUT N [clamp3 extract options...]
#   HOSTS="node1,node2" scripts/extract-parallel.sh /shared/music /shared/features 8 --model /shared/models/clamp3-saas
#
# Shard I of N runs `clamp3 extract IN OUT --global --shard I/N ...`: together they cover IN
# exactly once; each writes its own outputs and OUT/clamp3-errors.shard-I-of-N.jsonl. With HOSTS,
# IN, OUT, the model and this checkout must be at the same paths on every host (a shared file
# system). JOBS (default 1) shards run at once per host; each uses CLAMP3_THREADS libtorch threads.
# Exit status: 0 when every shard finished cleanly, else 1 (see the error reports).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -lt 3 ]]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
in="$1"; out="$2"; n="$3"; shift 3
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive number, not '$n'" >&2; exit 2; }
jobs="${JOBS:-1}"
mkdir -p "$out"
run_shard() { # I
  "$here/clamp3" extract "$in" "$out" --global --shard "$1/$n" --errors "$out/clamp3-errors.shard-$1-of-$n.jsonl" "${extra[@]}"
}
extra=("$@")
status=0
if command -v parallel >/dev/null 2>&1; then
  quoted=$(printf ' %q' "$@")
  cmd="$(printf '%q' "$here/clamp3") extract $(printf '%q' "$in") $(printf '%q' "$out") --global --shard {}/$n --errors $(printf '%q' "$out")/clamp3-errors.shard-{}-of-$n.jsonl$quoted"
  sshlogin=()
  [[ -n "${HOSTS:-}" ]] && sshlogin=(--sshlogin "$HOSTS")
  seq 0 $((n - 1)) | parallel --jobs "$jobs" "${sshlogin[@]}" --halt never "$cmd" || status=1
else
  [[ -n "${HOSTS:-}" ]] && { echo "HOSTS needs GNU parallel (apt-get install parallel)" >&2; exit 2; }
  for i in $(seq 0 $((n - 1))); do
    run_shard "$i" &
    while (( $(jobs -rp | wc -l) >= jobs )); do wait -n || status=1; done
  done
  while (( $(jobs -rp | wc -l) > 0 )); do wait -n || status=1; done
fi
exit "$status"
