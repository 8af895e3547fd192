package org.bertworkbench.gui.explain;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.bertworkbench.gui.work.Latest;

/**
 * A view's progress bar (while its runner works) and status line: the runner's message while it
 * has one, else the view's own status. The explanation views share it.
 */
final class WorkRow extends HBox {

  private final Label status = new Label(" ");

  WorkRow(String idPrefix, Latest work, ObservableStringValue own) {
    super(8);
    ProgressBar progress = new ProgressBar();
    progress.setId(idPrefix + "Progress");
    progress.setPrefWidth(160);
    progress.setMinWidth(Region.USE_PREF_SIZE);
    progress.progressProperty().bind(work.progressProperty());
    progress.visibleProperty().bind(work.runningProperty());
    progress.managedProperty().bind(progress.visibleProperty());
    status.setId(idPrefix + "Status");
    status.setWrapText(true);
    status.setMinHeight(Region.USE_PREF_SIZE);
    status.textProperty().bind(Bindings.when(work.runningProperty().and(work.messageProperty().isNotEmpty()))
        .then(work.messageProperty()).otherwise(own));
    HBox.setHgrow(status, Priority.ALWAYS);
    status.setMaxWidth(Double.MAX_VALUE);
    getChildren().addAll(progress, status);
    setAlignment(Pos.CENTER_LEFT);
  }

  Label status() {
    return status;
  }
}
