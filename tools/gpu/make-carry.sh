#!/bin/bash
# Assembles what GemmProof needs on a machine without Java or network (the lent GPU machine): a jlink'ed Java 17,
# the pipeline and gpu jars, slf4j-api, the CPU classpath (JavaCPP 1.5.7 + OpenBLAS) and the GPU classpath
# (JavaCPP 1.5.13 + CUDA 13.1 presets, JNI only), trimmed of native libraries GemmProof never loads, and Adult.
# About 51 MB. Usage, after `mvn -Pgpu -pl pipeline,gpu -Dmaven.test.skip=true package`:
#   tools/gpu/make-carry.sh DIR      (DIR ignored by git, e.g. .gpu-carry listed in .git/info/exclude)
# then on the device, in the repository root: bash DIR/proof-run.sh (with DIR carried).
set -euo pipefail
D=${1:?usage: make-carry.sh DIR}; R=$(cd "$(dirname "$0")/../.." && pwd); M=~/.m2/repository; B=$M/org/bytedeco
JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
rm -rf "$D"; mkdir -p "$D/common" "$D/cpu" "$D/gpu"
"$JDK/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported --strip-debug \
  --no-header-files --no-man-pages --compress=2 --output "$D/jre"
cp "$R/pipeline/target/synthforge-pipeline-0.1.0-SNAPSHOT.jar" "$R/gpu/target/synthforge-gpu-0.1.0-SNAPSHOT.jar" \
  "$M/org/slf4j/slf4j-api/2.0.7/slf4j-api-2.0.7.jar" "$D/common/"
cp "$B/javacpp/1.5.7/javacpp-1.5.7.jar" "$B/javacpp/1.5.7/javacpp-1.5.7-linux-x86_64.jar" \
  "$B/openblas/0.3.19-1.5.7/openblas-0.3.19-1.5.7.jar" "$B/openblas/0.3.19-1.5.7/openblas-0.3.19-1.5.7-linux-x86_64.jar" \
  "$D/cpu/"
zip -q -d "$D/cpu/openblas-0.3.19-1.5.7-linux-x86_64.jar" 'org/bytedeco/openblas/linux-x86_64/libjniopenblas.so'
cp "$B/javacpp/1.5.13/javacpp-1.5.13.jar" "$B/javacpp/1.5.13/javacpp-1.5.13-linux-x86_64.jar" \
  "$B/cuda/13.1-9.19-1.5.13/cuda-13.1-9.19-1.5.13.jar" "$B/cuda/13.1-9.19-1.5.13/cuda-13.1-9.19-1.5.13-linux-x86_64.jar" \
  "$D/gpu/"
J="$D/gpu/cuda-13.1-9.19-1.5.13-linux-x86_64.jar"
zip -q -d "$J" $(unzip -Z1 "$J" | grep 'linux-x86_64/lib.*\.so' | grep -v -E 'libjnicudart\.so|libjnicublas\.so')
gzip -c "${ADULT:-/work/shared/data/adult.csv}" > "$D/common/adult.csv.gz"
cp "$R/tools/gpu/proof-run.sh" "$R/tools/gpu/proof-run-checkpoints.sh" "$D/"
du -sh "$D"
