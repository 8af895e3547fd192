package org.bertworkbench.gui.finetune;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.gui.text.Texts;

/** Page 1: the task family, and for numeric features the strategy. */
final class TaskPage extends WizardPage {

  private static final Texts T = Texts.of(TaskPage.class);

  TaskPage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.TASK, T.get("TaskPage.header"));
    ToggleGroup tasks = new ToggleGroup();
    VBox box = new VBox(6);
    for (TaskChoice t : TaskChoice.values()) {
      RadioButton r = new RadioButton(t.title());
      r.setId("task-" + t.name().toLowerCase());
      r.setUserData(t);
      r.setToggleGroup(tasks);
      r.setStyle("-fx-font-weight: bold;");
      Label d = new Label(t.description());
      d.setWrapText(true);
      d.setStyle("-fx-padding: 0 0 6 26; -fx-text-fill: #455a64;");
      box.getChildren().addAll(r, d);
    }
    tasks.selectedToggleProperty().addListener((o, was, now) -> {
      if (now != null) {
        vm.taskProperty().set((TaskChoice) now.getUserData());
      }
    });
    tasks.getToggles().stream().filter(t -> t.getUserData() == vm.taskProperty().get()).findFirst()
        .ifPresent(tasks::selectToggle);
    ToggleGroup modes = new ToggleGroup();
    RadioButton template = new RadioButton(T.get("TaskPage.template"));
    template.setId("features-template");
    template.setUserData(FeatureMode.TEXT_TEMPLATE);
    RadioButton concat = new RadioButton(T.get("TaskPage.concat"));
    concat.setId("features-concat");
    concat.setUserData(FeatureMode.CLS_CONCAT);
    for (RadioButton r : List.of(template, concat)) {
      r.setWrapText(true); // in large type (F5) the long choices wrap instead of ending in "…"
    }
    template.setToggleGroup(modes);
    concat.setToggleGroup(modes);
    modes.selectToggle(vm.featureModeProperty().get() == FeatureMode.TEXT_TEMPLATE ? template : concat);
    modes.selectedToggleProperty().addListener((o, was, now) -> {
      if (now != null) {
        vm.featureModeProperty().set((FeatureMode) now.getUserData());
      }
    });
    VBox strategies = new VBox(4, new Label(T.get("TaskPage.strategies")), template, concat);
    strategies.setStyle("-fx-padding: 0 0 0 26;");
    strategies.disableProperty().bind(vm.taskProperty().isNotEqualTo(TaskChoice.NUMERIC));
    box.getChildren().add(strategies);
    setBody(box);
  }
}
