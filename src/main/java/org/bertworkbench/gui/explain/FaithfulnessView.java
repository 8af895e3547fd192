package org.bertworkbench.gui.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.explain.Attribution;
import org.bertworkbench.core.explain.Explain;
import org.bertworkbench.core.explain.Faithfulness;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.core.explain.Objective;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Placeholders;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * Which explanation the model actually follows, for the attribution view's input: every method run
 * on it, then its deletion curve (the word part of the tokens replaced by [PAD]'s in decreasing order
 * of the method's total, one more at a time, f after each) against the mean of random orders; the
 * areas in a table, smallest (most faithful) first.
 */
final class FaithfulnessView implements ExplainView {

  private static final Texts T = Texts.of(FaithfulnessView.class);

  /** The random orders' seed: the same input gives the same yardstick. */
  static final long SEED = 1;

  /**
   * Every method on one input and their deletion curves.
   *
   * @param model the model's label
   * @param tokens the input's tokens
   * @param explained what f is
   * @param f f at the input, every curve's first point
   * @param fBaseline f at the baseline
   * @param attributions each method's attribution
   * @param curves one per method, then the random mean (method null)
   */
  record Result(String model, List<String> tokens, Objective.Explained explained, double f,
      double fBaseline, Map<Method, Attribution> attributions, List<Faithfulness.Curve> curves) {}

  /** One line's attributions by every method, and the tokens the baseline replaces. */
  private record Ranked(Map<Method, Attribution> attributions, boolean[] replaced) {}

  private final AttributionViewModel input;
  private final Latest work;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(" ");
  private final SimpleObjectProperty<Result> result = new SimpleObjectProperty<>();
  private final BorderPane root = new BorderPane();
  private final DrawingCanvas chart = new DrawingCanvas();
  private final TableView<Faithfulness.Curve> areas = new TableView<>();
  private final DrawingCanvas correlation = new DrawingCanvas();

  FaithfulnessView(AttributionViewModel input) {
    this.input = input;
    this.work = input.runner("faithfulness");
    Label what = new Label();
    what.setId("faithfulnessInput");
    what.setWrapText(true);
    what.setMinHeight(Region.USE_PREF_SIZE);
    what.textProperty().bind(Bindings.createStringBinding(() -> T.format("FaithfulnessView.input",
        input.textAProperty().get(), input.targetProperty().get(), input.stepsProperty().get(),
        input.sourceProperty().get()), input.textAProperty(), input.targetProperty(), input.stepsProperty(),
        input.sourceProperty()));
    Button run = new Button(T.get("FaithfulnessView.run"));
    run.setId("faithfulnessRun");
    run.setOnAction(e -> run());
    Button cancel = new Button(T.get("FaithfulnessView.cancel"));
    cancel.setId("faithfulnessCancel");
    cancel.setOnAction(e -> cancel());
    cancel.disableProperty().bind(work.runningProperty().not());
    Button overFile = new Button(T.get("FaithfulnessView.overFile"));
    overFile.setId("faithfulnessOverFile");
    overFile.setTooltip(new javafx.scene.control.Tooltip(T.get("FaithfulnessView.overFileTip")));
    overFile.setOnAction(e -> {
      javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
      chooser.setTitle(T.get("FaithfulnessView.overFile"));
      java.io.File f = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
      if (f != null) {
        correlate(f.toPath());
      }
    });
    FlowPane buttons = new FlowPane(8, 6, run, cancel, overFile);
    buttons.setAlignment(Pos.CENTER_LEFT);
    Label note = new Label(T.get("FaithfulnessView.note"));
    note.setWrapText(true);
    note.setMinHeight(Region.USE_PREF_SIZE);
    VBox top = new VBox(6, what, buttons, new WorkRow("faithfulness", work, status.getReadOnlyProperty()), note);
    top.setPadding(new Insets(6, 8, 4, 8));

    chart.setId("faithfulnessChart");
    chart.setEmptyText(T.get("FaithfulnessView.empty"));
    areas.setId("faithfulnessAreas");
    areas.setPlaceholder(Placeholders.wrapping(T.get("FaithfulnessView.noAreas")));
    TableColumn<Faithfulness.Curve, String> name = new TableColumn<>(T.get("FaithfulnessView.method"));
    name.setCellValueFactory(c -> new SimpleStringProperty(FaithfulnessChart.name(c.getValue())));
    name.setPrefWidth(190);
    TableColumn<Faithfulness.Curve, String> area = new TableColumn<>(T.get("FaithfulnessView.area"));
    area.setCellValueFactory(c -> new SimpleStringProperty(Texts.number(c.getValue().area(), 4)));
    area.setPrefWidth(90);
    areas.getColumns().add(name);
    areas.getColumns().add(area);
    areas.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    Zoom.fitColumns(areas);
    areas.setMinWidth(200);
    correlation.setId("faithfulnessCorrelation");
    correlation.setEmptyText(T.get("FaithfulnessView.noCorrelation"));
    SplitPane side = new SplitPane(areas, correlation);
    side.setOrientation(javafx.geometry.Orientation.VERTICAL);
    side.setDividerPositions(0.5);
    SplitPane split = new SplitPane(chart, side);
    split.setDividerPositions(0.64);
    root.setTop(top);
    root.setCenter(split);
    result.addListener((o, was, now) -> showResult(now));
    showResult(null);
  }

  /** Runs every method on the attribution view's input, then the deletion curves. */
  void run() {
    int steps = input.stepsProperty().get();
    status.set(T.get("FaithfulnessView.running"));
    input.run(work, (p, progress) -> {
      Map<Method, Attribution> all = Explain.all(p.attributor(), steps, progress.part(0, 0.7));
      List<Faithfulness.Curve> curves = Faithfulness.deletionCurves(p.attributor(), all,
          Faithfulness.RANDOM_ORDERS, SEED, progress.part(0.7, 1));
      return new Result(p.model(), p.tokens(), p.attributor().explained(), p.attributor().f(),
          p.attributor().fBaseline(), all, curves);
    }, r -> {
      result.set(r);
      Faithfulness.Curve best = sorted(r.curves()).get(0);
      status.set(T.format("FaithfulnessView.done", FaithfulnessChart.name(best), best.area(),
          r.explained().target().spec(), r.model()));
    }, status::set);
  }

  /**
   * Every method on each line of {@code file} (the Attribution view's target and model), then the
   * mean rank correlation of each pair of methods' totals over the lines, drawn as a matrix.
   */
  void correlate(java.nio.file.Path file) {
    int steps = input.stepsProperty().get();
    status.set(T.format("FaithfulnessView.correlating", file.getFileName()));
    input.runOverFile(work, file, (p, progress) -> new Ranked(Explain.all(p.attributor(), steps, progress),
        p.attributor().replaced()), rows -> {
          List<Map<Method, Attribution>> all = rows.stream().map(Ranked::attributions).toList();
          List<boolean[]> replaced = rows.stream().map(Ranked::replaced).toList();
          List<Method> methods = List.of(Method.ATTENTION, Method.ROLLOUT, Method.INTEGRATED_GRADIENTS,
              Method.GRAD_X_INPUT, Method.OCCLUSION);
          RankCorrelationDrawing d = new RankCorrelationDrawing(methods,
              Faithfulness.rankCorrelations(all, replaced, methods), rows.size(), String.valueOf(file.getFileName()));
          correlation.show(d, d::table, "rank-correlation");
          status.set(T.format("FaithfulnessView.correlated", rows.size(), file.getFileName()));
        }, status::set);
  }

  /** The rank-correlation matrix's canvas. */
  DrawingCanvas correlationCanvas() {
    return correlation;
  }

  private void cancel() {
    if (work.isRunning()) {
      work.cancel();
      status.set(T.get("FaithfulnessView.cancelled"));
    }
  }

  /** The curves by area, smallest (the most faithful) first. */
  static List<Faithfulness.Curve> sorted(List<Faithfulness.Curve> curves) {
    List<Faithfulness.Curve> out = new ArrayList<>(curves);
    out.sort(Comparator.comparingDouble(Faithfulness.Curve::area));
    return out;
  }

  private void showResult(Result r) {
    if (r == null) {
      chart.show(null, null, "deletion-curves");
      areas.getItems().clear();
      return;
    }
    ChartDrawing d = FaithfulnessChart.of(r);
    chart.show(d, () -> FaithfulnessChart.table(r), () -> FaithfulnessChart.json(r), "deletion-curves");
    areas.getItems().setAll(sorted(r.curves()));
  }

  @Override
  public String title() {
    return T.get("FaithfulnessView.title");
  }

  @Override
  public Node node() {
    return root;
  }

  boolean busy() {
    return work.isRunning();
  }

  Result result() {
    return result.get();
  }

  DrawingCanvas chartCanvas() {
    return chart;
  }

  TableView<Faithfulness.Curve> areasTable() {
    return areas;
  }

  Label statusLabel() {
    return (Label) root.lookup("#faithfulnessStatus");
  }
}
