package org.bertworkbench.gui.app;

import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
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
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.tokens.TokensPane;

/** The workbench window. Started through {@code org.bertworkbench.Launcher}, never as main itself. */
public final class WorkbenchApp extends Application {

  private static final Texts T = Texts.of(WorkbenchApp.class);

  private WorkbenchViewModel vm;
  private List<WorkbenchPane> panes = List.of();

  private WorkbenchView view;

  @Override
  public void start(Stage stage) {
    var named = getParameters().getNamed();
    Language.of(named.get("lang")).ifPresent(Language::use);
    vm = new WorkbenchViewModel();
    panes = panes(vm);
    view = view(stage);
    Scene scene = new Scene(view.root(), 1200, 800);
    installZoom(scene);
    stage.setTitle("BERT Workbench"); // i18n-ok: the program's name
    stage.getIcons().addAll(icons());
    stage.setScene(scene);
    stage.show();
    vm.textAProperty().set(named.getOrDefault("text", "The cat sat on the [MASK].")); // i18n-ok: model input
    vm.textBProperty().set(named.getOrDefault("text-b", ""));
    vm.loadAtStart(named.get("model"));
  }

  private WorkbenchView view(Stage stage) {
    WorkbenchView v = new WorkbenchView(vm, panes);
    v.setOnLanguage(language -> switchLanguage(stage, language));
    return v;
  }

  /**
   * Rebuilds the window in {@code language} over the same model and input (the view model stays),
   * and remembers the choice. A running training job would be stopped by the rebuild, so while one
   * runs the switch waits and says why.
   */
  void switchLanguage(Stage stage, Language language) {
    if (panes.stream().anyMatch(WorkbenchPane::hasRunningJob)) {
      vm.errorProperty().set(T.get("WorkbenchApp.languageBusy"));
      return;
    }
    Language.choose(language);
    panes.forEach(WorkbenchPane::shutdown);
    view.dispose();
    panes = panes(vm);
    view = view(stage);
    stage.getScene().setRoot(view.root());
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
