package io.synthforge.ingest.corpus;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Log-power spectrogram of mono samples: Hann-windowed frames of 25 ms every 10 ms (the speech-processing
 * convention), each transformed by a real FFT of the next power of two (JTransforms) and stored as
 * {@code ln(|X_k|^2 + 1e-10)} for bins 0..n/2. A recording shorter than one frame gets one zero-padded frame.
 */
public final class Spectrogram {
  private static final float FLOOR = 1e-10f;

  private final int frame;
  private final int hop;
  private final int fftSize;
  private final float[] window;
  private final FloatFFT_1D fft;

  /** The spectrogram settings for recordings sampled at {@code sampleRate} per second. */
  public Spectrogram(int sampleRate) {
    this.frame = Math.max(1, Math.round(sampleRate * 0.025f));
    this.hop = Math.max(1, Math.round(sampleRate * 0.010f));
    this.fftSize = Integer.highestOneBit(frame) == frame ? frame : Integer.highestOneBit(frame) << 1;
    this.window = new float[frame];
    for (int i = 0; i < frame; i++) {
      window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / Math.max(1, frame - 1)));
    }
    this.fft = new FloatFFT_1D(fftSize);
  }

  /** Frequency bins per frame. */
  public int bins() {
    return fftSize / 2 + 1;
  }

  /** Samples between frame starts. */
  public int hop() {
    return hop;
  }

  /** The FFT size. */
  public int fftSize() {
    return fftSize;
  }

  /** Frames x {@link #bins()} values, row-major. */
  public float[] of(float[] samples) {
    int frames = samples.length <= frame ? 1 : 1 + (samples.length - frame) / hop;
    int bins = bins();
    float[] out = new float[frames * bins];
    float[] buffer = new float[fftSize];
    for (int f = 0; f < frames; f++) {
      java.util.Arrays.fill(buffer, 0f);
      int start = f * hop;
      for (int i = 0; i < frame && start + i < samples.length; i++) {
        buffer[i] = samples[start + i] * window[i];
      }
      fft.realForward(buffer);
      // realForward packs a[0] = Re X_0, a[1] = Re X_{n/2}, then Re/Im pairs of X_1 .. X_{n/2 - 1}.
      int row = f * bins;
      out[row] = (float) Math.log(buffer[0] * buffer[0] + FLOOR);
      out[row + bins - 1] = (float) Math.log(buffer[1] * buffer[1] + FLOOR);
      for (int k = 1; k < bins - 1; k++) {
        float re = buffer[2 * k];
        float im = buffer[2 * k + 1];
        out[row + k] = (float) Math.log(re * re + im * im + FLOOR);
      }
    }
    return out;
  }
}
