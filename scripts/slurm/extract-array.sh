#!/usr/bin/env bash
# A SLURM job array that extracts CLaMP 3 features of a collection: task I of N runs
#   clamp3 extract IN OUT --global --shard I/N
# so the N tasks cover IN exactly once (a file's shard is a hash of its path relative to IN, the
# same on every node). Each task writes only its own outputs and its own error report
# (OUT/clamp3-errors.shard-I-of-N.jsonl); a task that is rerun skips its complete outputs.
#
# Submit (after editing the variables below):   sbatch --array=0-$((SHARDS-1)) scripts/slurm/extract-array.sh
# Then, on one machine:                          scripts/clamp3 index build OUT collection.idx --features --model MODEL
#
# Uncomment and adjust the #SBATCH lines for your cluster:
##SBATCH --job-name=clamp3-extract
##SBATCH --cpus-per-task=8
##SBATCH --mem=16G
##SBATCH --time=24:00:00
##SBATCH --output=clamp3-extract-%A_%a.log
set -euo pipefail

# ---- variables a user changes ----
CLAMP3_HOME="${CLAMP3_HOME:-$HOME/clamp3-java}"      # a built checkout (mvn -q -DskipTests package)
IN="${IN:-/shared/music}"                              # the collection (raw files or MERT features)
OUT="${OUT:-/shared/clamp3-features}"                  # the feature tree (same paths, .npy)
MODEL="${MODEL:-$CLAMP3_HOME/models/clamp3-saas}"      # scripts/fetch-models.sh saas
MERT="${MERT:-}"                                       # set to a MERT folder to read raw audio
SHARDS="${SHARDS:-${SLURM_ARRAY_TASK_COUNT:-1}}"       # N: the array's size
# ----------------------------------

I="${SLURM_ARRAY_TASK_ID:?run as a job array: sbatch --array=0-$((SHARDS-1)) $0}"
THREADS="${SLURM_CPUS_PER_TASK:-$(nproc)}"
mkdir -p "$OUT"
args=(extract "$IN" "$OUT" --global --model "$MODEL" --shard "$I/$SHARDS" --threads "$THREADS"
      --errors "$OUT/clamp3-errors.shard-$I-of-$SHARDS.jsonl")
[[ -n "$MERT" ]] && args+=(--mert "$MERT")
exec "$CLAMP3_HOME/scripts/clamp3" "${args[@]}"
