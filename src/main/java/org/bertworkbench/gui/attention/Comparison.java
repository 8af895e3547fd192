package org.bertworkbench.gui.attention;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.AttentionComparison;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.export.JsonData;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;

/**
 * What the "Compare models" view computes and exports (L = layers, N = heads, T = tokens or
 * words): both models' attention on one input, every head's difference, and the numbers behind
 * the pictures as CSV and JSON.
 */
final class Comparison {

  private static final Texts T = Texts.of(Comparison.class);

  private Comparison() {}

  /** Both models' attention on the current input. */
  record Pair(AttentionData first, AttentionData second, String firstName, String secondName,
      WorkbenchViewModel.Analysis analysis, boolean causal) {

    boolean sameShape() {
      return first.layers() == second.layers() && first.heads() == second.heads();
    }
  }

  /**
   * Every head's difference (same shapes only): [L][N][T][T] second minus first, the mean and
   * largest |difference| of each head, the colour scale and the thumbnails.
   */
  record Grid(Pair pair, boolean words, List<String> labels, float[][][][] difference, double[][] meanAbs,
      double[][] maxAbs, double scale, BufferedImage[][] thumbs) {}

  /** The second model must read this many positions and both sentences. */
  static void requireFits(BertConfig config, Encoding e) {
    int t = e.length();
    if (t > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(T.format("Comparison.tooLong", config.maxPositionEmbeddings(), t));
    }
    for (int type : e.tokenTypeIds()) {
      if (type >= config.typeVocabSize()) {
        throw new IllegalArgumentException(T.format("Comparison.noSentenceB", config.typeVocabSize()));
      }
    }
  }

  static String describe(Pair p) {
    String key = p.sameShape() ? (p.causal() ? "Comparison.describe.same.causal" : "Comparison.describe.same")
        : (p.causal() ? "Comparison.describe.differ.causal" : "Comparison.describe.differ");
    return T.format(key, p.firstName(), p.first().layers(), p.first().heads(), p.secondName(), p.second().layers(),
        p.second().heads());
  }

  /** Every head's difference of a pair of models of the same shape, merged to words if asked. */
  static Grid gridOf(Pair p, boolean words) {
    float[][][][] a = words ? p.first().words().merge(p.first().attentions()) : p.first().attentions();
    float[][][][] b = words ? p.second().words().merge(p.second().attentions()) : p.second().attentions();
    int layers = a.length;
    int heads = a[0].length;
    float[][][][] diff = new float[layers][heads][][];
    double[][] meanAbs = new double[layers][heads];
    double[][] maxAbs = new double[layers][heads];
    List<float[][]> all = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < heads; h++) {
        diff[l][h] = AttentionComparison.difference(a[l][h], b[l][h]);
        double sum = 0;
        long n = 0;
        for (float[] row : diff[l][h]) {
          for (float v : row) {
            sum += Math.abs(v);
            maxAbs[l][h] = Math.max(maxAbs[l][h], Math.abs(v));
            n++;
          }
        }
        meanAbs[l][h] = n == 0 ? 0 : sum / n;
        all.add(diff[l][h]);
      }
    }
    double scale = Diverging.scaleOf(0.999, all.toArray(new float[0][][]));
    List<String> labels = words ? p.first().words().words() : p.first().tokens();
    return new Grid(p, words, labels, diff, meanAbs, maxAbs, scale, ModelViewDrawing.differenceThumbnails(diff, scale));
  }

  /** {layer, head} of the largest value. */
  static int[] largest(double[][] v) {
    int[] best = {0, 0};
    for (int l = 0; l < v.length; l++) {
      for (int h = 0; h < v[l].length; h++) {
        if (v[l][h] > v[best[0]][best[1]]) {
          best = new int[] {l, h};
        }
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- numbers for CSV and JSON

  /** One comparison's cells: from, to, both weights and their difference. */
  static Table pairTable(ComparisonDrawing d) {
    List<List<Object>> rows = new ArrayList<>();
    List<String> labels = d.labels();
    for (int i = 0; i < labels.size(); i++) {
      for (int j = 0; j < labels.size(); j++) {
        rows.add(List.of(i, labels.get(i), j, labels.get(j), d.first().map()[i][j], d.second().map()[i][j],
            d.difference()[i][j]));
      }
    }
    return new Table(
        List.of("from", "from_token", "to", "to_token", "first", "second", "difference"), rows);
  }

  /**
   * {@code {"aggregation", "words", "causal", "first": {"model", "map", "values"}, "second": {...},
   * "rows", "columns", "difference"}}.
   */
  static JsonObject pairJson(ComparisonDrawing d, Pair p, Aggregation aggregation, boolean words) {
    JsonObject o = new JsonObject();
    o.addProperty("aggregation", AttentionJson.key(aggregation));
    o.addProperty("words", words);
    o.addProperty("causal", p.causal());
    o.add("first", side(p.firstName(), d.first()));
    o.add("second", side(p.secondName(), d.second()));
    o.add("rows", JsonData.strings(d.labels()));
    o.add("columns", JsonData.strings(d.labels()));
    o.add("difference", JsonData.tree(d.difference()));
    return o;
  }

  private static JsonObject side(String model, ComparisonDrawing.Side side) {
    JsonObject o = new JsonObject();
    o.addProperty("model", model);
    o.addProperty("map", side.title());
    o.add("values", JsonData.tree(side.map()));
    return o;
  }

  /** Per head: the mean and largest |difference|. */
  static Table gridTable(Grid g) {
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < g.meanAbs().length; l++) {
      for (int h = 0; h < g.meanAbs()[l].length; h++) {
        rows.add(List.of(l, h, g.meanAbs()[l][h], g.maxAbs()[l][h]));
      }
    }
    return new Table(
        List.of("layer", "head", "mean_abs_difference", "max_abs_difference"), rows);
  }

  /** Every head's difference [L][N][T][T] and its summaries [L][N]. */
  static JsonObject gridJson(Grid g) {
    JsonObject o = new JsonObject();
    o.addProperty("first_model", g.pair().firstName());
    o.addProperty("second_model", g.pair().secondName());
    o.addProperty("layers", g.difference().length);
    o.addProperty("heads", g.difference()[0].length);
    o.addProperty("words", g.words());
    o.add("tokens", JsonData.strings(g.labels()));
    o.add("mean_abs_difference", JsonData.tree(g.meanAbs()));
    o.add("max_abs_difference", JsonData.tree(g.maxAbs()));
    o.add("difference", JsonData.tree(g.difference()));
    return o;
  }
}
