package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.export.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Every attention view exports as a readable PNG, a well-formed SVG and CSV rows, from one drawing code. */
class AttentionExportTest {

  static final List<String> TOKENS = List.of("[CLS]", "the", "una", "##ffa", "##ble", "cat", "[SEP]", "it", "[SEP]");
  static final int[] SEGMENTS = {0, 0, 0, 0, 0, 0, 0, 1, 1};
  static final int[] WORDS = {-1, 0, 1, 1, 1, 2, -1, 3, -1};

  /** [2][3][T][T]: each row a softmax-like distribution peaked somewhere different per head. */
  static float[][][][] attentions() {
    int t = TOKENS.size();
    float[][][][] a = new float[2][3][t][t];
    for (int l = 0; l < 2; l++) {
      for (int h = 0; h < 3; h++) {
        for (int i = 0; i < t; i++) {
          double sum = 0;
          for (int j = 0; j < t; j++) {
            a[l][h][i][j] = (float) Math.exp(-Math.abs(j - (i + h - 1 + l)) * 1.5);
            sum += a[l][h][i][j];
          }
          for (int j = 0; j < t; j++) {
            a[l][h][i][j] /= sum;
          }
        }
      }
    }
    return a;
  }

  static AttentionData data() {
    return new AttentionData(TOKENS, SEGMENTS, WORDS, attentions(), null, false, 0);
  }

  @Test
  void everyViewExportsPngSvgAndCsv(@TempDir Path dir) throws Exception {
    AttentionData d = data();
    AttentionData.Maps maps = d.maps(1, Aggregation.SINGLE_HEAD, false);
    boolean[] shown = {true, true, true};
    HeadViewDrawing head = new HeadViewDrawing(maps, shown, 0.05, SentenceFilter.ALL, 0, 2, "head view", 500);
    ModelViewDrawing model = new ModelViewDrawing(ModelViewDrawing.thumbnails(d.attentions()),
        new boolean[][] {{false, true, false}, {false, false, false}}, 1, 2, "model view", 900, 500);
    MatrixDrawing matrix = new MatrixDrawing(maps.labels(), maps.mapOf(1), true, HeadColors.of(1), "matrix", 5, 1, null);
    int dim = 4;
    float[] q = {1, -1, 0.5f, 0};
    float[][] keys = new float[TOKENS.size()][dim];
    float[][] products = new float[TOKENS.size()][dim];
    double[] scores = new double[TOKENS.size()];
    double[] softmax = new double[TOKENS.size()];
    float[] weights = new float[TOKENS.size()];
    for (int j = 0; j < TOKENS.size(); j++) {
      for (int k = 0; k < dim; k++) {
        keys[j][k] = (j - k) * 0.3f;
        products[j][k] = q[k] * keys[j][k];
        scores[j] += products[j][k] / 2;
      }
      softmax[j] = 1.0 / TOKENS.size();
      weights[j] = (float) softmax[j];
    }
    NeuronDrawing neuron = new NeuronDrawing(new NeuronView(1, 2, 5, q, keys, products, scores, softmax, weights),
        TOKENS, 400);
    HeadStatistics stats = HeadStatistics.of(d.attentions(), TOKENS);
    List<LayerHeadHeatmaps.Panel> panels = java.util.Arrays.stream(HeadStatistics.Metric.values())
        .map(m -> new LayerHeadHeatmaps.Panel(m.label(), stats.of(m))).toList();
    LayerHeadHeatmaps heatmaps = new LayerHeadHeatmaps("statistics", panels, null, new Color(0x6a1b9a), 4);
    List<FillMask.MaskPredictions> before = List.of(new FillMask.MaskPredictions(5, List.of(
        new FillMask.Prediction("cat", 4937, 0.5), new FillMask.Prediction("dog", 3899, 0.2))));
    List<FillMask.MaskPredictions> after = List.of(new FillMask.MaskPredictions(5, List.of(
        new FillMask.Prediction("dog", 3899, 0.4), new FillMask.Prediction("man", 2158, 0.1))));
    FillMaskComparison compare = new FillMaskComparison(before, after, "1 head off", "note");

    Map<String, Drawing> drawings = Map.of("head", head, "model", model, "matrix", matrix, "neuron", neuron,
        "stats", heatmaps, "compare", compare);
    for (var e : drawings.entrySet()) {
      Path png = dir.resolve(e.getKey() + ".png");
      Exports.png(e.getValue(), 900, 500, png);
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image, e.getKey());
      assertEquals(1800, image.getWidth());
      assertEquals(1000, image.getHeight());
      String svg = Exports.svg(e.getValue(), 900, 500);
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
      assertEquals("svg", doc.getDocumentElement().getTagName(), e.getKey());
      assertTrue(svg.contains("<path") || svg.contains("<rect") || svg.contains("<image"), e.getKey());
    }
    assertTrue(Exports.svg(head, 900, 500).contains("##ffa"));
    assertTrue(head.linesDrawn() > 0);

