#!/usr/bin/env bash
# Ingest of the real corpora Debian ships (images, audio, text) into corpus datasets, with the job's own summary,
# the process's wall and CPU time and the load average. Installs the packages first when they are missing (needs
# root; apt-get reaches Debian's mirrors only).
# Usage: tools/bench/corpora.sh [OUT]            (default OUT: /tmp/synthforge-corpora)
# Needs the build (mvn -q -DskipTests package).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT=${1:-/tmp/synthforge-corpora}
packages=()
[[ -d /usr/share/datasets/fashion-mnist ]] || packages+=(dataset-fashion-mnist)
[[ -d /usr/share/pocketsphinx/test/data ]] || packages+=(pocketsphinx-testdata)
[[ -d /usr/share/games/fortunes ]] || packages+=(fortunes)
if [[ ${#packages[@]} -gt 0 ]]; then
  echo "installing ${packages[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
mkdir -p "$OUT"
run() {
  local name=$1
  shift
  echo "== $name ($(git -C "$ROOT" rev-parse --short HEAD)); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "process: wall %e s user %U s sys %S s maxrss %M KB" "$ROOT/bin/synthforge" ingest "$@" \
    --dataset "$OUT/$name" --overwrite 2>"$OUT/$name.log" | grep -E "^(Ingested|Dataset)" || { tail -n 5 "$OUT/$name.log"; return 1; }
  grep -o "process: .*" "$OUT/$name.log"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
# Fashion-MNIST: 60,000 + 10,000 images of 28x28 in gzipped IDX, labels from the idx1 files.
run fashion-mnist --input /usr/share/datasets/fashion-mnist
# Speech: the WAV recordings of pocketsphinx's tests, labelled by their directory (cards, librivox).
run speech --input '/usr/share/pocketsphinx/test/data/*/*.wav' --format audio
# Fortunes: the '%'-separated fortune files (the .u8 names; the .dat files beside them are strfile indexes).
run fortunes --input '/usr/share/games/fortunes/*.u8' --format text --text-split percent
