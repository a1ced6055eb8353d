package io.synthforge.ingest.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.synthforge.ingest.QuarantineReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

class CorpusDecodersTest {
  private final Map<String, byte[]> files = new HashMap<>();
  private final CorpusDecoder.Opener opener = uri -> {
    byte[] bytes = files.get(uri);
    if (bytes == null) {
      throw new IOException("no file " + uri);
    }
    return new ByteArrayInputStream(bytes);
  };

  private List<CorpusItem> decode(CorpusDecoder decoder, String uri, String companion, String label) throws IOException {
    List<CorpusItem> items = new ArrayList<>();
    decoder.decode(new CorpusInput(uri, companion, label), opener).forEachRemaining(items::add);
    return items;
  }

  @Test
  void idxImagesComeWithTheirLabelsAndPixelsScaledToTheUnitInterval() throws Exception {
    files.put("mem:/train-images-idx3-ubyte.gz", CorpusFixtures.gzip(CorpusFixtures.idxImages(3, 2, 3)));
    files.put("mem:/train-labels-idx1-ubyte.gz", CorpusFixtures.gzip(CorpusFixtures.idxLabels(7, 0, 9)));
    List<CorpusItem> items = decode(new IdxDecoder(), "mem:/train-images-idx3-ubyte.gz", "mem:/train-labels-idx1-ubyte.gz", null);
    assertEquals(3, items.size());
    for (int i = 0; i < 3; i++) {
      Object[] values = items.get(i).values();
      assertEquals((long) i, values[1]);
      assertEquals(List.of("7", "0", "9").get(i), values[2]);
      assertEquals(3, values[3]);
      assertEquals(2, values[4]);
      assertEquals(1, values[5]);
      float[] pixels = (float[]) values[6];
      for (int p = 0; p < 6; p++) {
        assertEquals(CorpusFixtures.pixel(i, p) / 255f, pixels[p], 0f);
      }
      assertEquals(16 + 6L * i, items.get(i).offset());
    }
  }

  @Test
  void aTruncatedIdxFileKeepsItsWholeImagesAndQuarantinesTheBrokenOne() throws Exception {
    byte[] whole = CorpusFixtures.idxImages(4, 2, 2);
    files.put("mem:/cut-images-idx3-ubyte", Arrays.copyOf(whole, 16 + 2 * 4 + 1));
    List<CorpusItem> items = decode(new IdxDecoder(), "mem:/cut-images-idx3-ubyte", null, "shirts");
    assertEquals(3, items.size());
    assertTrue(items.get(0).isAccepted());
    assertEquals("shirts", items.get(1).values()[2]);
    assertFalse(items.get(2).isAccepted());
    assertEquals(QuarantineReason.UNDECODABLE, items.get(2).reason());
    assertTrue(items.get(2).message().contains("ends inside"), items.get(2).message());
  }

  @Test
  void aFileThatIsNotIdxIsOneQuarantinedItemAndImagesBeyondTheLastLabelAreQuarantined() throws Exception {
    files.put("mem:/notes-images-idx3-ubyte", "hello, this is not IDX".getBytes(StandardCharsets.UTF_8));
    List<CorpusItem> items = decode(new IdxDecoder(), "mem:/notes-images-idx3-ubyte", null, null);
    assertEquals(1, items.size());
    assertTrue(items.get(0).message().contains("magic number"), items.get(0).message());
    assertTrue(items.get(0).raw().startsWith("68656c6c6f"), items.get(0).raw());

    files.put("mem:/a-images-idx3-ubyte", CorpusFixtures.idxImages(3, 1, 1));
    files.put("mem:/a-labels-idx1-ubyte", CorpusFixtures.idxLabels(1, 2));
    items = decode(new IdxDecoder(), "mem:/a-images-idx3-ubyte", "mem:/a-labels-idx1-ubyte", null);
    assertEquals(List.of(true, true, false), items.stream().map(CorpusItem::isAccepted).toList());
  }

