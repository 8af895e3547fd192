package org.bertworkbench.gui.layers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
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
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Texts;
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
 * chosen layer, with a layer slider that moves the points. The state and the background work are
 * {@link LayersViewModel}'s; this pane lays out, forwards the user's choices and draws.
 */
public final class LayersPane implements WorkbenchPane {

  private static final Texts T = Texts.of(LayersPane.class);

  private final LayersViewModel model;
  private final BorderPane root = new BorderPane();
  private final ComboBox<String> tokenChoice = new ComboBox<>();
  private final Slider layerSlider = new Slider(0, LayersViewModel.FIRST_LAYER_SHOWN, LayersViewModel.FIRST_LAYER_SHOWN);
  private final Label layerLabel = new Label();
  private final Label info = new Label(" ");
  private final DrawingCanvas strips = new DrawingCanvas();
  private final DrawingCanvas cosines = new DrawingCanvas();
  private final DrawingCanvas map = new DrawingCanvas();

  private boolean filling;
  private int mapHover = -1;

  public LayersPane(WorkbenchViewModel vm) {
    this(new LayersViewModel(vm));
  }

  LayersPane(LayersViewModel model) {
    this.model = model;
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
    layerSlider.setLabelFormatter(new javafx.util.StringConverter<>() { // hidden state k: "emb", then the layer k - 1
      @Override
      public String toString(Double k) {
        return k.intValue() == 0 ? "emb" : String.valueOf(k.intValue() - 1); // i18n-ok: the embeddings' short name, as hidden_states[0]
      }

      @Override
      public Double fromString(String s) {
        return "emb".equals(s) ? 0.0 : Double.parseDouble(s) + 1;
      }
    });
    layerSlider.setPrefWidth(360);
    layerSlider.valueProperty().addListener((o, a, b) -> model.setLayer((int) Math.round(b.doubleValue())));
    layerLabel.setId("layerLabel");
    info.setId("layersInfo");
    info.textProperty().bind(model.infoProperty());
    HBox controls = new HBox(8, new Label(T.get("LayersPane.token")), tokenChoice,
        new Label(T.get("LayersPane.pcaOf")), layerSlider,
        layerLabel);
    controls.setAlignment(Pos.CENTER_LEFT);
    Label switchesNote = new Label();
    switchesNote.setId("layersSwitches");
    switchesNote.setWrapText(true);
    switchesNote.getStyleClass().add("switches-line");
    switchesNote.textProperty().bind(model.switchesNoteProperty());
    switchesNote.managedProperty().bind(switchesNote.textProperty().isNotEmpty());
    switchesNote.visibleProperty().bind(switchesNote.textProperty().isNotEmpty());
    VBox top = new VBox(4, controls, switchesNote, info);
    top.setPadding(new Insets(6, 8, 4, 8));

    strips.setId("layerStrips");
    cosines.setId("layerCosines");
    map.setId("pcaMap");
    strips.setOnMouseMoved(e -> {
      Point2D p = strips.toDrawing(e);
      hoverStrips(p.getX(), p.getY());
    });
    cosines.setOnMouseMoved(e -> {
      Point2D p = cosines.toDrawing(e);
      hoverCosines(p.getX(), p.getY());
    });
    map.setOnMouseMoved(e -> {
      Point2D p = map.toDrawing(e);
      hoverMap(p.getX(), p.getY());
    });
    map.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && map.drawing() instanceof PcaDrawing d) {
        Point2D p = map.toDrawing(e);
        int hit = d.hit(p.getX(), p.getY());
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
    model.setListeners(this::clear, this::shown, this::drawTrajectory, this::drawMap);
    show(null);
  }

