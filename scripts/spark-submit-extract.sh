#!/usr/bin/env bash
# An example spark-submit of the clamp3-spark extraction job on a cluster (YARN, Kubernetes or a
# standalone master). Edit the variables below, then run it from a built checkout
# (mvn -q -pl clamp3-spark -am package -DskipTests) on a machine that can submit to the cluster.
#
# The job reads INPUT through Spark (any Hadoop file system the cluster has: hdfs:, s3a:, file: on a
# shared mount), embeds every file with one model per executor JVM, and writes OUTPUT as Parquet
# (key, path, modality, vector, model_fingerprint, error, ...). Load it into an index with
#   scripts/clamp3-spark import OUTPUT INDEX
# (reading from hdfs:/s3a: needs the same connector jars on that machine: CLAMP3_SPARK_CLASSPATH).
set -euo pipefail

# --- what a user changes -----------------------------------------------------------------------
MASTER="${MASTER:-yarn}"                          # yarn | k8s://https://HOST:443 | spark://HOST:7077
DEPLOY_MODE="${DEPLOY_MODE:-cluster}"             # cluster: the driver runs on the cluster too
EXECUTORS="${EXECUTORS:-16}"                      # executor JVMs: each loads the model once
EXECUTOR_CORES="${EXECUTOR_CORES:-4}"             # tasks per executor; they share its model
EXECUTOR_MEMORY="${EXECUTOR_MEMORY:-8g}"          # JVM heap; libtorch's memory is off-heap:
EXECUTOR_OVERHEAD="${EXECUTOR_OVERHEAD:-6g}"      #   the model and its activations live here
DRIVER_MEMORY="${DRIVER_MEMORY:-4g}"              # the driver lists the input (millions of paths)
# The model folders must be readable at this local path on every executor (and on the driver):
# a shared file system (NFS, Lustre, a mounted bucket). Without one, ship an archive instead:
#   ARCHIVES="hdfs:///models/clamp3-saas.zip#clamp3-saas"  and  MODEL=clamp3-saas
MODEL="${MODEL:-/shared/models/clamp3-saas}"
MERT="${MERT:-}"                                  # e.g. /shared/models/mert (raw audio); empty: none
ARCHIVES="${ARCHIVES:-}"
INPUT="${INPUT:-hdfs:///data/music}"               # a folder, or a text file listing paths
OUTPUT="${OUTPUT:-hdfs:///data/clamp3/vectors.parquet}"
NPY_OUT="${NPY_OUT:-}"                            # a shared folder every executor can write; empty: none
PARTITIONS="${PARTITIONS:-$((EXECUTORS * EXECUTOR_CORES * 8))}"   # a few rounds per task, for balance
THREADS="${THREADS:-$EXECUTOR_CORES}"             # libtorch threads per executor
SPARK_SUBMIT="${SPARK_SUBMIT:-spark-submit}"      # Spark 4.1.x (Scala 2.13) on the cluster
# ------------------------------------------------------------------------------------------------

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$(dirname "$here")/clamp3-spark/target"
[[ -f "$target/clamp3-spark.jar" ]] || { echo "build first: mvn -q -pl clamp3-spark -am package -DskipTests" >&2; exit 2; }
# the job's own jars (the toolkit, DJL with libtorch, Lucene, ...); Spark itself is the cluster's
jars=$(find "$target/lib" -maxdepth 1 -name '*.jar' | sort | paste -sd, -)
# the system properties scripts/clamp3 sets, on every executor
jvm="-Dai.djl.offline=true -Dai.djl.util.cuda.fork=true -Dai.djl.pytorch.graph_optimizer=false -Xss4m"
jvm+=" -Dai.djl.pytorch.num_threads=$THREADS -Dai.djl.pytorch.num_interop_threads=1"

args=("$INPUT" "$OUTPUT" --model "$MODEL" --partitions "$PARTITIONS")
[[ -n "$MERT" ]] && args+=(--mert "$MERT")
[[ -n "$NPY_OUT" ]] && args+=(--npy-out "$NPY_OUT")
submit=(
  "$SPARK_SUBMIT"
  --master "$MASTER" --deploy-mode "$DEPLOY_MODE"
  --name clamp3-extract
  --class org.clamp3.spark.ExtractJob
  --num-executors "$EXECUTORS" --executor-cores "$EXECUTOR_CORES"
  --executor-memory "$EXECUTOR_MEMORY" --driver-memory "$DRIVER_MEMORY"
  --conf spark.executor.memoryOverhead="$EXECUTOR_OVERHEAD"
  --conf spark.executor.extraJavaOptions="$jvm"
  --conf spark.driver.extraJavaOptions="$jvm"
  --conf spark.task.maxFailures=4                 # a lost executor's files are redone elsewhere
  --conf spark.dynamicAllocation.enabled=false    # each new executor would load the model again
  --jars "$jars"
)
[[ -n "$ARCHIVES" ]] && submit+=(--archives "$ARCHIVES")
submit+=("$target/clamp3-spark.jar" "${args[@]}")
printf '%q ' "${submit[@]}"; echo
exec "${submit[@]}"
