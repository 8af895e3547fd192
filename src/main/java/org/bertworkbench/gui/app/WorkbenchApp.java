package org.bertworkbench.gui.app;

import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.bertworkbench.gui.attention.AttentionPane;
import org.bertworkbench.gui.embeddings.EmbeddingsPane;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.fillmask.FillMaskPane;
import org.bertworkbench.gui.finetune.FinetunePane;
import org.bertworkbench.gui.layers.LayersPane;
import org.bertworkbench.gui.pretrain.PretrainPane;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.tokens.TokensPane;

/** The workbench window. Started through {@code org.bertworkbench.Launcher}, never as main itself. */
public final class WorkbenchApp extends Application {

  private WorkbenchViewModel vm;
  private List<WorkbenchPane> panes = List.of();

  @Override
  public void start(Stage stage) {
    vm = new WorkbenchViewModel();
    panes = panes(vm);
    WorkbenchView view = new WorkbenchView(vm, panes);
    Scene scene = new Scene(view.root(), 1200, 800);
    installZoom(scene);
    stage.setTitle("BERT Workbench");
    stage.setScene(scene);
    stage.show();
    var named = getParameters().getNamed();
    vm.textAProperty().set(named.getOrDefault("text", "The cat sat on the [MASK]."));
    vm.textBProperty().set(named.getOrDefault("text-b", ""));
    vm.loadAtStart(named.get("model"));
  }

  /**
   * Ctrl + / Ctrl - / Ctrl 0 scale the type; F5 toggles large type for a lecture hall. Both set the
   * window's {@link Zoom} factor, which the controls' font size and every picture follow.
   */
  public static void installZoom(Scene scene) {
    double[] size = {Zoom.BASE_FONT_SIZE};
    Runnable apply = () -> {
      scene.getRoot().setStyle("-fx-font-size: " + size[0] + "px;");
      Zoom.of(scene).set(size[0] / Zoom.BASE_FONT_SIZE);
    };
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN),
        () -> { size[0] = Math.min(40, size[0] + 2); apply.run(); });
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN),
        () -> { size[0] = Math.min(40, size[0] + 2); apply.run(); });
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN),
        () -> { size[0] = Math.max(9, size[0] - 2); apply.run(); });
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
        () -> { size[0] = Zoom.BASE_FONT_SIZE; apply.run(); });
    scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5),
        () -> { size[0] = size[0] < 20 ? 22 : Zoom.BASE_FONT_SIZE; apply.run(); });
  }

  /** Every view of the workbench, in tab order. */
  public static List<WorkbenchPane> panes(WorkbenchViewModel vm) {
    return List.of(new TokensPane(vm), new EmbeddingsPane(vm), new LayersPane(vm), new FillMaskPane(vm),
        new AttentionPane(vm), new PretrainPane(vm), new FinetunePane(vm));
  }

  WorkbenchViewModel viewModel() {
    return vm;
  }

  @Override
  public void stop() {
    panes.forEach(WorkbenchPane::shutdown);
    if (vm != null) {
      vm.shutdown();
    }
  }
}
