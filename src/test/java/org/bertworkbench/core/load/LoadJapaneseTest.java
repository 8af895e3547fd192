package org.bertworkbench.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.job.UserMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Japanese window calls a fine-tuned model in Japanese and says in Japanese why one cannot be opened. */
class LoadJapaneseTest {

  @TempDir
  Path dir;

  @Test
  void aFineTunedModelsLabelIsSaidInJapaneseAroundTheSameNames() throws Exception {
    Path model = FineTunedFolders.classifier(dir.resolve("runs/sst-reviews/model"));
    try (LoadedBert loaded = LoadedBert.open(model.toString(), Device.cpu(), Progress.NONE)) {
      assertEquals("sst-reviews (classify, from tiny-model)", loaded.label());
      assertEquals(loaded.label(), loaded.label(Locale.ENGLISH));
      assertEquals("sst-reviews（classify、tiny-model から）", loaded.label(Locale.JAPANESE));
    }
  }

  @Test
  void aModelThatIsNeitherAFolderNorAKnownNameIsRefusedInJapanese() {
    String missing = dir.resolve("no-such-model").toString();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> LoadedBert.open(missing, Device.cpu(), Progress.NONE));
    assertTrue(e.getMessage().startsWith(missing + ": no such file or folder, and not a known model name"),
        e.getMessage());
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(ja.startsWith(missing + ": "), ja);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.contains("sample-tiny"), ja + " still lists the known models");
  }
}
