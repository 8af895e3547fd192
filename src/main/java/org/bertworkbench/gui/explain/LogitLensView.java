package org.bertworkbench.gui.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.explain.LogitLens;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The logit lens ({@link LogitLens}): a text with {@code [MASK]}s, the masked-LM head read from every
 * hidden state, as a table (a row per state, a column per mask, the top k in each cell) and a chart
 * of the last layer's answer's probability through the states. It runs on the window's model, with
 * the heads the Attention tab switched off, off the FX thread.
 */
final class LogitLensView implements ExplainView {

  private static final Texts T = Texts.of(LogitLensView.class);

  /** The text the view starts with: an input for BERT-Base (English in either language). */
  static final String EXAMPLE = "Paris is the [MASK] of France."; // i18n-ok: the model's input, not the window's

  static final Color[] SERIES = {new Color(0x1e88e5), new Color(0xe53935), new Color(0x43a047),
      new Color(0xfb8c00), new Color(0x8e24aa), new Color(0x00897b)};

  private final Supplier<LoadedBert> model;
  private final Supplier<EncoderSwitches> switches;
  private final IntSupplier maxLength;
  private final Latest work;
  private final BorderPane root = new BorderPane();
  private final TextField text = new TextField();
  private final Spinner<Integer> topK = new Spinner<>(1, 50, 5);
  private final Label status = new Label(" ");
  private final DrawingCanvas table = new DrawingCanvas();
  private final DrawingCanvas chart = new DrawingCanvas();

