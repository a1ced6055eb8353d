package io.synthforge.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.synthforge.io.Storage;
import io.synthforge.model.ModelState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Model state files: written by ND4J, read back without it where they are plain float vectors. */
class ModelStateIoTest {
  @TempDir
  Path dir;

  private final Storage storage = new Storage(new Configuration());

  @Test
  void aStateReadsBackExactlyAndItsVectorsWithoutNd4j() throws Exception {
    SplittableRandom random = new SplittableRandom(4);
    float[] parameters = new float[1_003];
    float[] updater = new float[2_006];
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < updater.length; i++) {
      updater[i] = i % 7 == 0 ? Float.MIN_VALUE : (float) -random.nextDouble();
    }
    org.apache.hadoop.fs.Path state = new org.apache.hadoop.fs.Path(dir.resolve("state").toString());
    ModelStateIo.write(storage, state, ModelState.wrap(parameters, updater, 17));

    ModelState read = ModelStateIo.read(storage, state);
    assertArrayEquals(parameters, read.parameters());
    assertArrayEquals(updater, read.updaterState());
    assertEquals(17, read.steps());
    try (InputStream in = Files.newInputStream(dir.resolve("state").resolve(ModelStateIo.PARAMETERS))) {
      assertNotNull(FloatVectorFile.read(new DataInputStream(in)), "the fast reader takes the files ND4J writes");
    }
  }

  @Test
  void aMatrixOrAnotherTypeIsLeftToNd4j() throws Exception {
    INDArray matrix = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}).dup('f');
    INDArray doubles = Nd4j.createFromArray(1.0, 2.0, 3.0);
    for (INDArray array : new INDArray[] {matrix, doubles}) {
      Path file = dir.resolve("array-" + array.dataType() + ".bin");
      try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(out)) {
        Nd4j.write(array, data);
      }
      try (InputStream in = Files.newInputStream(file)) {
        assertNull(FloatVectorFile.read(new DataInputStream(in)), array.shapeInfoToString());
      }
    }
  }
}
