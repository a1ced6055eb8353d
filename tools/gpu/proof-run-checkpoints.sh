#!/bin/bash
# Device side of GemmProof (docs/gpu.md): 100 steps per backend, parameters compared after 1, 10 and 100 steps.
C=$(cd "$(dirname "$0")" && pwd); J=$C/jre/bin/java; P=/tmp/proof; mkdir -p $P
chmod +x $C/jre/bin/* $C/jre/lib/jspawnhelper 2>/dev/null
export LD_LIBRARY_PATH=/usr/local/cuda/lib64:${LD_LIBRARY_PATH}
gunzip -c $C/common/adult.csv.gz > /tmp/adult.csv
CPU="$C/common/*:$C/cpu/*"; GPU="$C/common/*:$C/gpu/*"; M=io.synthforge.gpu.GemmProof
TIMEFORMAT="JVM wall %R s"
run() { echo "== $1 (OPENBLAS_NUM_THREADS=$2, ${@:3})"; time (env OPENBLAS_NUM_THREADS=$2 $J "${@:3}" $M train /tmp/adult.csv 100 500 $P/$1 tvae ctgan 2>&1 | grep -v -E "SLF4J|^(tvae|ctgan) step [0-9]"); }
run cuda 1 -Dsynthforge.blas=cuda -cp "$GPU"
run cuda-tf32 1 -Dsynthforge.blas=cuda -Dsynthforge.blas.cuda.tf32=true -cp "$GPU"
run cpu16 16 -Dsynthforge.blas=openblas -cp "$CPU"
run cpu1 1 -Dsynthforge.blas=openblas -cp "$CPU"
echo "== compare"
for pair in "cpu16 cuda" "cpu16 cpu1" "cpu16 cuda-tf32"; do set -- $pair; echo "-- $1 vs $2"; $J -cp "$CPU" $M compare $P/$1 $P/$2 tvae@1 tvae@10 tvae@100 ctgan@1 ctgan@10 ctgan@100 2>&1 | grep -v "^  step"; done
tar czf $OUT/losses2.tgz --exclude='*.params' -C /tmp proof
