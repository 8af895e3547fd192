package org.bertworkbench.gui.finetune;

import java.io.File;
import java.io.IOException;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.bertworkbench.gui.text.Texts;
import org.controlsfx.dialog.Wizard;

/** Page 6: where the run goes, every choice in words, the specification file, then launch. */
final class ReviewPage extends WizardPage {

  private static final Texts T = Texts.of(ReviewPage.class);

  private final WizardViewModel vm;
  private final TextArea summary = new TextArea();
  private final TextArea spec = new TextArea();
  private final Label saved = new Label();

  ReviewPage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.REVIEW, T.get("ReviewPage.header"));
    this.vm = vm;
    TextField folder = new TextField();
    folder.setId("runsFolder");
    folder.textProperty().bindBidirectional(vm.runsFolderProperty());
    HBox.setHgrow(folder, Priority.ALWAYS);
    Button choose = new Button(T.get("ReviewPage.folder"));
    choose.setOnAction(e -> {
      DirectoryChooser c = new DirectoryChooser();
      c.setTitle(T.get("ReviewPage.chooser"));
      File f = c.showDialog(getScene().getWindow());
      if (f != null) {
        vm.runsFolderProperty().set(f.getPath());
      }
    });
    TextField name = new TextField();
    name.setId("runName");
    name.textProperty().bindBidirectional(vm.runNameProperty());
    GridPane where = new GridPane();
    where.setHgap(8);
    where.setVgap(6);
    HBox folderRow = new HBox(8, folder, choose);
    GridPane.setHgrow(folderRow, Priority.ALWAYS);
    where.addRow(0, new Label(T.get("ReviewPage.runsFolder")), folderRow);
    where.addRow(1, new Label(T.get("ReviewPage.runName")), name);
    summary.setId("reviewSummary");
    summary.setEditable(false);
    summary.setPrefRowCount(10);
    summary.setWrapText(true);
    spec.setId("specText");
    spec.setEditable(false);
    spec.setPrefRowCount(12);
    spec.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
    Button saveAs = new Button(T.get("ReviewPage.saveAs"));
    saveAs.setId("saveSpecAs");
    saveAs.setOnAction(e -> saveAs());
    saved.setId("savedSpec");
    HBox specBar = new HBox(10, new Label(WizardViewModel.SPEC_FILE), saveAs, saved);
    specBar.setAlignment(Pos.CENTER_LEFT);
    vm.problemBinding(WizardViewModel.Page.REVIEW).addListener((o, was, now) -> refresh());
    vm.speedProperty().addListener((o, was, now) -> refresh());
    setBody(new VBox(8, where, summary, specBar, spec));
  }

  private void refresh() {
    summary.setText(vm.summary());
    try {
      var specs = vm.specs();
      spec.setText(specs.get(0).toJsonText() + (specs.size() > 1 ? T.format("ReviewPage.more", specs.size() - 1) + "\n"
          : ""));
    } catch (IllegalArgumentException e) {
      spec.setText("(" + Texts.failure(e) + ")");
    }
  }

  private void saveAs() {
    FileChooser c = new FileChooser();
    c.setInitialFileName(WizardViewModel.SPEC_FILE);
    File f = c.showSaveDialog(getScene().getWindow());
    if (f != null) {
      try {
        vm.specs().get(0).save(f.toPath());
        saved.setText(T.format("ReviewPage.saved", f));
      } catch (IOException | RuntimeException ex) {
        saved.setText(T.format("ReviewPage.cannotSave", Texts.failure(ex)));
      }
    }
  }

  @Override
  public void onEnteringPage(Wizard wizard) {
    super.onEnteringPage(wizard);
    vm.measureSpeed();
    refresh();
    if (lookupButton(ButtonType.FINISH) instanceof Button finish) {
      finish.setText(T.get("ReviewPage.launch"));
      finish.setId("launchButton");
    }
  }
}
