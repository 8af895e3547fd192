package org.bertworkbench.gui.finetune;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The fine-tuning pane alone in a 1400 x 900 window, CPU only, its runs in {@code runs}. */
final class FinetuneWindow {

  private FinetuneWindow() {}

  /** {@code opened} is told of every fine-tuned model the user opens in the workbench. */
  static FinetunePane show(Stage stage, Path runs, Consumer<Path> opened) {
    FinetunePane pane = new FinetunePane(runs, FakeProbe.cpuOnly(), List::of, opened, m -> { });
    stage.setScene(new Scene((Parent) pane.node(), 1400, 900));
    stage.show();
    return pane;
  }
}
