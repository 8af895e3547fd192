package org.bertworkbench.gui.attention;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.gui.export.JsonData;

/**
 * The JSON exports of the attention views (L = layers, N = heads, T = tokens or words): the same
 * numbers as their CSV, in the shape a script wants — matrices as arrays under their labels,
 * statistics as [L][N] arrays the way {@code attention-stats --json} prints them.
 */
final class AttentionJson {

  private AttentionJson() {}

  /** One map of the matrix view: {@code {"layer", "head", "aggregation", "words", "rows", "columns", "values"}}. */
  static JsonObject matrix(AttentionData.Maps maps, int head, float[][] map) {
    JsonObject o = new JsonObject();
    o.addProperty("layer", maps.layer());
    o.addProperty("head", head);
    o.addProperty("aggregation", key(maps.aggregation()));
    o.addProperty("words", maps.words());
    JsonObject m = JsonData.matrix(maps.labels(), maps.labels(), map);
    m.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
    return o;
  }

  /** Every head of every layer: {@code {"layers", "heads", "tokens", "attentions": [L][N][T][T]}}. */
  static JsonObject allHeads(AttentionData d, boolean words) {
    float[][][][] attn = words ? d.words().merge(d.attentions()) : d.attentions();
    JsonObject o = new JsonObject();
    o.addProperty("layers", attn.length);
    o.addProperty("heads", attn[0].length);
    o.addProperty("words", words);
    o.add("tokens", JsonData.strings(words ? d.words().words() : d.tokens()));
    o.add("attentions", JsonData.tree(attn));
    return o;
  }

  /**
   * The statistics as the command line prints them ({@code {"layers", "heads", "stats": {"entropy",
   * "to_cls", ...}}}, each [L][N]) plus what they are the means over.
   */
  static JsonObject statistics(HeadStatistics s, String source) {
    JsonObject o = new JsonObject();
    o.addProperty("layers", s.layers());
    o.addProperty("heads", s.heads());
    JsonObject stats = new JsonObject();
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      stats.add(m.key(), JsonData.tree(s.of(m)));
    }
    o.add("stats", stats);
    o.addProperty("inputs", s.inputs());
    o.addProperty("tokens", s.tokens());
    o.addProperty("source", source);
    return o;
  }

  /** How one weight is made: the query, every key, their products, scores and softmax. */
  static JsonObject neuron(NeuronView nv, List<String> tokens) {
    JsonObject o = new JsonObject();
    o.addProperty("layer", nv.layer());
    o.addProperty("head", nv.head());
    o.addProperty("query", nv.query());
    o.addProperty("query_token", tokens.get(nv.query()));
    o.add("tokens", JsonData.strings(tokens));
    o.add("query_vector", JsonData.tree(nv.queryVector()));
    o.add("key_vectors", JsonData.tree(nv.keyVectors()));
    o.add("products", JsonData.tree(nv.products()));
    o.add("scores", JsonData.tree(nv.scores()));
    o.add("softmax", JsonData.tree(nv.softmax()));
    o.add("attention", JsonData.tree(nv.attention()));
    return o;
  }

  /**
   * A head ranking: {@code {"measure", "source", "over", "sentences", "units", "scores": [L][N],
   * "ranking": [{"rank", "layer", "head", "score"}]}}, plus which heads were switched off.
   */
  static JsonObject ranking(HeadImportance r, String source, String over, boolean[][] off) {
    JsonObject o = new JsonObject();
    o.addProperty("measure", r.measure().key());
    o.addProperty("source", source);
    o.addProperty("over", over);
    o.addProperty("sentences", r.sentences());
    o.addProperty("units", r.units());
    o.addProperty("layers", r.scores().length);
    o.addProperty("heads", r.scores()[0].length);
    o.add("scores", JsonData.tree(r.scores()));
    JsonArray ranked = new JsonArray();
    int rank = 1;
    for (HeadImportance.Ranked k : r.ranking()) {
      JsonObject e = new JsonObject();
      e.addProperty("rank", rank++);
      e.addProperty("layer", k.layer());
      e.addProperty("head", k.head());
      e.addProperty("score", k.score());
      ranked.add(e);
    }
    o.add("ranking", ranked);
    o.add("switched_off", JsonData.tree(off));
    return o;
  }

  static String key(Aggregation a) {
    return a.name().toLowerCase();
  }
}
