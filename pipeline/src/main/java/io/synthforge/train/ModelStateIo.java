package io.synthforge.train;

import io.synthforge.api.SynthforgeException;
import io.synthforge.io.Storage;
import io.synthforge.model.ModelState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes a {@link ModelState} as ND4J binary arrays ({@code parameters.bin}, {@code updater.bin})
 * plus {@code steps.txt}, in a directory on any Hadoop file system.
 */
public final class ModelStateIo {
  static final String PARAMETERS = "parameters.bin";
  static final String UPDATER = "updater.bin";
  static final String STEPS = "steps.txt";

  private ModelStateIo() {}

  /** Writes {@code state} into {@code dir} (created if missing). */
  public static void write(Storage storage, Path dir, ModelState state) {
    FileSystem fs = storage.fileSystem(dir);
    try {
      fs.mkdirs(dir);
      writeArray(fs, new Path(dir, PARAMETERS), Nd4j.createFromArray(state.parameters()));
      writeArray(fs, new Path(dir, UPDATER), Nd4j.createFromArray(state.updaterState()));
      try (OutputStream out = fs.create(new Path(dir, STEPS), true)) {
        out.write(Long.toString(state.steps()).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new SynthforgeException("Cannot write model state to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads the state written by {@link #write}. */
  public static ModelState read(Storage storage, Path dir) {
    FileSystem fs = storage.fileSystem(dir);
    try {
      float[] parameters = readArray(fs, new Path(dir, PARAMETERS));
      float[] updater = readArray(fs, new Path(dir, UPDATER));
      long steps = Long.parseLong(storage.readText(new Path(dir, STEPS)).trim());
      return ModelState.wrap(parameters, updater, steps);
    } catch (IOException | RuntimeException e) {
      throw new SynthforgeException("Cannot read model state from " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writeArray(FileSystem fs, Path path, INDArray array) throws IOException {
    // ND4J writes one value at a time: unbuffered, each went through Hadoop's checksumming stream on its own.
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fs.create(path, true), 1 << 16))) {
      Nd4j.write(array, out);
    }
  }

  private static float[] readArray(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path); DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
      float[] values = FloatVectorFile.read(data);
      if (values != null) {
        return values;
      }
    } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
      // Not a file FloatVectorFile knows; ND4J says what is wrong with it, if anything.
    }
    // Not the plain float vector this class writes: let ND4J read whatever it is.
    try (InputStream in = fs.open(path); DataInputStream data = new DataInputStream(in)) {
      return Nd4j.read(data).toFloatVector();
    }
  }
}
