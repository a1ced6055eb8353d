#!/bin/bash
# Device side of GemmProof (docs/gpu.md): 500 steps per backend, OpenBLAS at 16 and 1 threads, cuBLAS FP32 and TF32.
# Carried folder made by tools/gpu/make-carry.sh; output under $OUT (proof.log via tee, losses.tgz).
C=$(cd "$(dirname "$0")" && pwd); J=$C/jre/bin/java; STEPS=${STEPS:-500}; P=/tmp/proof; mkdir -p $P
chmod +x $C/jre/bin/* $C/jre/lib/jspawnhelper 2>/dev/null
echo "== machine"; nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader; nproc
ls /usr/local/ | grep -i cuda; ls /usr/local/cuda/lib64/ 2>/dev/null | grep -E "^lib(cudart|cublas|cublasLt)\.so\.[0-9]+$"
export LD_LIBRARY_PATH=/usr/local/cuda/lib64:${LD_LIBRARY_PATH}
gunzip -c $C/common/adult.csv.gz > /tmp/adult.csv
CPU="$C/common/*:$C/cpu/*"; GPU="$C/common/*:$C/gpu/*"; M=io.synthforge.gpu.GemmProof
TIMEFORMAT="JVM wall %R s"
run() { echo "== $1 (OPENBLAS_NUM_THREADS=$2, ${@:3})"; time (env OPENBLAS_NUM_THREADS=$2 $J "${@:3}" $M train /tmp/adult.csv $STEPS 500 $P/$1 tvae ctgan 2>&1 | grep -v SLF4J); }
run cuda 1 -Dsynthforge.blas=cuda -cp "$GPU"
if [ ! -s $P/cuda/ctgan.params ]; then
  L=$(python3 -c "import nvidia.cublas,nvidia.cuda_runtime,os;print(os.path.dirname(nvidia.cublas.__file__)+'/lib:'+os.path.dirname(nvidia.cuda_runtime.__file__)+'/lib')" 2>&1); echo "retry with pip CUDA libs: $L"
  LD_LIBRARY_PATH=$L:$LD_LIBRARY_PATH run cuda 1 -Dsynthforge.blas=cuda -cp "$GPU"
fi
run cuda-tf32 1 -Dsynthforge.blas=cuda -Dsynthforge.blas.cuda.tf32=true -cp "$GPU"
run cpu16 16 -Dsynthforge.blas=openblas -cp "$CPU"
run cpu1 1 -Dsynthforge.blas=openblas -cp "$CPU"
echo "== compare"
for pair in "cpu16 cuda" "cpu16 cpu1" "cpu16 cuda-tf32"; do set -- $pair; echo "-- $1 vs $2"; $J -cp "$CPU" $M compare $P/$1 $P/$2 tvae ctgan 2>&1; done
nvidia-smi --query-gpu=name,utilization.gpu,memory.used --format=csv,noheader
tar czf $OUT/losses.tgz --exclude='*.params' -C /tmp proof
