package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.OnnxExportAction;
import org.bertworkbench.gui.shell.TinyModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Model > "Export to ONNX…" writes the window's model off the FX thread and says so on the status line. */
@ExtendWith(ApplicationExtension.class)
class ModelMenuOnnxExportTest {

  @TempDir
  Path dir;
  WholeWindow window;

  @Start
  void start(Stage stage) {
    window = WholeWindow.show(stage, 1200, 800);
  }

  @AfterEach
  void stop(FxRobot robot) {
    OnnxExportAction.chooseWith(null);
    window.close(robot);
  }

  @Test
  void theWindowsModelIsExportedFromTheModelMenu(FxRobot robot) throws Exception {
    Path out = dir.resolve("tiny.onnx");
    AtomicReference<String> asked = new AtomicReference<>();
    OnnxExportAction.chooseWith((owner, model) -> {
      asked.set(model);
      return out;
    });
    MenuBar bar = robot.lookup(".menu-bar").query();
    Menu menu = bar.getMenus().stream().filter(m -> "modelMenu".equals(m.getId())).findFirst().orElseThrow();
    MenuItem item = menu.getItems().stream().filter(i -> "exportOnnxItem".equals(i.getId())).findFirst()
        .orElseThrow();
    assertEquals("Model", menu.getText());
    assertEquals("Export to ONNX…", item.getText());
    assertEquals(null, window.vm.modelProperty().get(), "no model yet");
    robot.interact(item::fire);
    assertTrue(window.vm.statusProperty().get().startsWith("Load a model"), window.vm.statusProperty().get());

    robot.interact(() -> {
      window.vm.textAProperty().set("the cat sat on the mat .");
      window.vm.load(TinyModel.PATH);
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.vm.analysisProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(item::fire);
    AtomicReference<String> status = new AtomicReference<>("");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
      status.set(window.vm.statusProperty().get());
      return status.get().startsWith("Wrote ");
    });
    assertEquals(window.vm.loadedTarget(), asked.get());
    assertTrue(status.get().contains("outputs last_hidden_state"), status.get());
    assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(out.toString(),
        new OrtSession.SessionOptions())) {
      assertTrue(s.getOutputNames().contains("last_hidden_state"), s.getOutputNames().toString());
      assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), s.getInputNames());
    }
  }
}
