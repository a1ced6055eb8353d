package io.synthforge.ingest.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.synthforge.ingest.SourceFormat;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class CorpusInputsTest {
  private static FileStatus file(String path) {
    return new FileStatus(1, false, 1, 1, 0, new Path(path));
  }

  @Test
  void labelsAreTheDirectoriesBelowTheInputOrBelowAGlobsFixedPart() {
    assertEquals(new Path("file:/data"), CorpusInputs.labelRoot(new Path("file:/data/*/*.wav")));
    assertEquals(new Path("file:/data"), CorpusInputs.labelRoot(new Path("file:/data")));
    List<CorpusInput> inputs = CorpusInputs.plan(SourceFormat.AUDIO, new Path("file:/data"),
        List.of(file("file:/data/cards/1.wav"), file("file:/data/top.wav")));
    assertEquals("cards", inputs.get(0).label());
    assertEquals("cards/1.wav", inputs.get(0).relativePath());
    assertNull(inputs.get(1).label());
    assertEquals("top.wav", inputs.get(1).relativePath());
  }

  @Test
  void idxImageFilesArePairedWithTheirLabelFilesWhichAreNotInputs() {
    List<CorpusInput> inputs = CorpusInputs.plan(SourceFormat.IDX, new Path("file:/m"), List.of(
        file("file:/m/t10k-images-idx3-ubyte.gz"), file("file:/m/train-images-idx3-ubyte.gz"),
        file("file:/m/train-labels-idx1-ubyte.gz")));
    assertEquals(2, inputs.size());
    assertNull(inputs.get(0).companion());
    assertEquals("file:/m/train-labels-idx1-ubyte.gz", inputs.get(1).companion());
  }
}
