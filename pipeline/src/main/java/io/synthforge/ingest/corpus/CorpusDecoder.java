package io.synthforge.ingest.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Iterator;

/**
 * Decodes one corpus file into records of one Avro record type (schemas/corpora/), in a Spark task. A decoder never
 * throws for bad content: what it cannot decode comes out as quarantined items, so that every item read is
 * accounted for. Only a failure to read the file at all (an {@link IOException}) fails the task.
 */
public interface CorpusDecoder extends Serializable {
  /** Opens a file by URI (a Hadoop file system in a task, plain files in tests). */
  @FunctionalInterface
  interface Opener {
    InputStream open(String uri) throws IOException;

    /** The whole file (image, sound and text files are read whole: they are decoded as one). */
    default byte[] readAll(String uri) throws IOException {
      try (InputStream in = open(uri)) {
        return in.readAllBytes();
      }
    }
  }

  /** The classpath resource of the records' Avro schema, e.g. {@code schemas/corpora/image_record.avsc}. */
  String recordSchemaResource();

  /** The items of {@code input}, possibly lazily (an IDX file holds tens of thousands). */
  Iterator<CorpusItem> decode(CorpusInput input, Opener opener) throws IOException;
}
