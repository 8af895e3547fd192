package org.bertworkbench.gui.embeddings;

import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;

/**
 * BERT's input, made of three summed parts: for every token its token, segment and position
 * vectors as colour strips, their sum and the LayerNorm of the sum (the first layer's input), with
 * the numeric check that this really is what the model computes; the parts' lengths as bars; the
 * 512 position embeddings' similarity map; segment A against segment B; and the vocabulary tokens
 * nearest a selected token. Click a row to select a token; hover for values. The state and the
 * background work are {@link EmbeddingsViewModel}'s; this pane lays out, binds and draws.
 */
public final class EmbeddingsPane implements WorkbenchPane {

  private static final Texts T = Texts.of(EmbeddingsPane.class);

  private final EmbeddingsViewModel model;
  private final BorderPane root = new BorderPane();
  private final Label sumCheck = new Label();
  private final Label layerNormCheck = new Label();
  private final Label info = new Label(" ");
  private final TabPane views = new TabPane();
  private final DrawingCanvas strips = new DrawingCanvas();
  private final DrawingCanvas norms = new DrawingCanvas();
  private final DrawingCanvas nearest = new DrawingCanvas();
  private final DrawingCanvas positions = new DrawingCanvas();
  private final DrawingCanvas segments = new DrawingCanvas();

  private final Label switchesNote = new Label();

