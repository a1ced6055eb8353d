package io.synthforge.ingest;

import io.synthforge.api.InvalidSchemaException;
import io.synthforge.api.UsageException;
import io.synthforge.io.Storage;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** CSV files: the header of the first file names the columns; every other line is a record. */
public final class CsvSource implements RecordSource {
  private final JavaSparkContext context;
  private final List<String> paths;
  private final CsvOptions options;
  private final List<String> columns;

  private CsvSource(JavaSparkContext context, List<String> paths, CsvOptions options, List<String> columns) {
    this.context = context;
    this.paths = paths;
    this.options = options;
    this.columns = columns;
  }

  /**
   * Opens CSV {@code files}. Column names come from the header line, or from {@code schemaColumns} when the
   * files have no header.
   */
  public static CsvSource open(JavaSparkContext context, Storage storage, List<FileStatus> files, CsvOptions options,
      List<String> schemaColumns) {
    List<String> paths = TextLineSource.pathsOf(files);
    List<String> columns;
    if (options.header()) {
      String headerLine = TextLineSource.firstLine(storage.readHead(files.get(0).getPath(), 1 << 20), options.encoding());
      try {
        columns = Arrays.asList(new CsvLineParser(options.delimiter(), options.quote(), true).parse(headerLine));
      } catch (CsvLineParser.MalformedLineException e) {
        throw new UsageException("Cannot read the CSV header of " + files.get(0).getPath() + ": " + e.getMessage());
      }
      if (columns.stream().anyMatch(String::isEmpty)) {
        throw new UsageException("Cannot read the CSV header of " + files.get(0).getPath()
            + ": a column has no name (pass --no-header with --schema if the file has no header)");
      }
    } else {
      if (schemaColumns == null) {
        throw new InvalidSchemaException("Cannot read CSV without a header: pass --schema to name the columns");
      }
      columns = schemaColumns;
    }
    return new CsvSource(context, paths, options, List.copyOf(columns));
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public JavaRDD<RawRecord> records() {
    CsvLineParser parser = new CsvLineParser(options.delimiter(), options.quote(), options.trim());
    TextLineSource.LineHandler handler = (file, offset, line, text) -> {
      try {
        return RawRecord.of(file, offset, line, text, parser.parse(text));
      } catch (CsvLineParser.MalformedLineException e) {
        return RawRecord.malformed(file, offset, line, text, QuarantineReason.MALFORMED_LINE, e.getMessage());
      }
    };
    return TextLineSource.read(context, TextLineSource.joinPaths(paths), options.encoding(), options.header(), handler);
  }
}
