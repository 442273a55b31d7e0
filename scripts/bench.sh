#!/usr/bin/env bash
# Benchmarks that print throughput. Build first: mvn -q -DskipTests package
# They live in the clamp3-bench module (not in the shipped clamp3.jar): this script runs
# clamp3-bench/target/clamp3-bench.jar with the jars the build copies into clamp3-bench/target/lib.
#
#   scripts/bench.sh eval [QUERIES REFERENCES DIM BASELINE_SAMPLE]
#       clamp3 eval (one matrix product) vs the original's per-query algorithm;
#       default 10000 x 10000 x 768, baseline timed on 300 queries and extrapolated.
#   scripts/bench.sh extract [FILES_PER_KIND FILES_PER_KIND_COMPARED]
#       clamp3 extract --global with a full-size random model: batched vs --exact-original
#       on the same files, then the whole generated corpus (default 200 ABC + 200 MTF + 200 texts + 200
#       MERT-feature .npy); first, full windows of each encoder as a share of sgemm (FILES_PER_KIND 0: only those).
#   scripts/bench.sh preprocess [REPLICAS]
#       files/s of midi2mtf and xml2abc on src-test-data/symbolic replicated (default x50),
#       single-threaded and on all cores.
#   scripts/bench.sh mert [AUDIO_SECONDS LONG_FILE_MINUTES BATCH]
#       MERT features with a full-size random MERT-v1-95M: audio seconds per second, window at a
#       time vs batched (one long file; 5 s clips with several files in flight), and peak memory
#       for a long file.
#   scripts/bench.sh index [VECTORS QUERIES]
#       the search index (Lucene HNSW) on generated clustered 768-d unit vectors, float32 and int8:
#       build rate, disk and vector bytes, then recall@10 against exact search, p50/p99 latency on
#       one thread and queries/s on two for a sweep of ef, and the exact scan's latency
#       (default 200000 vectors, 1000 queries; the default takes about an hour on 2 cores).
#   scripts/bench.sh serve [ITEMS CLIENTS SECONDS]
#       clamp3 serve under load: a full-size random model and an index of generated vectors served
#       in-process; CLIENTS clients post text queries to /api/search for SECONDS: requests/s,
#       p50/p90/p99 latency, errors (there should be 0); then the same kind of query as one
#       `clamp3 search --text` process each, for the ratio (default 100000 items, 16 clients, 30 s;
#       building the 100k index takes minutes). Needs clamp3-cli/target/clamp3.jar too.
#   scripts/bench.sh startup [RUNS]
#       start-up to the first written feature: scripts/clamp3 extract of one short text with a full-size
#       random CLaMP 3 (published vocabulary, 1.8 GB), from the .pth and after `clamp3 models convert`
#       (default 5 runs each). Needs clamp3-cli/target/clamp3.jar too.
#   scripts/bench.sh precision [WINDOWS]
#       fp32 on libtorch vs ONNX Runtime at fp32 and int8 (dynamically quantized Linear layers) on
#       full windows (512 patches, 128 tokens, 128 audio frames) of a full-size random model: seconds
#       per window, speed-up over libtorch, and the int8 vectors' cosine to libtorch's (default 8
#       windows per modality).
# Each prints the machine (CPU model, vector flags, load) and the plain sgemm GFLOP/s measured in the same run first.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
target="$root/clamp3-bench/target"
[[ -f "$target/clamp3-bench.jar" && -d "$target/lib" ]] || { echo "build first: (cd $root && mvn -q -DskipTests package)" >&2; exit 2; }
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jvm=(-Xmx8g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$target/clamp3-bench.jar:$target/lib/*")

if [[ -n "${CLAMP3_THREADS:-}" ]]; then   # as in scripts/clamp3: libtorch's threads (default: physical cores)
  jvm=(-Dai.djl.pytorch.num_threads="$CLAMP3_THREADS" "${jvm[@]}")
fi

what="${1:-}"
shift || true
case "$what" in
  eval) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.EvalBenchmark "$@" ;;
  preprocess) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.PreprocessBenchmark "$root" "$@" ;;
  mert) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.MertBenchmark "$@" ;;
  extract) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.ExtractBenchmark "$root" "$@" ;;
  index) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.IndexBenchmark "$@" ;;
  precision) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.PrecisionBenchmark "$root" "$@" ;;
  serve) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.ServeBenchmark "$root" "$@" ;;
  startup) exec "$java_cmd" "${jvm[@]}" org.clamp3.bench.StartupBenchmark "$root" "$@" ;;
  *) echo "usage: scripts/bench.sh eval|extract|index|mert|precision|preprocess|serve|startup [ARGS]  (see the comments at the top of this script)" >&2; exit 2 ;;
esac
