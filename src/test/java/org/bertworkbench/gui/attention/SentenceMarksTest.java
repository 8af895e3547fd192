package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.gui.draw.SentenceMarks;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.junit.jupiter.api.Test;

/**
 * Sentence B is told from sentence A by more than colour (issue 12 point 7): the head view, the
 * matrix, the comparison, the neuron view and the embeddings' strips bracket each sentence of a pair with its letter, which shows in the
 * exported SVG as text; a single sentence gets no brackets.
 */
class SentenceMarksTest {

  static final List<String> TOKENS = List.of("[CLS]", "the", "cat", "sat", "[SEP]", "it", "slept", "[SEP]");
  static final int[] PAIR = {0, 0, 0, 0, 0, 1, 1, 1};
  static final int[] SINGLE = new int[TOKENS.size()];

  static float[][] uniform(int rows, int columns) {
    float[][] m = new float[rows][columns];
    for (float[] row : m) {
      java.util.Arrays.fill(row, 1f / columns);
    }
    return m;
  }

  static boolean lettered(Drawing d) {
    String svg = Exports.svg(d, 1100, 700);
    return svg.contains(">A</text>") && svg.contains(">B</text>");
  }

  static MatrixDrawing matrix(int[] segments) {
    return new MatrixDrawing(TOKENS, uniform(8, 8), false, new Color(0x1565c0), "layer 0 · head 0", -1, -1, null)
        .withSegments(segments);
  }

  static NeuronDrawing neuron(int[] segments) {
    int t = TOKENS.size();
    double[] scores = new double[t];
    double[] softmax = new double[t];
    java.util.Arrays.fill(softmax, 1.0 / t);
    float[] weights = new float[t];
    NeuronView view = new NeuronView(0, 0, 2, new float[4], uniform(t, 4), uniform(t, 4), scores, softmax, weights);
    return new NeuronDrawing(view, TOKENS, 500).withSegments(segments);
  }

  static StripsDrawing strips(int[] segments) {
    return new StripsDrawing("input", TOKENS, null, List.of(new StripsDrawing.Panel("sum", uniform(8, 16), 1)), -1,
        List.of()).withSegments(segments);
  }

  static ComparisonDrawing comparison(int[] segments) {
    return new ComparisonDrawing(TOKENS, new ComparisonDrawing.Side("first · layer 0, head 0", uniform(8, 8)),
        new ComparisonDrawing.Side("second · layer 0, head 0", uniform(8, 8)), new float[8][8], "compare", -1, -1)
        .withSegments(segments);
  }

  static HeadViewDrawing headView(int[] segments) {
    AttentionData.Maps maps = new AttentionData.Maps(TOKENS, segments, new float[][][] {uniform(8, 8)}, new int[] {0},
        0, Aggregation.SINGLE_HEAD, false, 1f);
    return new HeadViewDrawing(maps, new boolean[] {true}, 0.1, SentenceFilter.ALL, -1, -1, "layer 0", 600);
  }

  @Test
  void aPairIsBracketedAndLetteredInTheMatrixNeuronViewAndStrips() {
    assertTrue(lettered(headView(PAIR)), "head view");
    assertTrue(lettered(matrix(PAIR)), "matrix");
    assertTrue(lettered(comparison(PAIR)), "comparison");
    assertTrue(lettered(neuron(PAIR)), "neuron view");
    assertTrue(lettered(strips(PAIR)), "embedding strips");
  }

  @Test
  void aSingleSentenceHasNoBrackets() {
    assertFalse(lettered(headView(SINGLE)));
    assertFalse(lettered(matrix(SINGLE)));
    assertFalse(lettered(comparison(SINGLE)));
    assertFalse(lettered(neuron(SINGLE)));
    assertFalse(lettered(strips(SINGLE)));
  }

  @Test
  void spansFollowTheSegmentIds() {
    assertEquals(List.of(new SentenceMarks.Span(0, 4, 0), new SentenceMarks.Span(5, 7, 1)), SentenceMarks.spans(PAIR));
  }
}
