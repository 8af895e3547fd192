package org.bertworkbench.gui.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.finetune.ClassificationMetrics;
import org.bertworkbench.core.finetune.EntityMetrics;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.text.Texts;

/**
 * A finished run's evaluation on its dev set: the task's metrics, per-class (or per-entity-type)
 * precision and recall, and for classification the confusion matrix.
 */
final class EvaluationView {

  private static final Texts T = Texts.of(EvaluationView.class);

  private final InspectionViewModel vm;
  private final TableView<List<String>> metrics = new TableView<>();
  private final TableView<List<String>> perClass = new TableView<>();
  private final DrawingCanvas confusion = new DrawingCanvas();
  private final SplitPane root;

  EvaluationView(InspectionViewModel vm) {
    this.vm = vm;
    metrics.setId("metricsTable");
    perClass.setId("perClassTable");
    confusion.setId("confusionCanvas");
    table(metrics, List.of(T.get("EvaluationView.metric"), T.get("EvaluationView.value")));
    table(perClass, List.of(T.get("EvaluationView.class"), T.get("EvaluationView.precision"),
        T.get("EvaluationView.recall"), "F1", T.get("EvaluationView.gold")));
    metrics.setPrefHeight(130);
    Label message = new Label();
    message.setWrapText(true);
    PredictProgress.bindStatus(message, vm.predictWork(), vm);
    VBox left = new VBox(6, PredictProgress.bar(vm.predictWork(), "evaluateProgress"), message, metrics, perClass);
    left.setPadding(new Insets(8));
    left.setMinWidth(0);
    root = new SplitPane(left, confusion);
    root.setOrientation(Orientation.HORIZONTAL);
    root.setDividerPositions(0.45);
    vm.inspectionProperty().addListener((o, was, now) -> show(now));
    show(null);
  }

  Node node() {
    return root;
  }

  DrawingCanvas confusionCanvas() {
    return confusion;
  }

  private static void table(TableView<List<String>> t, List<String> header) {
    for (int i = 0; i < header.size(); i++) {
      int c = i;
      t.getColumns().add(RunsTable.column(header.get(i), i == 0 ? 120 : 80, (List<String> r) -> r.get(c)));
    }
    t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    t.setPlaceholder(new Label(""));
  }

  private void show(InspectionViewModel.Inspection i) {
    metrics.getItems().clear();
    perClass.getItems().clear();
    if (i == null) {
      confusion.show(new ConfusionMatrixDrawing(List.of(), null), null, "confusion-matrix");
      return;
    }
    metrics.getItems().add(List.of(T.get("EvaluationView.devExamples"), String.valueOf(i.rows().size())));
    for (Map.Entry<String, Double> m : i.metrics().entrySet()) {
      metrics.getItems().add(List.of(RunFormat.metricName(m.getKey()), Drawings.percent(m.getValue())));
    }
    ClassificationMetrics c = i.classes();
    if (c != null) {
      for (ClassificationMetrics.ClassScore s : c.perClass()) {
        perClass.getItems().add(List.of(s.label(), Drawings.percent(s.precision()), Drawings.percent(s.recall()),
            Drawings.percent(s.f1()), String.valueOf(s.support())));
      }
      long[][] counts = new long[c.labels().size()][];
      for (int g = 0; g < counts.length; g++) {
        counts[g] = java.util.Arrays.stream(c.confusion()[g]).asLongStream().toArray();
      }
      ConfusionMatrixDrawing d = new ConfusionMatrixDrawing(c.labels(), counts);
      confusion.show(d, d::table, "confusion-matrix");
      return;
    }
    EntityMetrics e = i.entities();
    if (e != null) {
      List<String> types = new ArrayList<>(e.perType().keySet());
      java.util.Collections.sort(types);
      for (String t : types) {
        EntityMetrics.TypeScore s = e.perType().get(t);
        perClass.getItems().add(List.of(t, Drawings.percent(s.precision()), Drawings.percent(s.recall()),
            Drawings.percent(s.f1()), String.valueOf(s.gold())));
      }
      metrics.getItems().add(List.of(T.get("EvaluationView.tokenAccuracy"), Drawings.percent(e.tokenAccuracy())));
    }
    confusion.show(new ConfusionMatrixDrawing(List.of(), null), null, "confusion-matrix");
  }
}
