package io.synthforge.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.synthforge.api.UsageException;
import io.synthforge.io.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version directories of a pipeline's synthetic table, on the local file system. */
class SyntheticVersionsTest {
  @TempDir
  Path dir;

  private final Storage storage = new Storage(new Configuration());

  private SyntheticVersions versions() {
    return new SyntheticVersions(storage, storage.qualify(dir.toString()));
  }

  private Set<String> children() throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(child -> child.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void aVersionIsANewDirectoryNamedByTheRun() {
    assertEquals(storage.qualify(dir.resolve("v-run-1").toString()), versions().of("run-1"));
  }

  @Test
  void sweepKeepsTheNamedVersionsWhateverTheirSpellingAndDeletesOnlyOtherVersions() throws IOException {
    for (String name : List.of("v-run-1", "v-run-2", "v-run-3", "v-run-4", ".v-run-5._staging-0a1b", "notes", "_lock")) {
      Files.createDirectories(dir.resolve(name).resolve("run-x"));
    }

    List<org.apache.hadoop.fs.Path> deleted = versions().sweep(List.of(
        dir.resolve("v-run-2").toString(),                       // a plain path
        "file://" + dir.resolve("v-run-3") + "/",                // a catalog's spelling, trailing slash
        storage.qualify(dir.resolve("v-run-4").toString()).toString(),
        "file:/elsewhere/v-run-1"));                             // same name, another directory: not kept

    assertEquals(Set.of("v-run-2", "v-run-3", "v-run-4", "notes", "_lock"), children());
    assertEquals(2, deleted.size());
  }

  @Test
  void sweepOfAMissingDirectoryDeletesNothing() {
    SyntheticVersions missing = new SyntheticVersions(storage, storage.qualify(dir.resolve("absent").toString()));
    assertEquals(List.of(), missing.sweep(List.of()));
  }

  @Test
  void aTableDirectoryOfTheEarlierLayoutIsRefusedWithTheFix() throws IOException {
    Files.writeString(dir.resolve("_schema.avsc"), "{}");

    UsageException refused = assertThrows(UsageException.class, () -> versions().checkLayout());

    String parent = storage.qualify(dir.toString()).toString();
    assertEquals("Cannot stage a sample under " + parent + ": it is a table directory written before synthetic tables "
        + "were versioned (it has _schema.avsc); set targets.synthetic to a new directory, or delete " + parent
        + " and run again", refused.getMessage());
  }
}
