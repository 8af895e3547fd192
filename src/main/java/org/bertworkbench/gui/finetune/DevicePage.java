package org.bertworkbench.gui.finetune;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Page 5: where to train — the CPU, a detected GPU, or all GPUs — and what was detected. */
final class DevicePage extends WizardPage {

  private final WizardViewModel vm;
  private final VBox choices = new VBox(6);
  private final ToggleGroup group = new ToggleGroup();

  DevicePage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.DEVICE, "Where should it train?");
    this.vm = vm;
    Label report = new Label();
    report.setId("deviceReport");
    report.setWrapText(true);
    report.textProperty().bind(vm.deviceReportProperty());
    Label title = new Label("Detected");
    title.setStyle("-fx-font-weight: bold;");
    group.selectedToggleProperty().addListener((o, was, now) -> {
      if (now != null) {
        vm.deviceProperty().set((String) now.getUserData());
      }
    });
    vm.devices().addListener((ListChangeListener<String>) c -> fill());
    fill();
    setBody(new VBox(10, choices, title, report));
  }

  private void fill() {
    choices.getChildren().clear();
    group.getToggles().clear();
    for (String d : vm.devices()) {
      RadioButton r = new RadioButton(switch (d) {
        case "cpu" -> "CPU";
        case "all" -> "All GPUs (data-parallel on this machine)";
        default -> "GPU " + d.substring(3);
      });
      r.setId("device-" + d);
      r.setUserData(d);
      r.setToggleGroup(group);
      choices.getChildren().add(r);
      if (d.equals(vm.deviceProperty().get())) {
        group.selectToggle(r);
      }
    }
  }
}
