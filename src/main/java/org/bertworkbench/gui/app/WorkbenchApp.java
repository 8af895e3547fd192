package org.bertworkbench.gui.app;

import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.gui.attention.AttentionPane;
import org.bertworkbench.gui.embeddings.EmbeddingsPane;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.explain.ExplainPane;
import org.bertworkbench.gui.fillmask.FillMaskPane;
import org.bertworkbench.gui.finetune.FinetunePane;
import org.bertworkbench.gui.layers.LayersPane;
import org.bertworkbench.gui.pretrain.PretrainPane;
import org.bertworkbench.gui.sentences.SentencesPane;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.tokens.TokensPane;

/** The workbench window. Started through {@code org.bertworkbench.Launcher}, never as main itself. */
public final class WorkbenchApp extends Application {

  private MainWindow window;

  @Override
  public void start(Stage stage) {
    var named = getParameters().getNamed();
    Language.of(named.get("lang")).ifPresent(Language::use);
    window = new MainWindow(new WorkbenchViewModel(), WorkbenchApp::panes, 1200, 800);
    stage.setTitle("BERT Workbench"); // i18n-ok: the program's name
    stage.getIcons().addAll(icons());
    stage.setScene(window.scene());
    stage.show();
    WorkbenchViewModel vm = window.viewModel();
    vm.textAProperty().set(named.getOrDefault("text", "The cat sat on the [MASK].")); // i18n-ok: model input
    vm.textBProperty().set(named.getOrDefault("text-b", ""));
    String lesson = named.get("lesson");
    // A lesson loads the model its first step names; the start model would only be loaded in vain.
    if (lesson == null || !window.openLesson(lesson)) {
      String notice = vm.loadAtStart(named.get("model"));
      if (!notice.isEmpty()) {
        System.err.println(notice);
      }
    }
  }

  /** Where the packaged icons are (from {@code assets/icon/}), before the size and ".png". */
  static final String ICON = "/assets/icon/bert-workbench-";

  /** The window's icon in every packaged size, for the desktop to choose from. */
  static List<javafx.scene.image.Image> icons() {
    List<javafx.scene.image.Image> out = new java.util.ArrayList<>();
    for (int size : AppIcon.SIZES) {
      var url = WorkbenchApp.class.getResource(ICON + size + ".png");
      if (url != null) {
        out.add(new javafx.scene.image.Image(url.toExternalForm()));
      }
    }
    return out;
  }

  /** The window's zoom keys: {@link Zoom#install}. */
  public static void installZoom(Scene scene) {
    Zoom.install(scene, 1);
  }

  /** Every view of the workbench, in tab order. */
  public static List<WorkbenchPane> panes(WorkbenchViewModel vm) {
    return List.of(new TokensPane(vm), new EmbeddingsPane(vm), new LayersPane(vm), new FillMaskPane(vm),
        new AttentionPane(vm), new PretrainPane(vm), new FinetunePane(vm), new SentencesPane(vm),
        new ExplainPane(vm));
  }

  WorkbenchViewModel viewModel() {
    return window.viewModel();
  }

  @Override
  public void stop() {
    if (window != null) {
      window.shutdown();
    }
  }
}
