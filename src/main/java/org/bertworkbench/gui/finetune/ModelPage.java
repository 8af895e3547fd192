package org.bertworkbench.gui.finetune;

import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.bertworkbench.gui.text.Texts;

/** Page 3: the base model: Google's, one opened in the window, one pretrained or fine-tuned here, or a folder. */
final class ModelPage extends WizardPage {

  private static final Texts T = Texts.of(ModelPage.class);

  ModelPage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.MODEL, T.get("ModelPage.header"));
    ListView<BaseModels.BaseModel> list = new ListView<>(vm.models());
    list.setId("modelList");
    list.setPrefHeight(300);
    list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
      if (now != null) {
        vm.modelProperty().set(now.reference());
      }
    });
    vm.models().stream().filter(m -> m.reference().equals(vm.modelProperty().get())).findFirst()
        .ifPresent(m -> list.getSelectionModel().select(m));
    TextField field = new TextField();
    field.setId("modelField");
    field.textProperty().bindBidirectional(vm.modelProperty());
    HBox.setHgrow(field, Priority.ALWAYS);
    Button folder = new Button(T.get("ModelPage.folder"));
    folder.setId("modelFolder");
    folder.setOnAction(e -> {
      DirectoryChooser c = new DirectoryChooser();
      c.setTitle(T.get("ModelPage.chooser"));
      File f = c.showDialog(getScene().getWindow());
      if (f != null) {
        vm.modelProperty().set(f.getPath());
      }
    });
    HBox row = new HBox(8, new Label(T.get("ModelPage.model")), field, folder);
    row.setAlignment(Pos.CENTER_LEFT);
    Label info = new Label();
    info.setId("modelInfo");
    info.setWrapText(true);
    info.textProperty().bind(vm.modelInfoProperty());
    setBody(new VBox(8, list, row, info));
  }
}
