#!/usr/bin/env bash
# Sampling throughput to Parquet, end to end through bin/synthforge (issue 5: >= 200,000 rows/s), with the job's own
# figure (rows / time from loading the bundle to the commit), the process's wall and CPU time, per-thread CPU
# (bin/thread-cpu) and the load average before and after each run.
# Usage: tools/bench/sample-throughput.sh MODEL_DIR [ROWS ...]        (default rows: 2000000 10000000)
# Env:   OUT (default /tmp/sample-throughput), WRITER (direct | spark, default direct), MASTER (default local[2]),
#        EXTRA (more bin/synthforge arguments, e.g. "--conf k=v").
# Needs the build (mvn -q -DskipTests package). Run on a quiet machine for the throughput figure; on a loaded one
# compare the CPU seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL=${1:?usage: $0 MODEL_DIR [ROWS ...]}
shift
ROWS=("$@")
[[ ${#ROWS[@]} -gt 0 ]] || ROWS=(2000000 10000000)
OUT=${OUT:-/tmp/sample-throughput}
WRITER=${WRITER:-direct}
MASTER=${MASTER:-local[2]}
mkdir -p "$OUT"
for rows in "${ROWS[@]}"; do
  tag="$(basename "$MODEL")-$rows-$WRITER"
  echo "== $tag  ($(git -C "$ROOT" rev-parse --short HEAD), writer $WRITER, master $MASTER)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$ROOT/bin/thread-cpu" "$ROOT/jobs/target/synthforge-jobs" "$OUT/$tag.threads" &
  monitor=$!
  # shellcheck disable=SC2086
  /usr/bin/time -f "process: wall %e s user %U s sys %S s maxrss %M KB" "$ROOT/bin/synthforge" sample --model "$MODEL" \
    --rows "$rows" --out "$OUT/$tag" --mode overwrite --master "$MASTER" \
    --conf "spark.synthforge.sample.writer=$WRITER" ${EXTRA:-} 2>"$OUT/$tag.log" | tee "$OUT/$tag.out" | grep -E "^Sampled" || true
  wait "$monitor" || true
  grep -E "^process:" "$OUT/$tag.log" || tail -n 20 "$OUT/$tag.log"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  head -n 6 "$OUT/$tag.threads"
  du -sh "$OUT/$tag" | cut -f1 | sed 's/^/output size: /'
done
