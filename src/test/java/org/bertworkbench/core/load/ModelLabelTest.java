package org.bertworkbench.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.job.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models are called what the user knows them by, not "model": run, task and base; run and step. */
class ModelLabelTest {

  static final Path TINY = Path.of("sample-data", "pretrain", "tiny-model");

  @TempDir
  Path dir;

  @Test
  void aFineTunedModelIsCalledByItsRunTaskAndBase() throws Exception {
    Path model = FineTunedFolders.classifier(dir.resolve("runs/sst-reviews/model"));
    try (LoadedBert loaded = LoadedBert.open(model.toString(), Device.cpu(), Progress.NONE)) {
      assertEquals("model", loaded.name());
      assertEquals("sst-reviews (classify, from tiny-model)", loaded.label());
    }
  }

  @Test
  void aPretrainingCheckpointIsCalledByItsRunAndStepAndOtherModelsByName() throws Exception {
    Path step = Files.createDirectories(dir.resolve("runs/tiny/checkpoints/step-300"));
    for (String f : List.of("config.json", "vocab.txt", "model.safetensors")) {
      Files.copy(TINY.resolve(f), step.resolve(f));
    }
    try (LoadedBert loaded = LoadedBert.open(step.toString(), Device.cpu(), Progress.NONE)) {
      assertEquals("tiny/step-300", loaded.label());
    }
    try (LoadedBert sample = LoadedBert.open("sample-tiny", Device.cpu(), Progress.NONE)) {
      assertEquals("sample-tiny", sample.label());
    }
  }
}
