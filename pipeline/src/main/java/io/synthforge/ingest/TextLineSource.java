package io.synthforge.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Reads text files line by line on Spark, keeping each line's file, byte offset and (where the split starts
 * the file) line number, and decoding strictly so that undecodable bytes become a quarantine reason instead of
 * silent replacement characters.
 */
public final class TextLineSource {
  /** Turns one decoded line (or a decoding failure) into a record. */
  public interface LineHandler extends java.io.Serializable {
    /** The record for {@code text}, found at {@code offset} / {@code line} of {@code file}. */
    RawRecord handle(String file, long offset, Long line, String text);
  }

  private TextLineSource() {}

  /**
   * The records of every line of {@code paths} (comma-separated Hadoop paths). With {@code skipHeader} the
   * first line of each file is dropped. Lines that cannot be decoded in {@code charset} become
   * {@link QuarantineReason#BAD_ENCODING} records.
   */
  public static JavaRDD<RawRecord> read(JavaSparkContext context, String paths, String charset, boolean skipHeader,
      LineHandler handler) {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(context.hadoopConfiguration());
    conf.set("mapreduce.input.fileinputformat.inputdir", paths);
    // A small file would otherwise be one split, read by one core; aim for two splits per core (>= 1 MB each).
    long totalBytes = totalBytes(conf, paths);
    long splitBytes = Math.max(1L << 20, totalBytes / Math.max(1, 2L * context.defaultParallelism()));
    if (conf.get("mapreduce.input.fileinputformat.split.maxsize") == null) {
      conf.setLong("mapreduce.input.fileinputformat.split.maxsize", splitBytes);
    }
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> lines =
        (JavaNewHadoopRDD<LongWritable, Text>) context.newAPIHadoopRDD(conf, TextInputFormat.class, LongWritable.class, Text.class);
    Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<RawRecord>> perSplit =
        (split, tuples) -> decodeSplit((FileSplit) split, tuples, charset, skipHeader, handler);
    return lines.mapPartitionsWithInputSplit(perSplit, true);
  }

  private static long totalBytes(org.apache.hadoop.conf.Configuration conf, String paths) {
    long total = 0;
    try {
      for (String path : paths.split("(?<!\\\\),")) {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path.replace("\\,", ","));
        total += file.getFileSystem(conf).getFileStatus(file).getLen();
      }
    } catch (java.io.IOException e) {
      return 0;
    }
    return total;
  }

  private static Iterator<RawRecord> decodeSplit(FileSplit split, Iterator<Tuple2<LongWritable, Text>> tuples,
      String charsetName, boolean skipHeader, LineHandler handler) {
    String file = split.getPath().toString();
    boolean startsFile = split.getStart() == 0;
    CharsetDecoder decoder = Charset.forName(charsetName).newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new Iterator<>() {
      private long lineNumber;
      private RawRecord next = advance();

      private RawRecord advance() {
        while (tuples.hasNext()) {
          Tuple2<LongWritable, Text> tuple = tuples.next();
          long offset = tuple._1().get();
          lineNumber++;
          Long line = startsFile ? lineNumber : null;
          if (skipHeader && offset == 0) {
            continue;
          }
          Text text = tuple._2();
          int length = text.getLength();
          if (length > 0 && text.getBytes()[length - 1] == '\r') {
            length--;
          }
          if (length == 0) {
            continue; // blank lines carry no record
          }
          ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(), 0, length);
          try {
            CharBuffer chars = decoder.reset().decode(bytes);
            return handler.handle(file, offset, line, chars.toString());
          } catch (CharacterCodingException e) {
            int position = e instanceof MalformedInputException ? bytes.position() : -1;
            String lenient = new String(text.getBytes(), 0, length, Charset.forName(charsetName));
            return RawRecord.malformed(file, offset, line, lenient, QuarantineReason.BAD_ENCODING,
                "bytes not valid " + charsetName + (position >= 0 ? " at byte " + (position + 1) + " of the line" : ""));
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public RawRecord next() {
        RawRecord current = next;
        next = advance();
        return current;
      }
    };
  }

  /** The first line of a file's head bytes (without the line break), for header detection. */
  public static String firstLine(byte[] head, String charset) {
    int end = 0;
    while (end < head.length && head[end] != '\n') {
      end++;
    }
    if (end > 0 && head[end - 1] == '\r') {
      end--;
    }
    int start = 0;
    // A UTF-8 byte-order mark is not part of the first column's name.
    if (end >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      start = 3;
    }
    return new String(head, start, end - start, Charset.forName(charset));
  }

  /** The path strings of {@code files}. */
  public static List<String> pathsOf(List<org.apache.hadoop.fs.FileStatus> files) {
    List<String> paths = new ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus file : files) {
      paths.add(file.getPath().toString());
    }
    return paths;
  }

  /** Splits {@code list} to a comma-separated path list for Hadoop input formats. */
  public static String joinPaths(List<String> paths) {
    List<String> escaped = new ArrayList<>();
    for (String path : paths) {
      escaped.add(path.replace(",", "\\,"));
    }
    return String.join(",", escaped);
  }
}
