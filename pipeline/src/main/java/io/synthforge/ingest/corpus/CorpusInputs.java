package io.synthforge.ingest.corpus;

import io.synthforge.ingest.SourceFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The decoding work of a corpus, one {@link CorpusInput} per file: each file's label is the name of its directory
 * under the input (the layout of image folders such as {@code train/cat/001.png}); an IDX image file is paired with
 * the labels file of the same name ({@code train-images-idx3-ubyte.gz} with {@code train-labels-idx1-ubyte.gz}),
 * which is then not an input of its own.
 */
public final class CorpusInputs {
  private static final Pattern IDX_LABELS = Pattern.compile(".*-labels-idx1-ubyte(\\.gz)?$");

  private CorpusInputs() {}

  /** The inputs of {@code files}, listed under {@code root} (the input URI, qualified). */
  public static List<CorpusInput> plan(SourceFormat format, Path root, List<FileStatus> files) {
    Set<String> names = new HashSet<>();
    for (FileStatus file : files) {
      names.add(file.getPath().toString());
    }
    List<CorpusInput> inputs = new ArrayList<>();
    for (FileStatus file : files) {
      Path path = file.getPath();
      String uri = path.toString();
      if (format == SourceFormat.IDX && IDX_LABELS.matcher(path.getName()).matches()) {
        continue;
      }
      String companion = null;
      if (format == SourceFormat.IDX) {
        String labels = new Path(path.getParent(), path.getName().replace("-images-idx3-ubyte", "-labels-idx1-ubyte")).toString();
        companion = !labels.equals(uri) && names.contains(labels) ? labels : null;
      }
      inputs.add(new CorpusInput(uri, companion, label(root, path), relativePath(root, path)));
    }
    return inputs;
  }

  /**
   * The directory labels are taken below: the input itself, or for a glob ({@code data/*}{@code /*.wav}) the part
   * before its first pattern character, so that {@code data/cards/1.wav} is labelled {@code cards} either way.
   */
  public static Path labelRoot(Path input) {
    Path root = input;
    for (Path p = input; p != null; p = p.getParent()) {
      if (p.getName().matches(".*[*?\\[\\]{}].*")) {
        root = p.getParent();
      }
    }
    return root;
  }

  /** The file's path below the input root, or its name when it does not lie below it. */
  static String relativePath(Path root, Path file) {
    String rootText = root == null ? null : root.toUri().getPath();
    String fileText = file.toUri().getPath();
    return rootText != null && fileText.startsWith(rootText + "/") ? fileText.substring(rootText.length() + 1) : file.getName();
  }

  /** The name of the file's directory when that directory lies below the input root; null otherwise. */
  static String label(Path root, Path file) {
    Path parent = file.getParent();
    if (parent == null || root == null) {
      return null;
    }
    String rootText = root.toUri().getPath();
    String parentText = parent.toUri().getPath();
    return parentText.startsWith(rootText + "/") ? parent.getName() : null;
  }
}
