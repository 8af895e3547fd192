package org.bertworkbench.gui.finetune;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Region;
import org.bertworkbench.gui.work.Latest;

/**
 * The predictions' progress in the Fine-tuning views: a bar shown while predictions over a file run,
 * and a status line that says how far they are ("predicting 320 of 1000") while they report, else
 * the view model's own message.
 */
final class PredictProgress {

  private PredictProgress() {}

  /** A bar bound to {@code work}, visible only while it runs. */
  static ProgressBar bar(Latest work, String id) {
    ProgressBar bar = new ProgressBar();
    bar.setId(id);
    bar.setPrefWidth(140);
    bar.setMinWidth(Region.USE_PREF_SIZE);
    bar.progressProperty().bind(work.progressProperty());
    bar.visibleProperty().bind(work.runningProperty());
    bar.managedProperty().bind(bar.visibleProperty());
    return bar;
  }

  /** Binds {@code message} to the runner's report while it has one, else to the view model's message. */
  static void bindStatus(Label message, Latest work, InspectionViewModel vm) {
    message.textProperty().bind(Bindings.when(work.runningProperty().and(work.messageProperty().isNotEmpty()))
        .then(work.messageProperty()).otherwise(vm.messageProperty()));
  }
}
