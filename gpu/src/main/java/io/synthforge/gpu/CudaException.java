package io.synthforge.gpu;

import io.synthforge.api.SynthforgeException;

/** A CUDA runtime or cuBLAS call failed; the message names the call and the library's status. */
public final class CudaException extends SynthforgeException {
  private static final long serialVersionUID = 1L;

  CudaException(String message) {
    super(message);
  }
}