  /** Over the window's model, its max length and the heads the Attention tab switches off. */
  LogitLensView(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), () -> vm.switchesProperty().get(), () -> vm.maxLengthProperty().get(),
        vm.modelWork("explain-logit-lens"));
    vm.modelProperty().addListener((o, a, b) -> clear());
  }

  LogitLensView(Supplier<LoadedBert> model, Supplier<EncoderSwitches> switches, IntSupplier maxLength, Latest work) {
    this.model = model;
    this.switches = switches;
    this.maxLength = maxLength;
    this.work = work;
    ChartDrawing.warmUp();
    text.setId("lensText");
    text.setText(EXAMPLE);
    text.setPromptText(T.get("LogitLensView.prompt"));
    text.setOnAction(e -> run());
    text.setPrefColumnCount(30);
    HBox.setHgrow(text, Priority.ALWAYS);
    topK.setId("lensTopK");
    topK.setEditable(true);
    topK.setPrefWidth(90);
    topK.setMinWidth(Region.USE_PREF_SIZE);
    Button go = new Button(T.get("LogitLensView.run"));
    go.setId("lensRun");
    go.setMinWidth(Region.USE_PREF_SIZE);
    go.setOnAction(e -> run());
    HBox controls = new HBox(8, fixed(new Label(T.get("LogitLensView.text"))), text,
        fixed(new Label(T.get("LogitLensView.topK"))), topK, go);
    controls.setAlignment(Pos.CENTER_LEFT);
    status.setId("lensStatus");
    status.setWrapText(true);
    VBox top = new VBox(6, controls, status);
    top.setPadding(new Insets(6, 8, 4, 8));
    table.setId("lensTable");
    chart.setId("lensChart");
    table.setEmptyText(T.get("LogitLensView.tableEmpty"));
    chart.setEmptyText(T.get("LogitLensView.chartEmpty"));
    table.setOnError(() -> status.setText(table.lastError()));
    chart.setOnError(() -> status.setText(chart.lastError()));
    SplitPane split = new SplitPane(table, chart);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.66);
    root.setTop(top);
    root.setCenter(split);
    clear();
  }

  private static Label fixed(Label l) {
    l.setMinWidth(Region.USE_PREF_SIZE);
    return l;
  }

  @Override
  public String title() {
    return T.get("LogitLensView.title");
  }

  @Override
  public Node node() {
    return root;
  }

  private void clear() {
    status.setText(" ");
    table.show(null, null, "logit-lens");
    chart.show(null, null, "logit-lens-final-token");
  }

  /** Runs the lens on the text in the background and shows it. */
  void run() {
    LoadedBert loaded = model.get();
    if (loaded == null) {
      status.setText(T.get("LogitLensView.noModel"));
      return;
    }
    String input = text.getText();
    if (input == null || input.isBlank()) {
      status.setText(T.get("LogitLensView.noText"));
      return;
    }
    Integer k = topK.getValue();
    int topKValue = k == null ? 5 : k;
    EncoderSwitches sw = switches.get();
    ForwardOptions options = sw == null ? ForwardOptions.INFERENCE : sw.applyTo(ForwardOptions.INFERENCE);
    int max = maxLength.getAsInt();
    String name = loaded.name();
    status.setText(T.get("LogitLensView.running"));
    work.submit(p -> LogitLens.of(loaded, input, null, max, topKValue, options), lens -> {
      show(lens, name);
      status.setText(T.format("LogitLensView.done", lens.masks().size(), lens.states(),
          sw != null && sw.active() ? T.format("LogitLensView.switches", sw.describe()) : ""));
    }, message -> status.setText(T.format("LogitLensView.failed", message)));
  }

  private void show(LogitLens.Result lens, String name) {
    LogitLensDrawing d = new LogitLensDrawing(lens, name);
    table.show(d, d::table, d::json, "logit-lens");
    chart.show(new ChartDrawing(chart(lens), 900, 180), () -> chartTable(lens), "logit-lens-final-token");
  }

  private static JFreeChart chart(LogitLens.Result lens) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (LogitLens.Mask m : lens.masks()) {
      XYSeries s = new XYSeries(T.format("LogitLensView.chart.series", m.position(), m.finalToken().token()));
      m.layers().forEach(l -> s.add(l.layer(), l.finalTokenProbability()));
      data.addSeries(s);
    }
    String[] names = new String[lens.states()];
    for (int k = 0; k < names.length; k++) {
      names[k] = LayerNames.hiddenState(k); // as the table's rows say it
    }
    SymbolAxis x = new SymbolAxis(T.get("LogitLensView.chart.x"), names);
    x.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    x.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    x.setGridBandsVisible(false);
    x.setRange(-0.3, lens.states() - 0.7);
    NumberAxis y = new NumberAxis(T.get("LogitLensView.chart.y"));
    y.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    y.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    y.setRange(0, 1.05);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      r.setSeriesPaint(i, SERIES[i % SERIES.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart c = new JFreeChart(null, null, plot, false);
    LegendTitle legend = new LegendTitle(plot);
    legend.setItemFont(Fonts.sans(Font.PLAIN, 11));
    c.addLegend(legend);
    c.setTitle(new TextTitle(T.get("LogitLensView.chart.title"), Fonts.sans(Font.BOLD, 13)));
    c.setBackgroundPaint(Color.WHITE);
    return c;
  }

  /** The chart's numbers: per mask and hidden state, the last layer's answer's probability and rank. */
  static Table chartTable(LogitLens.Result lens) {
    List<List<Object>> rows = new ArrayList<>();
    for (LogitLens.Mask m : lens.masks()) {
      for (LogitLens.Layer l : m.layers()) {
        rows.add(List.of(m.position(), m.finalToken().token(), l.layer(), LayerNames.hiddenState(l.layer()),
            l.finalTokenProbability(), l.finalTokenRank()));
      }
    }
    return new Table(List.of("position", "final_token", "layer", "name", "probability", "rank"), rows); // i18n-ok
  }

  @Override
  public void shutdown() {
    work.shutdown();
  }

  /** True while the lens computes. */
  boolean busy() {
    return work.isRunning();
  }

  TextField textField() {
    return text;
  }

  Spinner<Integer> topKSpinner() {
    return topK;
  }

  Label statusLabel() {
    return status;
  }

  DrawingCanvas tableCanvas() {
    return table;
  }

  DrawingCanvas chartCanvas() {
    return chart;
  }
}
