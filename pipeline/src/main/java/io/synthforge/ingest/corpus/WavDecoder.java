package io.synthforge.ingest.corpus;

import io.synthforge.ingest.QuarantineReason;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * One recording per WAV file (any PCM encoding the JDK's sound API reads: 8/16/24/32-bit integers, signed or
 * unsigned, or 32/64-bit floats, either byte order, any channel count), as mono samples in [-1, 1] at the recorded rate with a log-power
 * {@link Spectrogram}. A file the sound API cannot read, or one that ends inside its data, is one quarantined item.
 */
public final class WavDecoder implements CorpusDecoder {
  private static final long serialVersionUID = 1L;

  @Override
  public String recordSchemaResource() {
    return "schemas/corpora/audio_record.avsc";
  }

  @Override
  public Iterator<CorpusItem> decode(CorpusInput input, Opener opener) throws IOException {
    byte[] bytes = opener.readAll(input.uri());
    AudioFormat format;
    byte[] pcm;
    long frames;
    try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
      format = audio.getFormat();
      frames = audio.getFrameLength();
      pcm = audio.readAllBytes();
    } catch (UnsupportedAudioFileException | IOException | RuntimeException e) {
      return quarantined(input, bytes, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    AudioFormat.Encoding encoding = format.getEncoding();
    int bits = format.getSampleSizeInBits();
    boolean floats = encoding.equals(AudioFormat.Encoding.PCM_FLOAT) && (bits == 32 || bits == 64);
    boolean integers = (encoding.equals(AudioFormat.Encoding.PCM_SIGNED) || encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED))
        && bits % 8 == 0 && bits >= 8 && bits <= 32;
    if (!floats && !integers) {
      return quarantined(input, bytes, "encoding " + encoding + " with " + bits + "-bit samples is not linear PCM");
    }
    int channels = format.getChannels();
    int frameBytes = channels * bits / 8;
    if (frames != AudioSystem.NOT_SPECIFIED && pcm.length < frames * frameBytes) {
      return quarantined(input, bytes, "the file ends after " + pcm.length / frameBytes + " of the " + frames
          + " sample frames its header promises");
    }
    float[] samples = floats ? monoFloats(pcm, pcm.length / frameBytes, channels, bits, format.isBigEndian())
        : mono(pcm, pcm.length / frameBytes, channels, bits, encoding.equals(AudioFormat.Encoding.PCM_SIGNED),
            format.isBigEndian());
    int rate = Math.round(format.getSampleRate());
    Spectrogram spectrogram = new Spectrogram(rate);
    double squares = 0;
    float peak = 0;
    for (float sample : samples) {
      squares += sample * sample;
      peak = Math.max(peak, Math.abs(sample));
    }
    float rms = samples.length == 0 ? 0f : (float) Math.sqrt(squares / samples.length);
    return List.of(CorpusItem.accepted(0, 0, null, new Object[] {input.uri(), 0L, input.label(), rate, channels,
        samples.length / (double) rate, samples, rms, peak, spectrogram.bins(), spectrogram.hop(),
        spectrogram.of(samples)})).iterator();
  }

  /** The mean of each frame's channels, scaled so that full scale is [-1, 1]. */
  static float[] mono(byte[] pcm, int frames, int channels, int bits, boolean signed, boolean bigEndian) {
    int bytesPerSample = bits / 8;
    double full = Math.pow(2, bits - 1);
    float[] samples = new float[frames];
    int at = 0;
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        long value = 0;
        for (int b = 0; b < bytesPerSample; b++) {
          int unsigned = pcm[at + (bigEndian ? b : bytesPerSample - 1 - b)] & 0xff;
          value = (value << 8) | unsigned;
        }
        at += bytesPerSample;
        // Sign-extend signed samples; shift unsigned ones (8-bit WAV) to be centred on zero.
        long centred = signed ? (value << (64 - bits)) >> (64 - bits) : value - (long) full;
        sum += centred / full;
      }
      samples[f] = (float) (sum / channels);
    }
    return samples;
  }

  /** The mean of each frame's channels of IEEE float samples (already full scale at 1). */
  static float[] monoFloats(byte[] pcm, int frames, int channels, int bits, boolean bigEndian) {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(pcm)
        .order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
    float[] samples = new float[frames];
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += bits == 32 ? buffer.getFloat() : buffer.getDouble();
      }
      samples[f] = (float) (sum / channels);
    }
    return samples;
  }

  private static Iterator<CorpusItem> quarantined(CorpusInput input, byte[] bytes, String why) {
    return List.of(CorpusItem.quarantined(0, 0, null, CorpusItem.hexPrefix(bytes, 32), QuarantineReason.UNDECODABLE,
        "Cannot decode " + input.fileName() + " as WAV audio: " + why)).iterator();
  }
}
