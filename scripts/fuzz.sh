#!/usr/bin/env bash
# Time-boxed fuzzing of the readers with Jazzer (the @FuzzTest methods in the modules' tests).
#
#   scripts/fuzz.sh [TARGET ...] [--minutes N] [--list]
#
# TARGET is a name from the table below (default: all of them, one after the other); each is
# fuzzed for N minutes (default 10) in its own test JVM with -Xmx1g, so that running out of
# memory is a finding too. A finding stops that target: Jazzer writes the input as
# <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>, where the normal
# test run (no JAZZER_FUZZ) replays it from then on as a regression case; fix the reader, keep
# the file. The corpus Jazzer grows is kept in <module>/.cifuzz-corpus/ (not committed).
# At the end one line per target: minutes, executions, and the crash files it wrote.
# Runs Maven offline and one target at a time (the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/.."

# name  module  class#method
TARGETS="
pth          clamp3-core        org.clamp3.core.fuzz.CoreFuzzTest#torchCheckpointFile
pickle       clamp3-core        org.clamp3.core.fuzz.CoreFuzzTest#torchCheckpointPickle
safetensors  clamp3-core        org.clamp3.core.fuzz.CoreFuzzTest#safetensors
npy          clamp3-core        org.clamp3.core.fuzz.CoreFuzzTest#npy
text         clamp3-core        org.clamp3.core.fuzz.CoreFuzzTest#textInput
patchilizer  clamp3-core        org.clamp3.core.fuzz.CoreFuzzTest#patchilizer
musicxml     clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#musicXml
mxl          clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#mxl
interleave   clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#abcInterleave
midi         clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#midi
mtf          clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#mtf
wav          clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#wav
flac         clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#flac
mp3          clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#mp3
ogg          clamp3-preprocess  org.clamp3.preprocess.fuzz.PreprocessFuzzTest#ogg
jsonl        clamp3-train       org.clamp3.train.fuzz.TrainFuzzTest#trainingJsonl
index        clamp3-index       org.clamp3.index.IndexFuzzTest#indexFiles
multipart    clamp3-serve       org.clamp3.serve.ServeFuzzTest#multipart
request      clamp3-serve       org.clamp3.serve.ServeFuzzTest#request
"

minutes=10
wanted=()
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --minutes=*) minutes="${1#*=}"; shift ;;
        --list) echo "$TARGETS" | awk 'NF {print $1}'; exit 0 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *) wanted+=("$1"); shift ;;
    esac
done
if [ ${#wanted[@]} -eq 0 ]; then
    mapfile -t wanted < <(echo "$TARGETS" | awk 'NF {print $1}')
fi

logdir=target/fuzz
mkdir -p "$logdir"
summary="$logdir/summary.txt"
status=0
for name in "${wanted[@]}"; do
    line=$(echo "$TARGETS" | awk -v n="$name" '$1 == n')
    if [ -z "$line" ]; then
        echo "fuzz.sh: no target '$name' (--list shows them)" >&2
        exit 2
    fi
    read -r _ module test <<< "$line"
    class="${test%#*}"
    method="${test#*#}"
    inputs="$module/src/test/resources/$(echo "${class%.*}" | tr . /)/${class##*.}Inputs/$method"
    mkdir -p "$inputs"
    before=$(ls "$inputs" | grep -c '^crash-' || true)
    log="$logdir/$name.log"
    echo "fuzzing $name ($test) for $minutes min; log: $log"
    rc=0
    JAZZER_FUZZ=1 mvn -o -pl "$module" -am test \
        -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        -DargLine="-Xmx1g -Djazzer.max_duration=${minutes}m" \
        > "$log" 2>&1 || rc=$?
    after=$(ls "$inputs" | grep -c '^crash-' || true)
    execs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    done_line=$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
    if [ -n "$done_line" ]; then
        execs=$(echo "$done_line" | awk '{print $2}')
    fi
    found=$((after - before))
    result="$(date -u +%FT%TZ) $name: ${minutes} min, ${execs:-0} executions, $found new crash file(s), maven exit $rc"
    echo "$result" | tee -a "$summary"
    if [ "$found" -gt 0 ] || [ "$rc" -ne 0 ]; then
        status=1
        ls -t "$inputs" | grep '^crash-' | head -n "$found" | sed "s|^|  $inputs/|" || true
    fi
done
exit $status
