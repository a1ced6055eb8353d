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

  /** Schema of the ledger fixture: an identifier, a kind, a label and money columns with exact arithmetic. */
  public static final String LEDGER_SCHEMA = "{\"type\":\"record\",\"name\":\"ledger\",\"namespace\":\"io.synthforge.test\",\"fields\":["
      + "{\"name\":\"id\",\"type\":\"string\",\"role\":\"identifier\",\"format\":\"L#####\"},"
      + "{\"name\":\"kind\",\"type\":\"string\",\"role\":\"categorical\",\"domain\":[\"A\",\"B\",\"C\"]},"
      + "{\"name\":\"flag\",\"type\":\"int\",\"role\":\"label\",\"domain\":[\"0\",\"1\"]},"
      + "{\"name\":\"amount\",\"type\":\"double\",\"role\":\"continuous\",\"min\":0},"
      + "{\"name\":\"before\",\"type\":\"double\",\"role\":\"continuous\",\"min\":0},"
      + "{\"name\":\"after\",\"type\":\"double\",\"role\":\"continuous\",\"min\":0},"
      + "{\"name\":\"fee\",\"type\":\"int\",\"role\":\"continuous\"}]}";

  /**
   * {@code rows} ledger lines (after a header), deterministic by seed, with planted exact relations: {@code after =
   * before - amount} for kinds A and B, {@code after = before + amount} for kind C, {@code fee = 0} when flag is 1
   * (about 10% of rows), and {@code amount <= before} everywhere.
   */
  public static String ledgerCsv(int rows, long seed) {
    StringBuilder csv = new StringBuilder("id,kind,flag,amount,before,after,fee\n");
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < rows; i++) {
      String kind = random.nextDouble() < 0.5 ? "A" : random.nextBoolean() ? "B" : "C";
      int flag = random.nextDouble() < 0.1 ? 1 : 0;
      long amount = 100 + random.nextInt(9_900);
      long before = amount + random.nextInt(5_000);
      long after = kind.equals("C") ? before + amount : before - amount;
      int fee = flag == 1 ? 0 : 1 + random.nextInt(30);
      csv.append(String.format(Locale.ROOT, "L%05d,%s,%d,%d.%02d,%d.%02d,%d.%02d,%d%n", i, kind, flag, amount / 100,
          amount % 100, before / 100, before % 100, after / 100, after % 100, fee));
    }
    return csv.toString();
  }

  /** Schema of the accounts fixture: a kind, an amount, a balance and a rare label. */
  public static final String ACCOUNTS_SCHEMA = "{\"type\":\"record\",\"name\":\"accounts\",\"fields\":["
      + "{\"name\":\"kind\",\"type\":\"string\",\"role\":\"categorical\"},"
      + "{\"name\":\"amount\",\"type\":\"double\",\"role\":\"continuous\",\"min\":0},"
      + "{\"name\":\"balance\",\"type\":\"double\",\"role\":\"continuous\",\"min\":0},"
      + "{\"name\":\"flag\",\"type\":\"int\",\"role\":\"label\",\"domain\":[\"0\",\"1\"]}]}";

  /**
   * 4,000 account lines (after a header) where {@code amount <= balance} holds on every row but 3 of the 8 flagged
   * ones: 99.925 % of all rows, 62.5 % of the flagged rows.
   */
  public static String accountsCsv() {
    StringBuilder csv = new StringBuilder("kind,amount,balance,flag\n");
    for (int i = 0; i < 4_000; i++) {
      boolean flagged = i % 500 == 7;
      double balance = 100 + i % 53;
      double amount = flagged && i % 1_500 == 7 ? balance + 25 : balance * (0.2 + 0.5 * (i % 11) / 10.0);
      csv.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%d%n", i % 3 == 0 ? "a" : "b", amount, balance,
          flagged ? 1 : 0));
    }
    return csv.toString();
  }

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
