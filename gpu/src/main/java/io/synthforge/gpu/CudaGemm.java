package io.synthforge.gpu;

import static org.bytedeco.cuda.global.cublas.CUBLAS_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.CUBLAS_STATUS_SUCCESS;
import static org.bytedeco.cuda.global.cublas.CUBLAS_TF32_TENSOR_OP_MATH;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import io.synthforge.model.nn.GemmBackend;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;

/**
 * {@code synthforge.blas=cuda}: {@link GemmBackend} on cuBLAS's {@code cublasSgemm} (full FP32 unless
 * {@value #TF32_PROPERTY} is {@code true}), one cuBLAS handle and one stream per backend, so one per model.
 *
 * <p>What stays on the device: three device buffers (A, B, C) and three pinned host buffers of the same sizes,
 * allocated once and grown, never per product. What crosses PCIe on every product: A and B host to device, C too
 * when {@code beta != 0}, and C device to host; before that, each operand is copied from its Java heap array into
 * the pinned buffer (and C back out). The seam ({@code Blas.gemm} on heap arrays) gives the backend no way to
 * know that a weight matrix has not changed since the last product, so parameters cross too. Everything else of a
 * training step (bias, activations, losses, Adam) stays in Java on the CPU. {@link #totals()} counts the traffic.
 *
 * <p>Rows-major products on column-major cuBLAS: a row-major {@code m x n} C is the column-major {@code n x m}
 * {@code C^T = op(B)^T op(A)^T}, so the call swaps the operands and keeps the leading dimensions that CBLAS's
 * row-major call would take.
 */
public final class CudaGemm implements GemmBackend {
  static final String NAME = "cuda";
  /** Set to {@code true} to let cuBLAS use TF32 tensor cores (10-bit mantissa inputs): faster, less exact. */
  public static final String TF32_PROPERTY = "synthforge.blas.cuda.tf32";

  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicLong CALLS = new AtomicLong();
  private static final AtomicLong BYTES_TO_DEVICE = new AtomicLong();
  private static final AtomicLong BYTES_TO_HOST = new AtomicLong();
  private static final AtomicLong FLOPS = new AtomicLong();

  private final State state;
  private final Cleaner.Cleanable cleanable;

  CudaGemm() {
    try {
      this.state = new State(Boolean.getBoolean(TF32_PROPERTY));
    } catch (UnsatisfiedLinkError e) {
      throw new CudaException("Cannot start the cuda BLAS backend: " + rootMessage(e) + "; it needs an NVIDIA driver"
          + " (libcuda.so.1) and CUDA 13's libcudart.so.13 and libcublas.so.13 on the library path");
    }
    this.cleanable = CLEANER.register(this, state);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset,
      float[] b, int bOffset, float beta, float[] c, int cOffset) {
    State s = state;
    if (s.handle == null) {
      throw new CudaException("Cannot multiply on the GPU: the cuda backend is closed");
    }
    int sizeA = m * k;
    int sizeB = k * n;
    int sizeC = m * n;
    s.a.ensure(sizeA);
    s.b.ensure(sizeB);
    s.c.ensure(sizeC);
    long toDevice = 4L * (sizeA + sizeB);
    s.a.host.put(a, aOffset, sizeA);
    check(cudart.cudaMemcpyAsync(s.a.device, s.a.host, 4L * sizeA, cudaMemcpyHostToDevice, s.stream), "copy A");
    s.b.host.put(b, bOffset, sizeB);
    check(cudart.cudaMemcpyAsync(s.b.device, s.b.host, 4L * sizeB, cudaMemcpyHostToDevice, s.stream), "copy B");
    if (beta != 0f) {
      s.c.host.put(c, cOffset, sizeC);
      check(cudart.cudaMemcpyAsync(s.c.device, s.c.host, 4L * sizeC, cudaMemcpyHostToDevice, s.stream), "copy C");
      toDevice += 4L * sizeC;
    }
    s.alpha.put(alpha);
    s.beta.put(beta);
    checkBlas(cublas.cublasSgemm_v2(s.handle, transB ? CUBLAS_OP_T : CUBLAS_OP_N, transA ? CUBLAS_OP_T : CUBLAS_OP_N,
        n, m, k, s.alpha, s.b.device, transB ? k : n, s.a.device, transA ? m : k, s.beta, s.c.device, n), "sgemm");
    check(cudart.cudaMemcpyAsync(s.c.host, s.c.device, 4L * sizeC, cudaMemcpyDeviceToHost, s.stream), "copy C back");
    check(cudart.cudaStreamSynchronize(s.stream), "wait for the product");
    s.c.host.get(c, cOffset, sizeC);
    CALLS.incrementAndGet();
    BYTES_TO_DEVICE.addAndGet(toDevice);
    BYTES_TO_HOST.addAndGet(4L * sizeC);
    FLOPS.addAndGet(2L * m * n * k);
  }

