package org.bertworkbench.core.finetune;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;

/** Fine-tuned model folders for tests, made without training: the tiny sample model and a fresh head. */
public final class FineTunedFolders {

  public static final Path TINY = Path.of("sample-data", "pretrain", "tiny-model");

  private FineTunedFolders() {}

  /** A two-label classifier on the tiny sample model, saved as a Hugging Face folder at {@code dir}. */
  public static Path classifier(Path dir) throws CheckpointException, java.io.IOException {
    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, List.of("neg", "pos"), null, null, null, null, null, 32,
        TINY.toString());
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(TINY.toString()), head, Device.cpu(), 1)) {
      m.save(dir);
    }
    return dir;
  }
}
