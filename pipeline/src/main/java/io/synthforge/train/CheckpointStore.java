package io.synthforge.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthforge.api.JobFailedException;
import io.synthforge.io.Storage;
import io.synthforge.model.ModelState;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints under {@code <model>/checkpoints/round-NNNNNN/}: the state, the best state so far (early
 * stopping) and {@code progress.json}. Each is written under a hidden temporary name and renamed into place, so
 * a crash mid-write leaves either a complete checkpoint or none; {@link #latest()} only sees complete ones.
 */
public final class CheckpointStore {
  static final String DIR = "checkpoints";
  private static final Pattern NAME = Pattern.compile("round-(\\d{6})");
  private static final String PROGRESS = "progress.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Storage storage;
  private final Path root;
  private final int keep;

  /** The checkpoints of the model at {@code model}, keeping the newest {@code keep} ones. */
  public CheckpointStore(Storage storage, Path model, int keep) {
    this.storage = storage;
    this.root = new Path(model, DIR);
    this.keep = keep;
  }

  /** A checkpoint read back. */
  public static final class Checkpoint {
    private final ModelState state;
    private final ModelState best;
    private final TrainingProgress progress;

    Checkpoint(ModelState state, ModelState best, TrainingProgress progress) {
      this.state = state;
      this.best = best;
      this.progress = progress;
    }

    public ModelState state() {
      return state;
    }

    /** The state with the best validation loss so far (the current one when there is none). */
    public ModelState best() {
      return best;
    }

    public TrainingProgress progress() {
      return progress;
    }
  }

  /** Saves the state after {@code progress.round()} atomically, then prunes old checkpoints. */
  public void save(ModelState state, ModelState best, TrainingProgress progress) {
    FileSystem fs = storage.fileSystem(root);
    Path target = new Path(root, name(progress.round()));
    Path temp = new Path(root, "." + name(progress.round()) + ".tmp-" + UUID.randomUUID());
    try {
      fs.mkdirs(root);
      ModelStateIo.write(storage, new Path(temp, "state"), state);
      if (best != null && best != state) {
        ModelStateIo.write(storage, new Path(temp, "best"), best);
      }
      storage.writeText(new Path(temp, PROGRESS), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(progress));
      if (fs.exists(target)) {
        fs.delete(target, true);
      }
      if (!fs.rename(temp, target)) {
        throw new JobFailedException("Cannot save checkpoint " + target + ": rename from " + temp + " failed");
      }
      prune(fs);
    } catch (IOException e) {
      throw new JobFailedException("Cannot save checkpoint " + target + ": " + e.getMessage(), e);
    }
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Checkpoint> latest() {
    FileSystem fs = storage.fileSystem(root);
    try {
      if (!fs.exists(root)) {
        return Optional.empty();
      }
      int newest = -1;
      for (FileStatus status : fs.listStatus(root)) {
        Matcher matcher = NAME.matcher(status.getPath().getName());
        if (status.isDirectory() && matcher.matches() && fs.exists(new Path(status.getPath(), PROGRESS))) {
          newest = Math.max(newest, Integer.parseInt(matcher.group(1)));
        }
      }
      if (newest < 0) {
        return Optional.empty();
      }
      Path dir = new Path(root, name(newest));
      TrainingProgress progress = JSON.readValue(storage.readText(new Path(dir, PROGRESS)), TrainingProgress.class);
      ModelState state = ModelStateIo.read(storage, new Path(dir, "state"));
      ModelState best = fs.exists(new Path(dir, "best")) ? ModelStateIo.read(storage, new Path(dir, "best")) : state;
      return Optional.of(new Checkpoint(state, best, progress));
    } catch (JsonProcessingException e) {
      throw new JobFailedException("Cannot read checkpoint in " + root + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new JobFailedException("Cannot list checkpoints in " + root + ": " + e.getMessage(), e);
    }
  }

  private void prune(FileSystem fs) throws IOException {
    java.util.List<Integer> rounds = new java.util.ArrayList<>();
    for (FileStatus status : fs.listStatus(root)) {
      Matcher matcher = NAME.matcher(status.getPath().getName());
      if (matcher.matches()) {
        rounds.add(Integer.parseInt(matcher.group(1)));
      }
    }
    rounds.sort(java.util.Comparator.reverseOrder());
    for (int i = keep; i < rounds.size(); i++) {
      fs.delete(new Path(root, name(rounds.get(i))), true);
    }
  }

  private static String name(int round) {
    return String.format(Locale.ROOT, "round-%06d", round);
  }
}
