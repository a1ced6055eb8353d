// The control kernel of probe.py: built here for sm_86 machine code only (as libnd4j's kernels are), for
// sm_90 machine code, and as compute_86 PTX only, to show which of the three an H100 loads and runs.
extern "C" __global__ void scale(float *x, float factor, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    x[i] *= factor;
  }
}
