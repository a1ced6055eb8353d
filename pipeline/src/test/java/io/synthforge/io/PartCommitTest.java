package io.synthforge.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.synthforge.api.JobFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the reported attempt of each partition reaches the data directory; every attempt directory goes. */
class PartCommitTest {
  @TempDir
  Path dir;

  private org.apache.hadoop.fs.Path attempt(String name, String... files) throws Exception {
    Path attempt = dir.resolve("data").resolve(PartCommit.ATTEMPTS).resolve(name);
    Files.createDirectories(attempt);
    for (String file : files) {
      Files.writeString(attempt.resolve(file), name + "/" + file);
    }
    return new org.apache.hadoop.fs.Path(attempt.toUri());
  }

  @Test
  void movesTheReportedAttemptsFilesAndDropsTheRest() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path data = new org.apache.hadoop.fs.Path(dir.resolve("data").toUri());
    attempt("0-4", "part-00000-c000.zstd.parquet");  // failed half-way: never reported
    org.apache.hadoop.fs.Path first = attempt("0-7", "part-00000-c000.zstd.parquet", "part-00000-c001.zstd.parquet");
    org.apache.hadoop.fs.Path second = attempt("1-5", "part-00001-c000.zstd.parquet");

    PartCommit.commit(fs, data, List.of(
        new WrittenPart(0, first.toString(), List.of("part-00000-c000.zstd.parquet", "part-00000-c001.zstd.parquet"), 30),
        new WrittenPart(1, second.toString(), List.of("part-00001-c000.zstd.parquet"), 12)));

    try (Stream<Path> files = Files.list(dir.resolve("data"))) {
      assertEquals(List.of("part-00000-c000.zstd.parquet", "part-00000-c001.zstd.parquet", "part-00001-c000.zstd.parquet"),
          files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
    assertEquals("0-7/part-00000-c000.zstd.parquet",
        Files.readString(dir.resolve("data/part-00000-c000.zstd.parquet")));
    assertFalse(Files.exists(dir.resolve("data").resolve(PartCommit.ATTEMPTS)));
  }

  @Test
  void aPartitionReportedTwiceFailsTheCommit() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path data = new org.apache.hadoop.fs.Path(dir.resolve("data").toUri());
    org.apache.hadoop.fs.Path one = attempt("0-1", "part-00000-c000.zstd.parquet");
    org.apache.hadoop.fs.Path two = attempt("0-2", "part-00000-c000.zstd.parquet");

    JobFailedException failed = assertThrows(JobFailedException.class, () -> PartCommit.commit(fs, data, List.of(
        new WrittenPart(0, one.toString(), List.of("part-00000-c000.zstd.parquet"), 1),
        new WrittenPart(0, two.toString(), List.of("part-00000-c000.zstd.parquet"), 1))));
    assertEquals("Cannot commit " + data + ": partition 0 was reported twice", failed.getMessage());
  }
}