    int t = TOKENS.size();
    assertRows(dir, "matrix", AttentionPane.matrixTable(maps.labels(), maps.mapOf(1)), t + 1, "from \\ to,[CLS],the");
    assertRows(dir, "model", AttentionPane.allHeadsTable(d, false), 2 * 3 * t * t + 1, "layer,head,from,from_token");
    assertRows(dir, "stats", AttentionPane.statsTable(stats), 2 * 3 + 1, "layer,head,entropy,to_cls,to_sep");
    assertRows(dir, "neuron", AttentionPane.neuronTable(neuron.view(), TOKENS), t + 2, "key,token,score,softmax");
    assertRows(dir, "compare", AttentionPane.compareTable(before, after), 3, "position,rank");
    Table lines = AttentionPane.headTable(maps, shown, 0.05);
    assertTrue(lines.rows().size() > t && lines.rows().size() < 3 * t * t);
  }

  private static void assertRows(Path dir, String name, Table table, int lines, String headerStart) throws Exception {
    Path csv = dir.resolve(name + ".csv");
    table.writeCsv(csv);
    List<String> read = Files.readAllLines(csv);
    assertEquals(lines, read.size(), name);
    assertTrue(read.get(0).startsWith(headerStart), read.get(0));
  }

  @Test
  void wordsMergePiecesAndKeepRowsSummingToOne() {
    AttentionData.Maps words = data().maps(0, Aggregation.SINGLE_HEAD, true);
    assertEquals(List.of("[CLS]", "the", "unaffable", "cat", "[SEP]", "it", "[SEP]"), words.labels());
    assertEquals(1, words.segments()[5]);
    for (float[] row : words.maps()[2]) {
      float sum = 0;
      for (float v : row) {
        sum += v;
      }
      assertEquals(1f, sum, 1e-5f);
    }
  }

  @Test
  void aggregationsAreOneMapEach() {
    AttentionData d = data();
    AttentionData.Maps mean = d.maps(1, Aggregation.MEAN_OVER_HEADS, false);
    assertEquals(1, mean.maps().length);
    float[][][][] a = d.attentions();
    assertEquals((a[1][0][3][4] + a[1][1][3][4] + a[1][2][3][4]) / 3, mean.maps()[0][3][4], 1e-6f);
    assertEquals(1, d.maps(1, Aggregation.ROLLOUT, false).maps().length);
    assertEquals(-1, d.maps(0, Aggregation.MEAN_OVER_LAYERS, false).headIds()[0]);
  }

  @Test
  void sentenceFilterAndHoverLimitTheLines() {
    AttentionData.Maps maps = data().maps(0, Aggregation.SINGLE_HEAD, false);
    boolean[] shown = {true, true, true};
    HeadViewDrawing all = new HeadViewDrawing(maps, shown, 0.0, SentenceFilter.ALL, -1, -1, "", 500);
    Exports.image(all, 900, 500, 1);
    HeadViewDrawing aToB = new HeadViewDrawing(maps, shown, 0.0, SentenceFilter.A_TO_B, -1, -1, "", 500);
    Exports.image(aToB, 900, 500, 1);
    // 7 tokens of A (with [CLS] and its [SEP]) to 2 of B, 3 heads.
    assertEquals(3 * 7 * 2, aToB.linesDrawn());
    assertEquals(3 * 9 * 9, all.linesDrawn());
    HeadViewDrawing hover = new HeadViewDrawing(maps, shown, 0.0, SentenceFilter.ALL, 1, 4, "", 500);
    Exports.image(hover, 900, 500, 1);
    assertEquals(3 * 9, hover.linesDrawn());
    int[] at = hover.tokenAt(hover.leftX() - 10, hover.rowY(3));
    assertEquals(0, at[0]);
    assertEquals(3, at[1]);
  }
}
