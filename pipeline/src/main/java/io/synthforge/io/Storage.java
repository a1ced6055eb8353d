package io.synthforge.io;

import io.synthforge.api.InputNotFoundException;
import io.synthforge.api.JobFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small file operations on any Hadoop URI ({@code file://}, plain paths, {@code hdfs://}, object stores), with
 * the failure messages synthforge shows to people.
 */
public final class Storage {
  private final Configuration conf;

  public Storage(Configuration conf) {
    this.conf = conf;
  }

  /** The Hadoop configuration used to resolve file systems. */
  public Configuration conf() {
    return conf;
  }

  /** A fully qualified path for {@code uri}: plain paths become absolute local paths. */
  public Path qualify(String uri) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      return fs.makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve file system of " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The file system that holds {@code path}. */
  public FileSystem fileSystem(Path path) {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve file system of " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether anything exists at {@code path}. */
  public boolean exists(Path path) {
    try {
      return fileSystem(path).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The data files named by {@code uri}: the file itself, the visible files under a directory (recursively;
   * names starting with {@code _} or {@code .} are skipped as Hadoop does), or the matches of a glob.
   */
  public List<FileStatus> listInputFiles(String uri) {
    Path path = qualify(uri);
    FileSystem fs = fileSystem(path);
    try {
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new InputNotFoundException("Cannot read input " + uri + ": no such file or directory");
      }
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus match : matches) {
        collect(fs, match, files);
      }
      if (files.isEmpty()) {
        throw new InputNotFoundException("Cannot read input " + uri + ": it holds no data files");
      }
      files.sort(Comparator.comparing(status -> status.getPath().toString()));
      return files;
    } catch (IOException e) {
      throw new JobFailedException("Cannot list input " + uri + ": " + e.getMessage(), e);
    }
  }

  private static void collect(FileSystem fs, FileStatus status, List<FileStatus> files) throws IOException {
    String name = status.getPath().getName();
    if (name.startsWith("_") || name.startsWith(".")) {
      return;
    }
    if (status.isDirectory()) {
      FileStatus[] children = fs.listStatus(status.getPath());
      Arrays.sort(children, Comparator.comparing(child -> child.getPath().toString()));
      for (FileStatus child : children) {
        collect(fs, child, files);
      }
    } else if (status.getLen() > 0) {
      files.add(status);
    }
  }

  /** Reads a whole (small) file as UTF-8 text. */
  public String readText(Path path) {
    try (InputStream in = fileSystem(path).open(path)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException e) {
      throw new InputNotFoundException("Cannot read " + path + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads at most {@code maxBytes} from the start of a file (to peek at a header line). */
  public byte[] readHead(Path path, int maxBytes) {
    try (InputStream in = fileSystem(path).open(path)) {
      return in.readNBytes(maxBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} as UTF-8, replacing any file at {@code path}. */
  public void writeText(Path path, String text) {
    try (OutputStream out = fileSystem(path).create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code text} to {@code path} so that readers see either the old file or the whole new one: the
   * bytes go to a hidden sibling first, which is then renamed over the target.
   */
  public void writeTextAtomically(Path path, String text) {
    Path temp = new Path(path.getParent(), "." + path.getName() + ".tmp-" + Long.toHexString(System.nanoTime()));
    FileSystem fs = fileSystem(path);
    try {
      try (FSDataOutputStream out = fs.create(temp, false)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.hsync();
      }
      if (fs.exists(path) && !fs.delete(path, false)) {
        throw new UncheckedIOException(new IOException("Cannot replace " + path + ": delete failed"));
      }
      if (!fs.rename(temp, path)) {
        throw new UncheckedIOException(new IOException("Cannot rename " + temp + " to " + path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes {@code path} recursively if it exists. */
  public void deleteIfExists(Path path) {
    try {
      FileSystem fs = fileSystem(path);
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  /** The URI string of {@code path}. */
  public static String uri(Path path) {
    URI uri = path.toUri();
    return uri.toString();
  }
}
