package org.bertworkbench.gui.layers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.analysis.HiddenStateTrajectory;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.LatestWork;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Hidden states through the layers: a selected token's vector after each layer as strips, its
 * cosine to its own input and to its final vector per layer, and a 2-D PCA of all tokens at a
 * chosen layer, with a layer slider that moves the points.
 */
public final class LayersPane implements WorkbenchPane {

  private final WorkbenchViewModel vm;
  private final BorderPane root = new BorderPane();
  private final ComboBox<String> tokenChoice = new ComboBox<>();
  private final Slider layerSlider = new Slider(0, 12, 12);
  private final Label layerLabel = new Label();
  private final Label info = new Label(" ");
  private final DrawingCanvas strips = new DrawingCanvas();
  private final DrawingCanvas cosines = new DrawingCanvas();
  private final DrawingCanvas map = new DrawingCanvas();
  private final LatestWork pcaWork = new LatestWork("layers-pca");

  private WorkbenchViewModel.Analysis analysis;
  private HiddenStateTrajectory trajectory;
  private List<Pca> pcas;
  private int selected = -1;
  private boolean filling;

  public LayersPane(WorkbenchViewModel vm) {
    this.vm = vm;
    ChartDrawing.warmUp();
    tokenChoice.setId("tokenChoice");
    tokenChoice.setVisibleRowCount(20);
    tokenChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
      if (!filling && b.intValue() >= 0) {
        select(b.intValue());
      }
    });
    layerSlider.setId("layerSlider");
    layerSlider.setMajorTickUnit(1);
    layerSlider.setMinorTickCount(0);
    layerSlider.setSnapToTicks(true);
    layerSlider.setShowTickMarks(true);
    layerSlider.setShowTickLabels(true);
    layerSlider.setPrefWidth(360);
    layerSlider.valueProperty().addListener((o, a, b) -> drawMap());
    layerLabel.setId("layerLabel");
    info.setId("layersInfo");
    HBox controls = new HBox(8, new Label("Token"), tokenChoice, new Label("   PCA at layer"), layerSlider,
        layerLabel);
    controls.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(4, controls, info);
    top.setPadding(new Insets(6, 8, 4, 8));

    strips.setId("layerStrips");
    cosines.setId("layerCosines");
    map.setId("pcaMap");
    strips.setOnMouseMoved(e -> hoverStrips(e.getX(), e.getY() + strips.scrollOffset()));
    cosines.setOnMouseMoved(e -> hoverCosines(e.getX(), e.getY() + cosines.scrollOffset()));
    map.setOnMouseMoved(e -> hoverMap(e.getX(), e.getY() + map.scrollOffset()));
    map.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && map.drawing() instanceof PcaDrawing d) {
        int hit = d.hit(e.getX(), e.getY() + map.scrollOffset());
        if (hit >= 0) {
          select(hit);
        }
      }
    });
    VBox left = new VBox(4, strips, cosines);
    VBox.setVgrow(strips, Priority.ALWAYS);
    VBox.setVgrow(cosines, Priority.ALWAYS);
    strips.setPrefHeight(330);
    cosines.setPrefHeight(260);
    SplitPane split = new SplitPane(left, map);
    split.setDividerPositions(0.5);
    root.setTop(top);
    root.setCenter(split);
    show(null);
  }

  @Override
  public String title() {
    return "Hidden states";
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis a) {
    analysis = a;
    pcas = null;
    LoadedBert loaded = vm.modelProperty().get();
    if (a == null || loaded == null) {
      pcaWork.cancel();
      trajectory = null;
      filling = true;
      tokenChoice.getItems().clear();
      filling = false;
      strips.show(null, null, "hidden-states");
      cosines.show(null, null, "hidden-state-cosines");
      map.show(null, null, "hidden-state-pca");
      layerLabel.setText("");
      return;
    }
    float[][][] hidden = a.inspection().hiddenStates();
    int t = hidden[0].length;
    List<String> items = new ArrayList<>();
    for (int i = 0; i < t; i++) {
      items.add(i + " " + a.encoding().tokens().get(i));
    }
    layerSlider.setMax(hidden.length - 1);
    if (selected < 0 || selected >= t) {
      selected = Math.min(1, t - 1);
    }
    filling = true;
    tokenChoice.getItems().setAll(items);
    tokenChoice.getSelectionModel().select(selected);
    filling = false;
    trajectory = null;
    drawMap();
    // The token's strips and chart in the next FX-thread turn, so that no single turn holds the window up.
    javafx.application.Platform.runLater(() -> {
      if (analysis == a && trajectory == null) {
        drawTrajectory();
      }
    });
    BertForPreTraining model = loaded.model();
    pcaWork.submit(() -> {
      try (var scope = model.newScope()) {
        return HiddenStateTrajectory.projections(scope, hidden, Progress.NONE);
      }
    }, result -> {
      pcas = result;
      drawMap();
    }, message -> info.setText("Could not compute the map: " + message));
  }

  /** Selects the token at {@code row} in every part of the view. */
  public void select(int row) {
    if (analysis == null || row < 0 || row >= analysis.inspection().hiddenStates()[0].length) {
      return;
    }
    boolean changed = row != selected;
    selected = row;
    if (tokenChoice.getSelectionModel().getSelectedIndex() != row) {
      tokenChoice.getSelectionModel().select(row);
    }
    if (changed || trajectory == null) {
      drawTrajectory();
      // The map in the next FX-thread turn: each turn stays short even at 512 tokens.
      javafx.application.Platform.runLater(this::drawMap);
    }
  }

  /** Moves the map to {@code layer} (0 = the embeddings). */
  public void showLayer(int layer) {
    layerSlider.setValue(layer);
  }

  private String token(int i) {
    return analysis.encoding().tokens().get(i);
  }

  private void drawTrajectory() {
    float[][][] hidden = analysis.inspection().hiddenStates();
    trajectory = HiddenStateTrajectory.of(hidden, selected);
    int layers = hidden.length;
    List<String> labels = new ArrayList<>();
    labels.add("embeddings");
    for (int l = 1; l < layers; l++) {
      labels.add("layer " + l);
    }
    double scale = Diverging.scaleOf(0.99, trajectory.vectors());
    List<String> notes = List.of(String.format(Locale.ROOT,
        "Length: %.1f at the input, %.1f after layer %d.   Cosine with its input after the last layer: %.3f.",
        trajectory.norms()[0], trajectory.norms()[layers - 1], layers - 1, trajectory.cosineToInput()[layers - 1]));
    StripsDrawing d = new StripsDrawing("\"" + token(selected) + "\" (position " + selected
        + ") after each layer: " + hidden[0][0].length + " values per row", labels, null,
        List.of(new StripsDrawing.Panel("hidden state", trajectory.vectors(), scale)), -1, notes);
    HiddenStateTrajectory tr = trajectory;
    strips.show(d, () -> {
      List<String> header = new ArrayList<>(List.of("layer", "cosine_to_input", "cosine_to_final", "norm"));
      for (int k = 0; k < tr.vectors()[0].length; k++) {
        header.add("v" + k);
      }
      List<List<Object>> rows = new ArrayList<>();
      for (int l = 0; l < tr.vectors().length; l++) {
        List<Object> row = new ArrayList<>(List.of(l, tr.cosineToInput()[l], tr.cosineToFinal()[l], tr.norms()[l]));
        for (float v : tr.vectors()[l]) {
          row.add(v);
        }
        rows.add(row);
      }
      return new Table(header, rows);
    }, "hidden-states-" + selected);

    XYSeries toInput = new XYSeries("cosine with its own input (layer 0)");
    XYSeries toFinal = new XYSeries("cosine with its final vector (layer " + (layers - 1) + ")");
    for (int l = 0; l < layers; l++) {
      toInput.add(l, trajectory.cosineToInput()[l]);
      toFinal.add(l, trajectory.cosineToFinal()[l]);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(toInput);
    data.addSeries(toFinal);
    NumberAxis x = new NumberAxis("layer (0 = embeddings)");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setRange(-0.3, layers - 0.7);
    NumberAxis y = new NumberAxis("cosine similarity");
    double min = 0;
    for (int l = 0; l < layers; l++) {
      min = Math.min(min, Math.min(trajectory.cosineToInput()[l], trajectory.cosineToFinal()[l]));
    }
    y.setRange(min - 0.05, 1.05);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, new Color(0x1e88e5));
    r.setSeriesPaint(1, new Color(0xd81b60));
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesStroke(1, new BasicStroke(2f));
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    JFreeChart chart = new JFreeChart(null, null, plot, true);
    chart.setTitle(new TextTitle("\"" + token(selected) + "\": how far each layer moves it",
        new Font("DejaVu Sans", Font.BOLD, 13)));
    chart.setBackgroundPaint(Color.WHITE);
    cosines.show(new ChartDrawing(chart, 800, 240), () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (int l = 0; l < tr.vectors().length; l++) {
        rows.add(List.of(l, tr.cosineToInput()[l], tr.cosineToFinal()[l]));
      }
      return new Table(List.of("layer", "cosine_to_input", "cosine_to_final"), rows);
    }, "hidden-state-cosines-" + selected);
  }

  private void drawMap() {
    int layer = layer();
    layerLabel.setText(layer == 0 ? "embeddings" : "layer " + layer);
    if (analysis == null) {
      return;
    }
    if (pcas == null) {
      map.show(new MessageDrawing("Computing the map of " + analysis.inspection().hiddenStates()[0].length
          + " tokens at every layer…"), null, "hidden-state-pca");
      return;
    }
    Pca p = pcas.get(Math.min(layer, pcas.size() - 1));
    List<String> tokens = analysis.encoding().tokens().subList(0, p.scores().length);
    int[] segments = analysis.encoding().tokenTypeIds();
    map.show(new PcaDrawing(tokens, segments, p, layer, pcas.size() - 1, selected), () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < tokens.size(); i++) {
        rows.add(List.of(i, tokens.get(i), segments[i], p.scores()[i][0],
            p.scores()[i].length > 1 ? p.scores()[i][1] : 0.0));
      }
      return new Table(List.of("position", "token", "segment", "pc1", "pc2"), rows);
    }, "hidden-state-pca-layer-" + layer);
  }

  private int layer() {
    return (int) Math.round(layerSlider.getValue());
  }

  private void hoverStrips(double x, double y) {
    if (trajectory != null && strips.drawing() instanceof StripsDrawing d) {
      StripsDrawing.Hit hit = d.hit(x, y);
      if (hit != null && hit.row() < trajectory.vectors().length) {
        int l = hit.row();
        String where = l == 0 ? "embeddings" : "layer " + l;
        info.setText(hit.dim() < 0
            ? String.format(Locale.ROOT, "\"%s\" at %s: length %.2f, cosine with input %.3f, with final %.3f",
                token(selected), where, trajectory.norms()[l], trajectory.cosineToInput()[l], trajectory.cosineToFinal()[l])
            : String.format(Locale.ROOT, "\"%s\" at %s, dimension %d: %.4f", token(selected), where, hit.dim(),
                trajectory.vectors()[l][hit.dim()]));
      }
    }
  }

  private void hoverCosines(double x, double y) {
    if (cosines.drawing() instanceof ChartDrawing c) {
      ChartEntity e = c.entityAt(x, y);
      if (e instanceof XYItemEntity item) {
        info.setText(String.format(Locale.ROOT, "layer %d: %s = %.4f", item.getItem(),
            item.getDataset().getSeriesKey(item.getSeriesIndex()),
            item.getDataset().getYValue(item.getSeriesIndex(), item.getItem())));
      }
    }
  }

  private void hoverMap(double x, double y) {
    if (map.drawing() instanceof PcaDrawing d) {
      int i = d.hit(x, y);
      if (i >= 0) {
        info.setText(String.format(Locale.ROOT, "%d \"%s\" (segment %s): PC1 %.2f, PC2 %.2f — click to select",
            i, token(i), analysis.encoding().tokenTypeIds()[i] == 0 ? "A" : "B", d.pca().scores()[i][0],
            d.pca().scores()[i].length > 1 ? d.pca().scores()[i][1] : 0.0));
      }
    }
  }

  /** True while the map is still being computed. */
  public boolean busy() {
    return pcaWork.busy();
  }

  int selected() {
    return selected;
  }

  List<Pca> projections() {
    return pcas;
  }

  ComboBox<String> tokenChoice() {
    return tokenChoice;
  }

  DrawingCanvas stripsCanvas() {
    return strips;
  }

  DrawingCanvas cosinesCanvas() {
    return cosines;
  }

  DrawingCanvas mapCanvas() {
    return map;
  }

  /** A line of text in place of a picture not ready yet. */
  record MessageDrawing(String text) implements org.bertworkbench.gui.export.Drawing {
    @Override
    public void draw(java.awt.Graphics2D g, double width, double height) {
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font("DejaVu Sans", Font.PLAIN, 13));
      g.drawString(text, 12f, 24f);
    }
  }
}
