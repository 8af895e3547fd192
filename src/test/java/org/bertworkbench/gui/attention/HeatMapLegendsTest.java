package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.gui.draw.LegendPixels;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.finetune.ConfusionMatrixDrawing;
import org.bertworkbench.gui.pretrain.CheckpointTimeline;
import org.bertworkbench.gui.pretrain.ProbeDrawing;
import org.junit.jupiter.api.Test;

/**
 * Every heat map carries a colour legend (issue 12: a picture on a slide must be readable without
 * the window): the head statistics' layer x head maps, the attention matrix, the checkpoint
 * timeline's attention, the model view's thumbnails and the confusion matrix, each rendered as an
 * export is and searched for its gradient bar. The finder itself must not see one in a heat map
 * without a legend.
 */
class HeatMapLegendsTest {

  static final Random RANDOM = new Random(7);

  static double[][] values(int rows, int columns) {
    double[][] v = new double[rows][columns];
    for (double[] row : v) {
      for (int j = 0; j < columns; j++) {
        row[j] = RANDOM.nextDouble();
      }
    }
    return v;
  }

  static float[][] weights(int t) {
    float[][] m = new float[t][t];
    for (float[] row : m) {
      for (int j = 0; j < t; j++) {
        row[j] = RANDOM.nextFloat();
      }
    }
    return m;
  }

  static BufferedImage render(Drawing d, double width, double height) {
    return Exports.image(d, width, height, 1);
  }

  @Test
  void theHeadStatisticsMapsHaveLegends() {
    var panels = List.of(new LayerHeadHeatmaps.Panel("entropy", values(12, 12)),
        new LayerHeadHeatmaps.Panel("to [CLS]", values(12, 12)));
    assertTrue(LegendPixels.hasGradient(render(new LayerHeadHeatmaps("stats", panels, null, new Color(0x1565c0), 0),
        1200, 420)));
  }

  @Test
  void theAttentionMatrixHasALegend() {
    List<String> tokens = List.of("[CLS]", "the", "cat", "sat", "on", "the", "mat", "[SEP]");
    assertTrue(LegendPixels.hasGradient(render(new MatrixDrawing(tokens, weights(8), false, new Color(0x1565c0),
        "layer 0 head 0", -1, -1, null), 900, 600)));
  }

  @Test
  void theCheckpointTimelinesAttentionHasALegend() {
    List<String> tokens = List.of("[CLS]", "the", "[MASK]", "sat", "[SEP]");
    float[][][][] attentions = {{weights(5)}};
    var probe = new CheckpointTimeline.Probe(100, "the [MASK] sat", tokens,
        List.of(new FillMask.MaskPredictions(2, List.of(new FillMask.Prediction("cat", 5, 0.4)))), attentions);
    assertTrue(LegendPixels.hasGradient(render(new ProbeDrawing(probe, 0, 0), 1000, 500)));
  }

  @Test
  void theConfusionMatrixHasLegends() {
    long[][] counts = {{40, 3, 1}, {5, 30, 2}, {0, 4, 25}};
    assertTrue(LegendPixels.hasGradient(render(new ConfusionMatrixDrawing(List.of("neg", "neu", "pos"), counts),
        900, 700)));
  }

  @Test
  void theModelViewThumbnailsHaveALegend() {
    float[][][][] attentions = new float[2][3][][];
    for (float[][][] layer : attentions) {
      for (int h = 0; h < layer.length; h++) {
        layer[h] = weights(6);
      }
    }
    assertTrue(LegendPixels.hasGradient(render(new ModelViewDrawing(ModelViewDrawing.thumbnails(attentions), null, 0, 1,
        "Every layer x head (2 x 3)", 900, 500), 900, 500)));
  }

  @Test
  void theFinderSeesNoLegendInAHeatMapWithout() {
    Drawing cellsOnly = (g, w, h) -> {
      double[][] v = values(12, 24);
      for (int i = 0; i < v.length; i++) {
        for (int j = 0; j < v[i].length; j++) {
          g.setColor(new Color(HeadColors.ramp(new Color(0x1565c0), v[i][j])));
          g.fillRect(10 + j * 20, 10 + i * 20, 19, 19);
        }
      }
    };
    assertFalse(LegendPixels.hasGradient(render(cellsOnly, 600, 300)));
  }
}