  /**
   * Microseconds per product with the operands already on the device (no copies, one synchronisation at the end):
   * what the same product costs once parameters and activations live on the GPU. The buffers hold whatever they
   * held; only the time is of interest.
   */
  double residentMicros(boolean transA, boolean transB, int m, int n, int k, int count) {
    State s = state;
    s.a.ensure((long) m * k);
    s.b.ensure((long) k * n);
    s.c.ensure((long) m * n);
    s.alpha.put(1f);
    s.beta.put(0f);
    long start = 0;
    for (int i = -10; i < count; i++) {
      if (i == 0) {
        check(cudart.cudaStreamSynchronize(s.stream), "wait for the warm-up");
        start = System.nanoTime();
      }
      checkBlas(cublas.cublasSgemm_v2(s.handle, transB ? CUBLAS_OP_T : CUBLAS_OP_N, transA ? CUBLAS_OP_T : CUBLAS_OP_N,
          n, m, k, s.alpha, s.b.device, transB ? k : n, s.a.device, transA ? m : k, s.beta, s.c.device, n), "sgemm");
    }
    check(cudart.cudaStreamSynchronize(s.stream), "wait for the products");
    return (System.nanoTime() - start) / 1e3 / count;
  }

  /** Microseconds per host-to-device copy of {@code floats} floats from a heap array, through the pinned buffer. */
  double copyMicros(float[] source, int floats, int count) {
    State s = state;
    s.a.ensure(floats);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      s.a.host.put(source, 0, floats);
      check(cudart.cudaMemcpyAsync(s.a.device, s.a.host, 4L * floats, cudaMemcpyHostToDevice, s.stream), "copy");
      check(cudart.cudaStreamSynchronize(s.stream), "wait for the copy");
    }
    return (System.nanoTime() - start) / 1e3 / count;
  }

  @Override
  public void close() {
    cleanable.clean();
  }

  /** Products, bytes host to device, bytes device to host and floating-point operations, process-wide so far. */
  public static long[] totals() {
    return new long[] {CALLS.get(), BYTES_TO_DEVICE.get(), BYTES_TO_HOST.get(), FLOPS.get()};
  }

  /** The current device, runtime, driver and cuBLAS, in one line. */
  public static String describe() {
    int[] device = new int[1];
    check(cudart.cudaGetDevice(device), "read the current device");
    try (cudaDeviceProp properties = new cudaDeviceProp()) {
      check(cudart.cudaGetDeviceProperties(properties, device[0]), "read the device's properties");
      int[] runtime = new int[1];
      int[] driver = new int[1];
      check(cudart.cudaRuntimeGetVersion(runtime), "read the runtime version");
      check(cudart.cudaDriverGetVersion(driver), "read the driver version");
      return String.format("%s (compute capability %d.%d), CUDA runtime %d, driver %d, cuBLAS %d",
          properties.name().getString(), properties.major(), properties.minor(), runtime[0], driver[0],
          blasProperty(0) * 10000 + blasProperty(1) * 100 + blasProperty(2));
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  /** cuBLAS's major (0), minor (1) or patch (2) version. */
  private static int blasProperty(int type) {
    int[] value = new int[1];
    checkBlas(cublas.cublasGetProperty(type, value), "cublasGetProperty");
    return value[0];
  }

  static void check(int status, String what) {
    if (status != cudaSuccess) {
      throw new CudaException("Cannot " + what + " on the GPU: CUDA error " + status + " ("
          + cudart.cudaGetErrorString(status).getString() + ")");
    }
  }

  static void checkBlas(int status, String what) {
    if (status != CUBLAS_STATUS_SUCCESS) {
      throw new CudaException("Cannot run " + what + " on the GPU: cuBLAS status " + status + " ("
          + cublas.cublasGetStatusString(status).getString() + ")");
    }
  }

  /** A device buffer and a pinned host buffer of the same capacity, grown (never shrunk) on demand. */
  private static final class Slot {
    FloatPointer device = new FloatPointer();
    FloatPointer host = new FloatPointer();
    long capacity;

    void ensure(long size) {
      if (size <= capacity) {
        return;
      }
      free();
      long bytes = 4L * size;
      check(cudart.cudaMalloc(device, bytes), "allocate " + bytes + " bytes");
      check(cudart.cudaMallocHost(host, bytes), "allocate " + bytes + " pinned bytes");
      host.capacity(size);
      capacity = size;
    }

    void free() {
      if (capacity > 0) {
        cudart.cudaFree(device);
        cudart.cudaFreeHost(host);
        device = new FloatPointer();
        host = new FloatPointer();
        capacity = 0;
      }
    }
  }

  /** The native resources, freed by {@link #close()} or, failing that, when the backend is unreachable. */
  private static final class State implements Runnable {
    cublasContext handle = new cublasContext();
    final CUstream_st stream = new CUstream_st();
    final Slot a = new Slot();
    final Slot b = new Slot();
    final Slot c = new Slot();
    final FloatPointer alpha = new FloatPointer(1);
    final FloatPointer beta = new FloatPointer(1);

    State(boolean tf32) {
      check(cudart.cudaStreamCreate(stream), "create a stream");
      checkBlas(cublas.cublasCreate_v2(handle), "cublasCreate");
      checkBlas(cublas.cublasSetStream_v2(handle, stream), "cublasSetStream");
      checkBlas(cublas.cublasSetMathMode(handle, tf32 ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH),
          "cublasSetMathMode");
    }

    @Override
    public void run() {
      if (handle == null) {
        return;
      }
      cublas.cublasDestroy_v2(handle);
      cudart.cudaStreamDestroy(stream);
      a.free();
      b.free();
      c.free();
      alpha.close();
      beta.close();
      handle = null;
    }
  }
}