  /** Over the window's analyses; says, when heads are off or attention is left-to-right, that this view is before them. */
  public EmbeddingsPane(WorkbenchViewModel vm) {
    this(new EmbeddingsViewModel(vm));
    switchesNote.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
      EncoderSwitches sw = vm.switchesProperty().get();
      return sw.active() ? T.format("EmbeddingsPane.switches", sw.describe()) : "";
    }, vm.switchesProperty()));
  }

  EmbeddingsPane(EmbeddingsViewModel model) {
    this.model = model;
    ChartDrawing.warmUp();
    sumCheck.setId("sumCheck");
    layerNormCheck.setId("layerNormCheck");
    info.setId("embeddingInfo");
    sumCheck.setStyle("-fx-font-weight: bold;");
    layerNormCheck.setStyle("-fx-font-weight: bold;");
    sumCheck.textProperty().bind(model.sumCheckProperty());
    layerNormCheck.textProperty().bind(model.layerNormCheckProperty());
    info.textProperty().bind(model.infoProperty());
    for (Label l : List.of(sumCheck, layerNormCheck, info)) {
      l.setWrapText(true); // long checks wrap in large type instead of ending in "…"
    }
    switchesNote.setId("embeddingsSwitches");
    switchesNote.setWrapText(true);
    switchesNote.getStyleClass().add("switches-line");
    switchesNote.managedProperty().bind(switchesNote.textProperty().isNotEmpty());
    switchesNote.visibleProperty().bind(switchesNote.textProperty().isNotEmpty());
    VBox top = new VBox(2, sumCheck, layerNormCheck, switchesNote, info);
    top.setPadding(new Insets(6, 8, 4, 8));

    strips.setId("embeddingStrips");
    norms.setId("embeddingNorms");
    nearest.setId("nearestTokens");
    positions.setId("positionMap");
    segments.setId("segmentDifference");
    strips.setOnMouseMoved(e -> {
      Point2D p = strips.toDrawing(e);
      hoverStrips(p.getX(), p.getY());
    });
    strips.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && strips.drawing() instanceof StripsDrawing d) {
        Point2D p = strips.toDrawing(e);
        StripsDrawing.Hit hit = d.hit(p.getX(), p.getY());
        if (hit != null) {
          select(hit.row());
        }
      }
    });
    norms.setOnMouseMoved(e -> {
      Point2D p = norms.toDrawing(e);
      hoverNorms(p.getX(), p.getY());
    });
    positions.setOnMouseMoved(e -> {
      Point2D p = positions.toDrawing(e);
      hoverPositions(p.getX(), p.getY());
    });

    SplitPane right = new SplitPane(norms, nearest);
    right.setOrientation(Orientation.VERTICAL);
    right.setDividerPositions(0.5);
    SplitPane parts = new SplitPane(strips, right);
    parts.setDividerPositions(0.62);
    views.setId("embeddingViews");
    views.getTabs().addAll(tab(T.get("EmbeddingsPane.tab.parts"), parts),
        tab(T.get("EmbeddingsPane.tab.positions"), positions), tab(T.get("EmbeddingsPane.tab.segments"), segments));
    root.setTop(top);
    root.setCenter(views);
    model.setListeners(this::clear, this::install, this::drawSelection, this::drawNearest, this::drawPositions);
    clear();
  }

  private static Tab tab(String title, Node content) {
    Tab t = new Tab(title, content);
    t.setClosable(false);
    return t;
  }

  @Override
  public String title() {
    return T.get("EmbeddingsPane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis analysis) {
    model.show(analysis, strips.drawingWidth(), strips.drawingHeight());
  }

  /**
   * Shows what the background prepared, one picture per FX-thread turn, so that no single turn
   * holds the window up.
   */
  private void install() {
    EmbeddingsViewModel.Prepared p = model.prepared();
    strips.show(p.strips().withSelected(model.selected()), model::stripsTable, "embeddings");
    Platform.runLater(() -> {
      if (model.prepared() == p) {
        norms.show(p.normsChart(), model::normsTable, "embedding-norms");
      }
    });
    Platform.runLater(() -> {
      if (model.prepared() == p) {
        drawSegments();
        drawPositions();
      }
    });
  }

  private void clear() {
    strips.show(null, null, "embeddings");
    norms.show(null, null, "embedding-norms");
    nearest.show(null, null, "nearest-tokens");
    segments.show(null, null, "segments");
    drawPositions();
  }

  /** Selects the token at {@code row}: outlined in the strips, marked on the map, its neighbours searched. */
  public void select(int row) {
    model.select(row);
  }

  private void drawSelection() {
    if (strips.drawing() instanceof StripsDrawing d) {
      strips.show(d.withSelected(model.selected()), strips.numbers(), "embeddings");
    }
    drawPositions();
  }

  private void drawSegments() {
    EmbeddingsViewModel.Prepared p = model.prepared();
    float[][] s = p.segments();
    segments.show(EmbeddingDrawings.segments(p, model.tokens().size()),
        () -> EmbeddingsViewModel.segmentsTable(s), "segments");
  }

  private void drawPositions() {
    float[][] map = model.positionMap();
    if (map == null) {
      positions.show(null, null, "position-similarity");
      return;
    }
    int used = model.tokens().size();
    int sel = model.prepared() == null ? -1 : model.selected();
    PositionMapDrawing d = positions.drawing() instanceof PositionMapDrawing old && old.cosine() == map
        ? old.with(used, sel) : new PositionMapDrawing(map, used, sel);
    positions.show(d, () -> EmbeddingsViewModel.positionsTable(map), "position-similarity");
  }

  private void drawNearest() {
    EmbeddingsViewModel.Nearest n = model.nearest();
    nearest.show(new NeighboursDrawing(n.token(), n.found(), n.status()),
        n.done() ? () -> EmbeddingsViewModel.neighboursTable(n.found()) : null, "nearest-tokens");
  }

  private void hoverStrips(double x, double y) {
    if (model.prepared() == null || !(strips.drawing() instanceof StripsDrawing d)) {
      return;
    }
    StripsDrawing.Hit hit = d.hit(x, y);
    if (hit != null) {
      model.setInfo(model.describe(hit.row(), hit.dim()));
    }
  }

  private void hoverNorms(double x, double y) {
    if (norms.drawing() instanceof ChartDrawing c) {
      ChartEntity entity = c.entityAt(x, y);
      if (entity instanceof CategoryItemEntity item) {
        Number v = item.getDataset().getValue(item.getRowKey(), item.getColumnKey());
        model.setInfo(T.format("EmbeddingsPane.partLength", item.getColumnKey(), item.getRowKey(), v.doubleValue()));
      }
    }
  }

  private void hoverPositions(double x, double y) {
    if (positions.drawing() instanceof PositionMapDrawing d) {
      int[] ij = d.hit(x, y);
      if (ij != null) {
        model.setInfo(model.describePositions(ij[0], ij[1]));
      }
    }
  }

  @Override
  public void shutdown() {
    model.shutdown();
  }

  /** True while background work for this view is still to arrive. */
  public boolean busy() {
    return model.busy();
  }

  EmbeddingsViewModel viewModel() {
    return model;
  }

  TabPane views() {
    return views;
  }

  DrawingCanvas stripsCanvas() {
    return strips;
  }

  DrawingCanvas normsCanvas() {
    return norms;
  }

  DrawingCanvas nearestCanvas() {
    return nearest;
  }

  DrawingCanvas positionsCanvas() {
    return positions;
  }

  DrawingCanvas segmentsCanvas() {
    return segments;
  }

  Label sumCheckLabel() {
    return sumCheck;
  }

  Label layerNormCheckLabel() {
    return layerNormCheck;
  }
}