  @Override
  public String title() {
    return T.get("LayersPane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis a) {
    mapHover = -1;
    model.show(a);
  }

  private void clear() {
    filling = true;
    tokenChoice.getItems().clear();
    filling = false;
    strips.show(null, null, "hidden-states");
    cosines.show(null, null, "hidden-state-cosines");
    map.show(null, null, "hidden-state-pca");
    layerLabel.setText("");
  }

  private void shown() {
    WorkbenchViewModel.Analysis a = model.analysis();
    List<String> items = new ArrayList<>();
    for (int i = 0; i < model.tokenCount(); i++) {
      items.add(i + " " + model.token(i));
    }
    layerSlider.setMax(model.layers() - 1);
    filling = true;
    tokenChoice.getItems().setAll(items);
    tokenChoice.getSelectionModel().select(model.selected());
    filling = false;
    drawMap();
    // The token's strips and chart in the next FX-thread turn, so that no single turn holds the window up.
    Platform.runLater(() -> {
      if (model.analysis() == a && model.trajectory() == null) {
        model.trace();
      }
    });
  }

  /** Selects the token at {@code row} in every part of the view. */
  public void select(int row) {
    if (model.select(row)) {
      // The map in the next FX-thread turn: each turn stays short even at 512 tokens.
      Platform.runLater(this::drawMap);
    }
  }

  /** Moves the map to {@code layer} (0 = the embeddings). */
  public void showLayer(int layer) {
    layerSlider.setValue(layer);
  }

  private void drawTrajectory() {
    int selected = model.selected();
    if (tokenChoice.getSelectionModel().getSelectedIndex() != selected) {
      tokenChoice.getSelectionModel().select(selected);
    }
    HiddenStateTrajectory tr = model.trajectory();
    String token = model.token(selected);
    int layers = model.layers();
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < layers; k++) {
      labels.add(LayerNames.hiddenState(k));
    }
    double scale = Diverging.scaleOf(0.99, tr.vectors());
    List<String> notes = List.of(T.format("LayersPane.strips.note",
        tr.norms()[0], tr.norms()[layers - 1], layers - 2, tr.cosineToInput()[layers - 1]));
    StripsDrawing d = new StripsDrawing(T.format("LayersPane.strips.title", token, selected, tr.vectors()[0].length),
        labels, null, List.of(new StripsDrawing.Panel(T.get("LayersPane.strips.panel"), tr.vectors(), scale)), -1,
        notes);
    strips.show(d, () -> LayersViewModel.trajectoryTable(tr), "hidden-states-" + selected);

    XYSeries toInput = new XYSeries(T.get("LayersPane.cosines.toInput"));
    XYSeries toFinal = new XYSeries(T.format("LayersPane.cosines.toFinal", LayerNames.outputOf(layers - 1)));
    for (int l = 0; l < layers; l++) {
      toInput.add(l, tr.cosineToInput()[l]);
      toFinal.add(l, tr.cosineToFinal()[l]);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(toInput);
    data.addSeries(toFinal);
    NumberAxis x = new NumberAxis(T.get("LayersPane.cosines.x"));
    x.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    x.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setRange(-0.3, layers - 0.7);
    NumberAxis y = new NumberAxis(T.get("LayersPane.cosines.y"));
    y.setLabelFont(Fonts.sans(Font.PLAIN, 12));
    y.setTickLabelFont(Fonts.sans(Font.PLAIN, 10));
    double min = 0;
    for (int l = 0; l < layers; l++) {
      min = Math.min(min, Math.min(tr.cosineToInput()[l], tr.cosineToFinal()[l]));
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
    chart.setTitle(new TextTitle(T.format("LayersPane.cosines.title", token), Fonts.sans(Font.BOLD, 13)));
    chart.getLegend().setItemFont(Fonts.sans(Font.PLAIN, 12));
    chart.setBackgroundPaint(Color.WHITE);
    cosines.show(new ChartDrawing(chart, 800, 240), () -> LayersViewModel.cosinesTable(tr),
        "hidden-state-cosines-" + selected);
  }

  private void drawMap() {
    int layer = model.layer();
    layerLabel.setText(LayerNames.hiddenState(layer));
    WorkbenchViewModel.Analysis analysis = model.analysis();
    if (analysis == null) {
      return;
    }
    Pca p = model.projection();
    if (p == null) {
      map.show(new MessageDrawing(T.format("LayersPane.map.computing", model.tokenCount())), null,
          "hidden-state-pca");
      return;
    }
    List<String> tokens = analysis.encoding().tokens().subList(0, p.scores().length);
    int[] segments = analysis.encoding().tokenTypeIds();
    map.show(new PcaDrawing(tokens, segments, p, layer, model.projections().size() - 1, model.selected())
        .hovering(mapHover),
        () -> LayersViewModel.mapTable(tokens, segments, p), "hidden-state-pca-layer-" + layer);
  }

  private void hoverStrips(double x, double y) {
    HiddenStateTrajectory tr = model.trajectory();
    if (tr != null && strips.drawing() instanceof StripsDrawing d) {
      StripsDrawing.Hit hit = d.hit(x, y);
      if (hit != null && hit.row() < tr.vectors().length) {
        model.setInfo(model.describe(hit.row(), hit.dim()));
      }
    }
  }

  private void hoverCosines(double x, double y) {
    if (cosines.drawing() instanceof ChartDrawing c) {
      ChartEntity e = c.entityAt(x, y);
      if (e instanceof XYItemEntity item) {
        model.setInfo(T.format("LayersPane.cosines.hover", item.getItem(),
            item.getDataset().getSeriesKey(item.getSeriesIndex()),
            item.getDataset().getYValue(item.getSeriesIndex(), item.getItem())));
      }
    }
  }

  private void hoverMap(double x, double y) {
    if (map.drawing() instanceof PcaDrawing d) {
      int i = d.hit(x, y);
      if (i >= 0) {
        model.setInfo(model.describePoint(i, d.pca()));
      }
      if (i != mapHover) {
        mapHover = i; // its label, left out where it would overlap others, is drawn while hovered
        drawMap();
      }
    }
  }

  @Override
  public void shutdown() {
    model.shutdown();
  }

  /** True while the map is still being computed. */
  public boolean busy() {
    return model.busy();
  }

  LayersViewModel viewModel() {
    return model;
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
      g.setFont(Fonts.sans(Font.PLAIN, 13));
      g.drawString(text, 12f, 24f);
    }
  }
}
