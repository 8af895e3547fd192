package org.bertworkbench.core.pretrain;

import java.io.IOException;
import java.nio.file.Path;
import org.bertworkbench.core.run.RunDirectory;

/**
 * A pretraining run directory: a {@link RunDirectory} (run.json, metrics.jsonl,
 * checkpoints/step-N/) plus
 * <pre>
 *   vocab.txt              the vocabulary used
 *   batches.jsonl          the instances of the first --dump-batches steps
 * </pre>
 * It writes no status.json and no model/: its checkpoints are its models.
 */
public final class PretrainRun extends RunDirectory {

  public static final String VOCAB = "vocab.txt";
  public static final String BATCHES = "batches.jsonl";

  public PretrainRun(Path dir) {
    super(dir);
  }

  /** The parameters stored in the run record. */
  public PretrainParams params() throws IOException {
    return GSON.fromJson(record().get("params"), PretrainParams.class);
  }
}
