package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.gui.shell.OnnxExportAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Export to ONNX…" in the runs list's context menu: the chosen run's model is written off the FX
 * thread, with its tokenizer.json, and the status line says what was written.
 */
@ExtendWith(ApplicationExtension.class)
class FinetuneOnnxExportTest {

  @TempDir
  static Path dir;
  FinetunePane pane;
  Path run;
  String asked;

  @Start
  void start(Stage stage) throws Exception {
    Path runs = Files.createDirectories(dir.resolve("runs"));
    run = Files.createDirectories(runs.resolve("classify-tiny"));
    Path dev = dir.resolve("dev.tsv");
    Files.writeString(dev, "sentence\tlabel\nthe sea\tneg\nthe sun\tpos\n");
    FineTunedFolders.classifier(run.resolve(FinetuneRun.MODEL));
    FinetuneSpec.defaults(TaskKind.CLASSIFY, dev.toString(), FineTunedFolders.TINY.toString(), run.toString())
        .withDev(dev.toString(), 0.1).save(run.resolve(FinetuneRun.SPEC));
    pane = new FinetunePane(runs, FakeProbe.cpuOnly(), List::of, m -> { }, m -> { });
    stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 1400, 900));
    stage.show();
  }

  @AfterEach
  void stop() {
    OnnxExportAction.chooseWith(null);
    pane.shutdown();
  }

  @Test
  void aRunsModelIsExportedFromTheContextMenu(FxRobot robot) throws Exception {
    Path out = dir.resolve("out/classify.onnx");
    OnnxExportAction.chooseWith((window, model) -> {
      asked = model;
      return out;
    });
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Fx.call(robot, () -> pane.table().getItems().size()) == 1);
    robot.clickOn("classify-tiny");
    // The context menu as a right-click asks for it (a headless robot's secondary click does not).
    robot.interact(() -> pane.table().fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 40,
        40, 40, 40, false, null)));
    WaitForAsyncUtils.waitForFxEvents();
    ContextMenu menu = robot.listWindows().stream().filter(w -> w instanceof ContextMenu && w.isShowing())
        .map(ContextMenu.class::cast).findFirst().orElseThrow(() -> new AssertionError("no menu shown"));
    MenuItem item = menu.getItems().stream().filter(i -> "Export to ONNX…".equals(i.getText())).findFirst()
        .orElseThrow(() -> new AssertionError("no Export to ONNX… in " + menu.getItems()));
    robot.interact(() -> {
      menu.hide();
      item.fire();
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
        () -> Fx.call(robot, () -> pane.runs().statusProperty().get()).startsWith("Wrote "));
    assertEquals(run.resolve(FinetuneRun.MODEL).toString(), asked);
    String status = Fx.call(robot, () -> pane.runs().statusProperty().get());
    assertTrue(status.startsWith("Wrote " + out.toAbsolutePath() + " ("), status);
    assertTrue(status.endsWith("outputs logits) and tokenizer.json beside it."), status);
    assertTrue(Files.isRegularFile(out.resolveSibling("tokenizer.json")));
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(out.toString(),
        new OrtSession.SessionOptions())) {
      assertEquals(Set.of("logits"), s.getOutputNames());
    }
  }
}