  @Test
  void imageFilesDecodeToGreyOrRgbPixelsAndScaleOnRequest() throws Exception {
    files.put("mem:/grey.png", CorpusFixtures.greyPng(4, 3));
    Object[] grey = decode(new ImageFileDecoder(0, 0), "mem:/grey.png", null, "cats").get(0).values();
    assertEquals("cats", grey[2]);
    assertEquals(4, grey[3]);
    assertEquals(3, grey[4]);
    assertEquals(1, grey[5]);
    float[] pixels = (float[]) grey[6];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(((x * 40 + y * 10) % 256) / 255f, pixels[y * 4 + x], 1e-6f);
      }
    }
    files.put("mem:/orange.png", CorpusFixtures.rgbPng(5, 5, 0xff8000));
    Object[] rgb = decode(new ImageFileDecoder(2, 3), "mem:/orange.png", null, null).get(0).values();
    assertEquals(2, rgb[3]);
    assertEquals(3, rgb[4]);
    assertEquals(3, rgb[5]);
    float[] values = (float[]) rgb[6];
    assertEquals(2 * 3 * 3, values.length);
    for (int p = 0; p < 6; p++) {
      assertArrayEquals(new float[] {1f, 128 / 255f, 0f}, Arrays.copyOfRange(values, 3 * p, 3 * p + 3), 1e-6f);
    }
  }

  @Test
  void bytesNoImageReaderKnowsAreQuarantined() throws Exception {
    byte[] png = CorpusFixtures.greyPng(8, 8);
    files.put("mem:/junk.png", "GIF? no, plain text".getBytes(StandardCharsets.UTF_8));
    files.put("mem:/cut.png", Arrays.copyOf(png, png.length / 2));
    for (String uri : List.of("mem:/junk.png", "mem:/cut.png")) {
      List<CorpusItem> items = decode(new ImageFileDecoder(0, 0), uri, null, null);
      assertEquals(1, items.size(), uri);
      assertFalse(items.get(0).isAccepted(), uri);
      assertEquals(QuarantineReason.UNDECODABLE, items.get(0).reason());
    }
  }

  @Test
  void wavBecomesMonoSamplesAndASpectrogramPeakingAtTheTonesFrequency() throws Exception {
    files.put("mem:/tone.wav", CorpusFixtures.sineWav(8000, 2, 1000, 0.5, 0.5));
    Object[] values = decode(new WavDecoder(), "mem:/tone.wav", null, "tones").get(0).values();
    assertEquals("tones", values[2]);
    assertEquals(8000, values[3]);
    assertEquals(2, values[4]);
    assertEquals(0.5, (double) values[5], 1e-9);
    float[] samples = (float[]) values[6];
    assertEquals(4000, samples.length);
    for (int f = 0; f < samples.length; f += 97) {
      double expected = Math.round(0.5 * 32767 * Math.sin(2 * Math.PI * 1000 * f / 8000)) / 32768.0;
      assertEquals(expected, samples[f], 1e-6);
    }
    assertEquals(0.5, (float) values[8], 1e-3);
    assertEquals(0.5 / Math.sqrt(2), (float) values[7], 2e-3);
    int bins = (int) values[9];
    int hop = (int) values[10];
    float[] spectrogram = (float[]) values[11];
    assertEquals(80, hop);
    assertEquals(129, bins); // 25 ms at 8 kHz = 200 samples, FFT of 256
    assertEquals(1 + (4000 - 200) / 80, spectrogram.length / bins);
    for (int frame = 0; frame < spectrogram.length / bins; frame += 10) {
      int best = 0;
      for (int k = 1; k < bins; k++) {
        if (spectrogram[frame * bins + k] > spectrogram[frame * bins + best]) {
          best = k;
        }
      }
      assertEquals(32, best, "frame " + frame); // 1000 Hz of 8000 Hz over 256 bins
    }
  }

  @Test
  void unsignedEightBitWavIsCentredAndBrokenWavsAreQuarantined() throws Exception {
    byte[] pcm = {(byte) 128, (byte) 255, 0, (byte) 192};
    files.put("mem:/u8.wav", CorpusFixtures.wav(new AudioFormat(4000, 8, 1, false, false), pcm, 4));
    float[] samples = (float[]) decode(new WavDecoder(), "mem:/u8.wav", null, null).get(0).values()[6];
    assertArrayEquals(new float[] {0f, 127 / 128f, -1f, 0.5f}, samples, 1e-6f);

    java.nio.ByteBuffer floats = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    floats.putFloat(0.25f).putFloat(-0.75f).putFloat(1f).putFloat(0f);
    files.put("mem:/f32.wav", CorpusFixtures.wav(new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 4000, 32, 2, 8, 4000, false),
        floats.array(), 2));
    assertArrayEquals(new float[] {-0.25f, 0.5f}, (float[]) decode(new WavDecoder(), "mem:/f32.wav", null, null).get(0).values()[6], 1e-7f);

    byte[] tone = CorpusFixtures.sineWav(8000, 1, 440, 0.3, 0.2);
    files.put("mem:/cut.wav", Arrays.copyOf(tone, tone.length - 100));
    files.put("mem:/text.wav", "RIFF but not really".getBytes(StandardCharsets.UTF_8));
    for (String uri : List.of("mem:/cut.wav", "mem:/text.wav")) {
      List<CorpusItem> items = decode(new WavDecoder(), uri, null, null);
      assertEquals(1, items.size());
      assertFalse(items.get(0).isAccepted(), uri);
      assertTrue(items.get(0).message().startsWith("Cannot decode"), items.get(0).message());
    }
  }

  @Test
  void textDocumentsAreCutNormalisedAndTokenisedAndBadBytesQuarantineOnlyTheirDocument() throws Exception {
    byte[] bad = {'B', 'a', 'd', ' ', (byte) 0xff, (byte) 0xfe, '\n'};
    byte[] text = concat("Don't panic.  \n  It's 42!\n%\n".getBytes(StandardCharsets.UTF_8), "%\n".getBytes(StandardCharsets.UTF_8),
        bad, "%\r\nCafe\u0301 au lait\r\n%\n".getBytes(StandardCharsets.UTF_8));
    files.put("mem:/fortunes", text);
    List<CorpusItem> items = decode(new TextDecoder(TextSplit.PERCENT), "mem:/fortunes", null, null);
    assertEquals(3, items.size());
    Object[] first = items.get(0).values();
    assertEquals("Don't panic.\n  It's 42!", first[5]);
    assertEquals(List.of("don't", "panic", "it's", "42"), Arrays.asList((String[]) first[6]));
    assertEquals(1L, first[3]);
    assertEquals(0L, first[2]);
    CorpusItem broken = items.get(1);
    assertEquals(QuarantineReason.BAD_ENCODING, broken.reason());
    assertEquals(5L, broken.line());
    assertEquals(text.length - bad.length - "%\r\nCafe\u0301 au lait\r\n%\n".getBytes(StandardCharsets.UTF_8).length, broken.offset());
    Object[] third = items.get(2).values();
    assertEquals("Caf\u00e9 au lait", third[5]);
    assertEquals(12, third[7]);
    assertEquals(2L, third[1]);

    files.put("mem:/lines.txt", "one\n\n two words \nthree".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("one", "two words", "three"), texts(decode(new TextDecoder(TextSplit.LINE), "mem:/lines.txt", null, null)));
    assertEquals(List.of("one", "two words \nthree".strip().replace(" \n", "\n")),
        texts(decode(new TextDecoder(TextSplit.PARAGRAPH), "mem:/lines.txt", null, null)));
    assertEquals(1, decode(new TextDecoder(TextSplit.FILE), "mem:/lines.txt", null, null).size());
  }

  private static List<Object> texts(List<CorpusItem> items) {
    List<Object> texts = new ArrayList<>();
    for (CorpusItem item : items) {
      assertNull(item.reason());
      texts.add(item.values()[5]);
    }
    return texts;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
