package io.synthforge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small input files the tests make themselves (no data is checked in). */
public final class Fixtures {
  /** Schema of the fixture tables: an identifier, two numbers, a category and a label. */
  public static final String SCHEMA = "{\"type\":\"record\",\"name\":\"payments\",\"namespace\":\"io.synthforge.test\",\"fields\":["
      + "{\"name\":\"id\",\"type\":\"string\",\"role\":\"identifier\",\"format\":\"P#####\"},"
      + "{\"name\":\"age\",\"type\":\"int\",\"role\":\"continuous\",\"min\":0,\"max\":120},"
      + "{\"name\":\"kind\",\"type\":\"string\",\"role\":\"categorical\",\"domain\":[\"A\",\"B\",\"C\"]},"
      + "{\"name\":\"amount\",\"type\":\"double\",\"role\":\"continuous\"},"
      + "{\"name\":\"fraud\",\"type\":\"int\",\"role\":\"label\",\"domain\":[\"0\",\"1\"]}]}";

  /** The broken lines appended by {@link #brokenCsv}, one per quarantine reason. */
  public static final int BROKEN_LINES = 7;

  private Fixtures() {}

  /** {@code rows} well-formed CSV lines (after a header) of the fixture table, deterministic by seed. */
  public static String goodCsv(int rows, long seed) {
    StringBuilder csv = new StringBuilder("id,age,kind,amount,fraud\n");
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < rows; i++) {
      String kind = random.nextDouble() < 0.6 ? "A" : random.nextDouble() < 0.7 ? "B" : "C";
      // Two clusters of amounts and a spike at zero, like real payments.
      double amount = random.nextDouble() < 0.3 ? 0.0
          : random.nextBoolean() ? 20 + 5 * random.nextGaussian() : 200 + 30 * random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "P%05d,%d,%s,%.2f,%d%n", i, 18 + random.nextInt(60), kind, amount,
          random.nextDouble() < 0.05 ? 1 : 0));
    }
    return csv.toString();
  }

  /** A CSV with {@code goodRows} good lines and {@link #BROKEN_LINES} broken ones, one per reason. */
  public static byte[] brokenCsv(int goodRows, long seed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(bytes, goodCsv(goodRows, seed));
    write(bytes, "X00001,abc,A,1.50,0\n");          // bad type
    write(bytes, "X00002,30,A\n");                   // ragged: too few fields
    write(bytes, "X00003,30,\"A,1.50,0\n");          // unterminated quote
    write(bytes, "X00004,30,A");                     // invalid UTF-8 in the middle of the line
    bytes.write(0xff);
    bytes.write(0xfe);
    write(bytes, ",1.50,0\n");
    write(bytes, "X00005,,A,1.50,0\n");              // missing required value
    write(bytes, "X00006,30,Z,1.50,0\n");            // outside the declared domain
    write(bytes, "X00007,-5,A,1.50,0\n");            // below the declared min
    return bytes.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code file} and returns it. */
  public static Path write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} (UTF-8) to {@code file} and returns it. */
  public static Path write(Path file, String text) {
    return write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
