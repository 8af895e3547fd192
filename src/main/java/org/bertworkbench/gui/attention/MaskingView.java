package org.bertworkbench.gui.attention;

import java.awt.Color;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.text.Texts;

/**
 * The Attention tab's Head masking view: every layer x head as a grid to click heads off and on
 * (coloured by importance once heads are ranked), the ranking table, and fill-mask with every head
 * beside fill-mask with the chosen heads off or left-to-right.
 */
final class MaskingView {

  private static final Texts T = Texts.of(MaskingView.class);

  static final int TOP_K = AttentionViewModel.TOP_K;

  private final AttentionViewModel model;
  private final HeadRanking ranking;
  private final DrawingCanvas gridCanvas = new DrawingCanvas();
  private final DrawingCanvas fillCompareCanvas = new DrawingCanvas();

  MaskingView(AttentionViewModel model, HeadRanking ranking) {
    this.model = model;
    this.ranking = ranking;
    gridCanvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && gridCanvas.drawing() instanceof LayerHeadHeatmaps d) {
        Point2D p = gridCanvas.toDrawing(e);
        LayerHeadHeatmaps.Cell c = d.cellAt(p.getX(), p.getY());
        if (c != null) {
          model.toggleMask(c.layer(), c.head());
        }
      }
    });
  }

  /** The tab's content: the ranking bar, the head grid over the ranking table, fill-mask before / after. */
  Node node() {
    Button clear = new Button(T.get("MaskingView.clear"));
    clear.setId("clearMasks");
    clear.setOnAction(e -> model.clearMasks());
    FlowPane bar = ranking.bar(); // wraps in large type
    bar.getChildren().add(0, clear);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6));
    gridCanvas.setId("maskGridCanvas");
    fillCompareCanvas.setId("fillCompareCanvas");
    TableView<HeadRanking.Row> rankTable = ranking.table();
    rankTable.setPrefHeight(170);
    VBox left = new VBox(4, gridCanvas, new Label(T.get("MaskingView.ranking")), rankTable);
    VBox.setVgrow(gridCanvas, Priority.ALWAYS);
    SplitPane split = new SplitPane(left, fillCompareCanvas);
    split.setDividerPositions(0.45);
    BorderPane pane = new BorderPane(split);
    pane.setTop(bar);
    return pane;
  }

  /** Draws the head grid (importance when ranked) and fill-mask before and after, from the view-model's state. */
  void draw() {
    AttentionData data = model.data();
    if (data == null) {
      gridCanvas.show(null, null, "head-masking");
      fillCompareCanvas.show(null, null, "fill-mask-masked");
      return;
    }
    HeadRanking.Outcome ranked = ranking.outcome();
    HeadImportance r = ranked == null || ranked.importance().scores().length != data.layers()
        || ranked.importance().scores()[0].length != data.heads() ? null : ranked.importance();
    double[][] scores = r != null ? r.scores() : new double[data.layers()][data.heads()];
    String title = r != null
        ? T.get("MaskingView.importance") + " · " + HeadRanking.describe(r.measure()) + " · " + ranked.over()
        : T.format("MaskingView.switchedOff", model.maskedCount());
    boolean[][] off = model.headMask();
    gridCanvas.show(new LayerHeadHeatmaps(title, T.get("MaskingView.hint"),
        List.of(new LayerHeadHeatmaps.Panel(T.get(r != null ? "MaskingView.panel.change" : "MaskingView.panel.heads"),
            scores)),
        off, new Color(0xe65100), 1), () -> AttentionTables.maskTable(scores, off),
        r == null ? null : () -> AttentionJson.ranking(r, ranked.source(), ranked.over(), off), "head-masking");
    List<FillMask.MaskPredictions> before = model.analysis() == null ? List.of() : model.analysis().masks();
    String afterTitle = model.maskedCount() == 0 && !model.causal() ? T.get("MaskingView.after.same")
        : model.maskedCount() == 0 ? T.get("MaskingView.after.allCausal")
        : T.format(model.causal() ? "MaskingView.after.offCausal" : "MaskingView.after.off", model.maskedCount());
    String note = before.isEmpty() ? T.get("MaskingView.note.noMask")
        : model.fillMaskRunning() ? T.get("MaskingView.note.recomputing") : T.format("MaskingView.note.top", TOP_K);
    FillMaskComparison fc = new FillMaskComparison(before, model.afterMasks(), afterTitle, note);
    List<FillMask.MaskPredictions> after = model.afterMasks();
    fillCompareCanvas.show(fc, () -> AttentionTables.compareTable(before, after), "fill-mask-masked");
  }

  DrawingCanvas gridCanvas() {
    return gridCanvas;
  }

  DrawingCanvas fillCompareCanvas() {
    return fillCompareCanvas;
  }
}
