package org.bertworkbench.gui.finetune;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;

/** A table of runs: folder, task, status with steps, newest dev result, the grid's three hyper-parameters. */
final class RunsTable {

  private RunsTable() {}

  /** The runs list (several rows may be chosen, to compare them). */
  static TableView<FinetuneRun.Summary> create(String id) {
    TableView<FinetuneRun.Summary> t = new TableView<>();
    t.setId(id);
    t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    t.getColumns().add(column("Run", 130, s -> s.dir().getFileName().toString()));
    t.getColumns().add(column("Task", 70, s -> s.spec().task().cliName()));
    t.getColumns().add(column("Status", 140, RunsTable::status));
    t.getColumns().add(column("Dev", 110, s -> s.lastEvaluation() == null ? "–"
        : Drawings.percent(s.lastEvaluation().headline()) + " " + headlineName(s)));
    t.getColumns().add(column("lr · batch · epochs", 120, s -> hyper(s.spec())));
    t.setRowFactory(table -> new TableRow<>() {
      @Override
      protected void updateItem(FinetuneRun.Summary s, boolean empty) {
        super.updateItem(s, empty);
        setStyle(empty || s == null ? "" : switch (s.status().state()) {
          case FAILED -> "-fx-text-background-color: #c62828;";
          case INTERRUPTED, STOPPED -> "-fx-text-background-color: #ef6c00;";
          case RUNNING -> "-fx-font-weight: bold;";
          default -> "";
        });
      }
    });
    return t;
  }

  static String status(FinetuneRun.Summary s) {
    FinetuneRun.Status st = s.status();
    String state = st.state().name().toLowerCase(Locale.ROOT);
    return st.totalSteps() > 0 ? String.format(Locale.ROOT, "%s %d/%d", state, st.step(), st.totalSteps()) : state;
  }

  static String headlineName(FinetuneRun.Summary s) {
    return s.lastEvaluation() != null && s.lastEvaluation().metrics().containsKey("accuracy") ? "acc" : "F1";
  }

  static String hyper(FinetuneSpec spec) {
    return Fields.rate(spec.learningRate()) + " · " + spec.batchSize() + " · " + spec.epochs();
  }

  static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
    TableColumn<S, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(r -> new ReadOnlyStringWrapper(value.apply(r.getValue())));
    return c;
  }
}
