package org.bertworkbench.gui.finetune;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.device.Precision;
import org.bertworkbench.gui.text.Texts;

/**
 * Page 5: where to train — the CPU, a detected GPU, or all GPUs — and what was detected; the
 * precision (auto, float32, float16) and what it comes to on that device.
 */
final class DevicePage extends WizardPage {

  private static final Texts T = Texts.of(DevicePage.class);

  private final WizardViewModel vm;
  private final VBox choices = new VBox(6);
  private final ToggleGroup group = new ToggleGroup();

  DevicePage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.DEVICE, T.get("DevicePage.header"));
    this.vm = vm;
    Label report = new Label();
    report.setId("deviceReport");
    report.setWrapText(true);
    report.textProperty().bind(vm.deviceReportProperty());
    Label title = new Label(T.get("DevicePage.detected"));
    title.setStyle("-fx-font-weight: bold;");
    group.selectedToggleProperty().addListener((o, was, now) -> {
      if (now != null) {
        vm.deviceProperty().set((String) now.getUserData());
      }
    });
    vm.devices().addListener((ListChangeListener<String>) c -> fill());
    fill();
    ComboBox<String> precision = new ComboBox<>();
    precision.setId("precision");
    precision.getItems().setAll(Precision.AUTO, "float32", "float16");
    precision.valueProperty().bindBidirectional(vm.precisionProperty());
    Label precisionNote = new Label();
    precisionNote.setId("precisionNote");
    precisionNote.setWrapText(true);
    precisionNote.textProperty().bind(vm.precisionNoteProperty());
    Label precisionHelp = new Label(T.get("DevicePage.precisionHelp"));
    precisionHelp.setWrapText(true);
    precisionHelp.setStyle("-fx-text-fill: #555;");
    Label precisionTitle = new Label(T.get("DevicePage.precision"));
    precisionTitle.setStyle("-fx-font-weight: bold;");
    precision.setMinWidth(Region.USE_PREF_SIZE);
    precision.setStyle("-fx-pref-width: 9em;");
    HBox precisionRow = new HBox(10, precision, precisionNote);
    precisionRow.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(precisionNote, Priority.ALWAYS);
    setBody(new VBox(10, choices, precisionTitle, precisionRow, precisionHelp, title, report));
  }

  private void fill() {
    choices.getChildren().clear();
    group.getToggles().clear();
    for (String d : vm.devices()) {
      RadioButton r = new RadioButton(switch (d) {
        case "cpu" -> "CPU";
        case "all" -> T.get("DevicePage.all");
        default -> T.format("DevicePage.gpu", d.substring(3));
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
