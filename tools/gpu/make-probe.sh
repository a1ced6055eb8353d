#!/usr/bin/env bash
# Builds the folder that tools/gpu/probe.py runs on a GPU machine (see docs/gpu.md), here, with no GPU:
#   tools/gpu/make-probe.sh OUT_DIR
# OUT_DIR gets: nd4j.fatbin (one of libnd4jcuda.so's fat binaries), cusolver.fatbin (one of CUDA 11.6
# cuSOLVER's, which carries PTX), the control kernel scale.cu built three ways (sm_86 machine code only, sm_90
# machine code, compute_86 PTX only) and probe.py. Needs python3, unzip, nvcc (any version that targets sm_90),
# and Maven (downloads nd4j-cuda-11.6's natives, 600 MB, and the CUDA 11.6 redistributable, 1.8 GB).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:?usage: make-probe.sh OUT_DIR}"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for artifact in org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1:jar:linux-x86_64 org.bytedeco:cuda:11.6-8.3-1.5.7:jar:linux-x86_64-redist; do
  mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy -Dartifact="$artifact" -DoutputDirectory="$WORK"
done
unzip -q -o -j "$WORK"/nd4j-cuda-11.6-*.jar '*/libnd4jcuda.so' -d "$WORK"
unzip -q -o -j "$WORK"/cuda-11.6-*-redist.jar '*/libcusolver.so.11' -d "$WORK"

python3 "$HERE/fatbin.py" extract "$WORK/libnd4jcuda.so" 600000 900000 "$OUT/nd4j.fatbin"
python3 "$HERE/fatbin.py" extract "$WORK/libcusolver.so.11" 100000 120000 "$OUT/cusolver.fatbin"
nvcc -fatbin -gencode arch=compute_86,code=sm_86 -o "$OUT/scale-sm86.fatbin" "$HERE/scale.cu"
nvcc -fatbin -gencode arch=compute_90,code=sm_90 -o "$OUT/scale-sm90.fatbin" "$HERE/scale.cu"
nvcc -fatbin -gencode arch=compute_86,code=compute_86 -o "$OUT/scale-ptx86.fatbin" "$HERE/scale.cu"
cp "$HERE/probe.py" "$OUT/"
ls -l "$OUT"
