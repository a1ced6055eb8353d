package io.synthforge.gpu;

import io.synthforge.model.nn.GemmBackend;
import io.synthforge.model.nn.GemmBackendProvider;

/** Offers {@link CudaGemm} as {@code synthforge.blas=cuda}; touches no native library until {@link #create()}. */
public final class CudaGemmProvider implements GemmBackendProvider {
  @Override
  public String name() {
    return CudaGemm.NAME;
  }

  @Override
  public GemmBackend create() {
    return new CudaGemm();
  }
}
