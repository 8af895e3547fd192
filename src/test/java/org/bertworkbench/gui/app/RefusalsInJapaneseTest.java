package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.gui.shell.TinyModel;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A Japanese window says why it refuses a model in Japanese, the part core words ("truncated: …",
 * "num_attention_heads 5 does not divide …") too, not only the window's framing around it: the
 * model folder is the sample model, copied and then broken as a user's download breaks.
 */
@ExtendWith(ApplicationExtension.class)
class RefusalsInJapaneseTest {

  WholeWindow window;
  Stage stage;

  @TempDir
  Path dir;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void stop(FxRobot robot) {
    if (window != null) {
      window.close(robot);
    }
    Language.use(Language.EN);
  }

  @Test
  void aTruncatedCheckpointIsRefusedInJapanese(FxRobot robot) throws Exception {
    Path model = copyOfTheSampleModel();
    try (FileChannel c = FileChannel.open(model.resolve("model.safetensors"), StandardOpenOption.WRITE)) {
      c.truncate(c.size() / 2); // a download that stopped half way
    }
    String said = refusalOf(robot, model);
    assertTrue(said.contains("model.safetensors"), said);
    assertCoreWordsAreJapanese(said, "model.safetensors:", "tensor", "ends at byte", "past the end");
  }

  @Test
  void aConfigThatContradictsItselfIsRefusedInJapanese(FxRobot robot) throws Exception {
    Path model = copyOfTheSampleModel();
    Path config = model.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"num_attention_heads\": 2", "\"num_attention_heads\": 5"));
    String said = refusalOf(robot, model);
    assertTrue(said.contains("num_attention_heads 5") && said.contains("hidden_size 128"), said);
    assertCoreWordsAreJapanese(said, "config.json:", "does not divide");
  }

  private Path copyOfTheSampleModel() throws Exception {
    Path to = dir.resolve("broken-model");
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(Path.of(TinyModel.PATH))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  private String refusalOf(FxRobot robot, Path model) throws Exception {
    Language.use(Language.JA);
    robot.interact(() -> window = WholeWindow.show(stage, 1200, 800));
    robot.interact(() -> window.vm.load(model.toString()));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.vm.errorProperty().get().isEmpty()
        && window.vm.errorProperty().get().contains(model.getFileName().toString()));
    WaitForAsyncUtils.waitForFxEvents();
    return window.vm.errorProperty().get();
  }

  /** What follows {@code file} (core's own words) is Japanese and has none of the English words. */
  private static void assertCoreWordsAreJapanese(String said, String file, String... english) {
    int at = said.indexOf(file);
    assertTrue(at >= 0, "the refusal names " + file + ": " + said);
    String core = said.substring(at + file.length());
    assertTrue(BundleChecks.JAPANESE.matcher(core).find(), "core's part is Japanese: " + said);
    for (String word : english) {
      assertFalse(core.contains(word), "no English '" + word + "' in: " + said);
    }
  }
}
