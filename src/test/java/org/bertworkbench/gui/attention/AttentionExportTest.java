package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.export.JsonData;
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
    assertRows(dir, "matrix", AttentionTables.matrixTable(maps.labels(), maps.mapOf(1)), t + 1, "from \\ to,[CLS],the");
    assertRows(dir, "model", AttentionTables.allHeadsTable(d, false), 2 * 3 * t * t + 1, "layer,head,from,from_token");
    assertRows(dir, "stats", AttentionTables.statsTable(stats), 2 * 3 + 1, "layer,head,entropy,to_cls,to_sep");
    assertRows(dir, "neuron", AttentionTables.neuronTable(neuron.view(), TOKENS), t + 2, "key,token,score,softmax");
    assertRows(dir, "compare", AttentionTables.compareTable(before, after), 3, "position,rank");
    Table lines = AttentionTables.headTable(maps, shown, 0.05);
    assertTrue(lines.rows().size() > t && lines.rows().size() < 3 * t * t);
    JsonObject nj = roundTrip(dir, "neuron", AttentionJson.neuron(neuron.view(), TOKENS));
    assertEquals("cat", nj.get("query_token").getAsString());
    assertEquals(scores[3], nj.getAsJsonArray("scores").get(3).getAsDouble(), 0);
    assertEquals(keys[4][2], at(nj, "key_vectors", 4, 2));
  }

  /** Writes {@code json} as the canvas's "Save data as JSON" does and reads it back with Gson. */
  private static JsonObject roundTrip(Path dir, String name, JsonElement json) throws Exception {
    Path file = dir.resolve(name + ".json");
    JsonData.write(json, file);
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  private static float at(JsonObject o, String key, int... index) {
    JsonElement e = o.get(key);
    for (int i : index) {
      e = e.getAsJsonArray().get(i);
    }
    return e.getAsFloat();
  }

  @Test
  void jsonExportsParseAndHoldTheNumbers(@TempDir Path dir) throws Exception {
    AttentionData d = data();
    AttentionData.Maps maps = d.maps(1, Aggregation.SINGLE_HEAD, false);
    JsonObject matrix = roundTrip(dir, "matrix", AttentionJson.matrix(maps, 2, maps.mapOf(2)));
    assertEquals(1, matrix.get("layer").getAsInt());
    assertEquals("single_head", matrix.get("aggregation").getAsString());
    assertEquals("##ffa", matrix.getAsJsonArray("rows").get(3).getAsString());
    assertEquals(TOKENS.size(), matrix.getAsJsonArray("columns").size());
    assertEquals(maps.mapOf(2)[3][4], at(matrix, "values", 3, 4));

    JsonObject all = roundTrip(dir, "model", AttentionJson.allHeads(d, true));
    assertEquals(7, all.getAsJsonArray("tokens").size());
    assertEquals(d.words().merge(d.attentions())[1][2][2][3], at(all, "attentions", 1, 2, 2, 3));

    HeadStatistics stats = HeadStatistics.of(d.attentions(), TOKENS);
    JsonObject st = roundTrip(dir, "stats", AttentionJson.statistics(stats, "this input"));
    assertEquals(2, st.get("layers").getAsInt());
    assertEquals(3, st.get("heads").getAsInt());
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      assertEquals(stats.of(m)[1][2], st.getAsJsonObject("stats").getAsJsonArray(m.key()).get(1).getAsJsonArray()
          .get(2).getAsDouble(), 0, m.key());
    }

    double[][] scores = {{0.1, 0.4, 0.2}, {0.05, 0.3, Double.NaN}};
    HeadImportance r = new HeadImportance(HeadImportance.Measure.KL_AT_MASKS, 3, 4, scores, List.of(
        new HeadImportance.Ranked(0, 1, 0.4), new HeadImportance.Ranked(1, 1, 0.3)));
    JsonObject ranked = roundTrip(dir, "ranking", AttentionJson.ranking(r, "s.txt", "s.txt (3 sentences)",
        new boolean[2][3]));
    assertEquals("kl", ranked.get("measure").getAsString());
    assertEquals(0.4, ranked.getAsJsonArray("scores").get(0).getAsJsonArray().get(1).getAsDouble());
    assertTrue(Double.isNaN(ranked.getAsJsonArray("scores").get(1).getAsJsonArray().get(2).getAsDouble()));
    assertEquals(2, ranked.getAsJsonArray("ranking").get(1).getAsJsonObject().get("rank").getAsInt());

    // A view with only a table: {"columns", "rows"}, numbers as numbers.
    JsonObject table = roundTrip(dir, "table", AttentionTables.statsTable(stats).toJson());
    assertEquals("to_sep", table.getAsJsonArray("columns").get(4).getAsString());
    assertEquals(stats.of(HeadStatistics.Metric.TO_SEP)[0][1],
        table.getAsJsonArray("rows").get(1).getAsJsonArray().get(4).getAsDouble(), 0);
  }

  @Test
  void aComparisonDrawsExportsAndCountsEveryHeadsDifference(@TempDir Path dir) throws Exception {
    AttentionData a = data();
    float[][][][] other = attentions();
    for (float[][][] layer : other) {
      for (float[][] head : layer) {
        for (float[] row : head) {
          float first = row[0];
          System.arraycopy(row, 1, row, 0, row.length - 1); // attend one token further left
          row[row.length - 1] = first;
        }
      }
    }
    AttentionData b = new AttentionData(TOKENS, SEGMENTS, WORDS, other, null, false, 0);
    Comparison.Pair pair = new Comparison.Pair(a, b, "one", "two", null, false);
    Comparison.Grid grid = Comparison.gridOf(pair, false);
    assertEquals(other[1][2][3][4] - a.attentions()[1][2][3][4], grid.difference()[1][2][3][4], 1e-7);
    double sum = 0;
    for (float[] row : grid.difference()[0][1]) {
      for (float v : row) {
        sum += Math.abs(v);
      }
    }
    assertEquals(sum / (TOKENS.size() * TOKENS.size()), grid.meanAbs()[0][1], 1e-9);
    assertTrue(grid.scale() > 0);

    float[][] da = a.attentions()[1][2];
    float[][] db = other[1][2];
    ComparisonDrawing d = new ComparisonDrawing(TOKENS, new ComparisonDrawing.Side("one · layer 1 head 2", da),
        new ComparisonDrawing.Side("two · layer 1 head 2", db),
        org.bertworkbench.core.analysis.AttentionComparison.difference(da, db), "title", 5, 1);
    ModelViewDrawing every = new ModelViewDrawing(grid.thumbs(), null, 1, 2, "every head", 900, 500)
        .withLegend(grid.scale(), "second − first");
    for (var e : Map.of("pair", (Drawing) d, "every", every).entrySet()) {
      Path png = dir.resolve(e.getKey() + ".png");
      Exports.png(e.getValue(), 1200, 500, png);
      assertEquals(2400, ImageIO.read(png.toFile()).getWidth());
      String svg = Exports.svg(e.getValue(), 1200, 500);
      assertTrue(svg.startsWith("<svg") || svg.contains("<svg"), e.getKey());
    }
    assertTrue(Exports.svg(d, 1200, 500).contains("second − first"));
    assertTrue(d.hoverText().startsWith("cat (5) → the (1): first "), d.hoverText());
    int[] cell = null;
    for (double x = 0; x < 1200 && cell == null; x++) {
      int[] at = d.cellAt(x, 250);
      cell = at != null && at[0] == 2 ? at : null;
    }
    assertNotNull(cell, "the difference panel is hit by the mouse");

    int t = TOKENS.size();
    assertRows(dir, "pair", Comparison.pairTable(d), t * t + 1, "from,from_token,to,to_token,first,second,difference");
    assertRows(dir, "every", Comparison.gridTable(grid), 2 * 3 + 1, "layer,head,mean_abs_difference");
    JsonObject pj = roundTrip(dir, "pair", Comparison.pairJson(d, pair, Aggregation.SINGLE_HEAD, false));
    assertEquals("two", pj.getAsJsonObject("second").get("model").getAsString());
    assertEquals(db[3][4], at(pj.getAsJsonObject("second"), "values", 3, 4));
    assertEquals(db[3][4] - da[3][4], at(pj, "difference", 3, 4), 1e-7);
    JsonObject gj = roundTrip(dir, "every", Comparison.gridJson(grid));
    assertEquals(grid.difference()[1][2][3][4], at(gj, "difference", 1, 2, 3, 4));
    assertEquals(grid.meanAbs()[0][1], gj.getAsJsonArray("mean_abs_difference").get(0).getAsJsonArray().get(1)
        .getAsDouble(), 0);
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
