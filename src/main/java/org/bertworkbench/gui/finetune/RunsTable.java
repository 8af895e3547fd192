package org.bertworkbench.gui.finetune;

import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.text.Texts;

/**
 * A sortable table of runs: name, status with steps, best dev result, the hyper-parameters (each
 * its own column, sorted as numbers), task and base model. Run names share their start
 * ("classify-train-2026…"): they are cut in the middle, keeping the time stamp that tells them
 * apart, and the full name with task and base model is the cell's tooltip.
 */
final class RunsTable {

  private static final Texts T = Texts.of(RunsTable.class);

  private RunsTable() {}

  /** A runs table whose status column writes a run's state as {@code status} says. */
  static TableView<FinetuneRun.Summary> create(String id, Function<FinetuneRun.Summary, String> status) {
    TableView<FinetuneRun.Summary> t = new TableView<>();
    t.setId(id);
    t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    TableColumn<FinetuneRun.Summary, String> run = column(T.get("RunsTable.run"), 190, s -> s.dir().getFileName().toString());
    run.setId("runColumn");
    run.setCellFactory(c -> new TableCell<>() {
      {
        setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
      }

      @Override
      protected void updateItem(String name, boolean empty) {
        super.updateItem(name, empty);
        FinetuneRun.Summary s = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(empty ? null : name);
        setTooltip(s == null ? null : new Tooltip(label(s)));
      }
    });
    t.getColumns().add(run);
    t.getColumns().add(column(T.get("RunsTable.status"), 125, status));
    TableColumn<FinetuneRun.Summary, Double> best = number(T.get("RunsTable.bestDev"), 90, s -> s.bestEvaluation() == null ? null
        : s.bestEvaluation().headline(), (s, v) -> Drawings.percent(v) + " " + headlineName(s));
    best.setId("bestDevColumn");
    t.getColumns().add(best);
    t.getColumns().add(number(T.get("RunsTable.lr"), 60, s -> s.spec().learningRate(), (s, v) -> Fields.rate(v)));
    t.getColumns().add(number(T.get("RunsTable.batch"), 50, s -> (double) s.spec().batchSize(), (s, v) -> String.valueOf(v.intValue())));
    t.getColumns().add(number(T.get("RunsTable.epochs"), 62, s -> (double) s.spec().epochs(), (s, v) -> String.valueOf(v.intValue())));
    t.getColumns().add(number(T.get("RunsTable.maxLength"), 68, s -> (double) s.spec().maxLength(), (s, v) -> String.valueOf(v.intValue())));
    t.getColumns().add(number(T.get("RunsTable.warmup"), 60, s -> s.spec().warmupFraction(), (s, v) -> Drawings.percent(v)));
    t.getColumns().add(number(T.get("RunsTable.decay"), 50, s -> s.spec().weightDecay(), (s, v) -> String.valueOf(v)));
    t.getColumns().add(number(T.get("RunsTable.frozen"), 50, s -> (double) s.spec().frozenLayers(), (s, v) -> String.valueOf(v.intValue())));
    t.getColumns().add(number(T.get("RunsTable.seed"), 50, s -> (double) s.spec().seed(), (s, v) -> String.valueOf(v.longValue())));
    t.getColumns().add(column(T.get("RunsTable.task"), 70, s -> s.spec().task().cliName()));
    t.getColumns().add(column(T.get("RunsTable.baseModel"), 160, s -> baseName(s.spec())));
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
    Zoom.fitColumns(t);
    return t;
  }

  /** A runs table with the status as the run folder records it. */
  static TableView<FinetuneRun.Summary> create(String id) {
    return create(id, RunsTable::status);
  }

  static String status(FinetuneRun.Summary s) {
    FinetuneRun.Status st = s.status();
    String state = switch (st.state()) {
      case RUNNING -> T.get("RunsTable.running");
      case FINISHED -> T.get("RunsTable.finished");
      case STOPPED -> T.get("RunsTable.stopped");
      case FAILED -> T.get("RunsTable.failed");
      case INTERRUPTED -> T.get("RunsTable.interrupted");
    };
    return st.totalSteps() > 0 ? T.format("RunsTable.steps", state, String.valueOf(st.step()),
        String.valueOf(st.totalSteps())) : state;
  }

  /** "classify-train-20261202-200110 · classify · from sample-tiny": what a fine-tuned model is. */
  static String label(FinetuneRun.Summary s) {
    return label(s.dir(), s.spec());
  }

  static String label(java.nio.file.Path dir, FinetuneSpec spec) {
    return T.format("RunsTable.label", String.valueOf(dir.getFileName()), spec.task().cliName(), baseName(spec));
  }

  /** The base model as a name: a known name as it is, a folder by its run's name or its own. */
  static String baseName(FinetuneSpec spec) {
    String m = spec.model();
    java.nio.file.Path p;
    try {
      p = java.nio.file.Path.of(m);
    } catch (java.nio.file.InvalidPathException e) {
      return m;
    }
    if (p.getNameCount() < 2) {
      return m;
    }
    // A run's model/ folder or a checkpoint is named by its run: "run-7/model" reads "run-7".
    String last = p.getFileName().toString();
    java.nio.file.Path parent = p.getParent();
    if (last.equals(FinetuneRun.MODEL) && parent != null && parent.getFileName() != null) {
      return parent.getFileName().toString();
    }
    if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("checkpoints")
        && parent.getParent() != null && parent.getParent().getFileName() != null) {
      return parent.getParent().getFileName() + "/" + last;
    }
    return last;
  }

  static String headlineName(FinetuneRun.Summary s) {
    return s.bestEvaluation() != null && s.bestEvaluation().metrics().containsKey("accuracy") ? T.get("RunsTable.acc") : "F1";
  }

  static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
    TableColumn<S, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(r -> new ReadOnlyStringWrapper(value.apply(r.getValue())));
    return c;
  }

  /** A column of numbers: sorted by value (missing ones last), written by {@code format}. */
  static <S> TableColumn<S, Double> number(String title, double width, Function<S, Double> value,
      java.util.function.BiFunction<S, Double, String> format) {
    TableColumn<S, Double> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
    c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(Double v, boolean empty) {
        super.updateItem(v, empty);
        S row = empty || getTableRow() == null ? null : getTableRow().getItem();
        setText(empty || row == null ? null : v == null ? "–" : format.apply(row, v));
      }
    });
    return c;
  }
}
