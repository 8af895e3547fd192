package org.bertworkbench.gui.attention;

import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.analysis.NeuronView;
import org.bertworkbench.gui.export.Table;

/** The numbers behind each attention view, as the CSV and JSON exports write them. */
final class AttentionTables {

  private AttentionTables() {}

  static Table headTable(AttentionData.Maps m, boolean[] shown, double min) {
    List<List<Object>> rows = new ArrayList<>();
    for (int k = 0; k < m.maps().length; k++) {
      int head = m.headIds()[k];
      if (head >= 0 && (head >= shown.length || !shown[head])) {
        continue;
      }
      for (int i = 0; i < m.length(); i++) {
        for (int j = 0; j < m.length(); j++) {
          float w = m.maps()[k][i][j];
          if (w >= min && w > 0) {
            rows.add(List.of(m.layer(), head < 0 ? m.aggregation().name().toLowerCase() : head, i,
                m.labels().get(i), j, m.labels().get(j), w));
          }
        }
      }
    }
    return new Table(List.of("layer", "head", "from", "from_token", "to", "to_token", "weight"), rows);
  }

  static Table allHeadsTable(AttentionData d, boolean words) {
    float[][][][] attn = words ? d.words().merge(d.attentions()) : d.attentions();
    List<String> labels = words ? d.words().words() : d.tokens();
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < attn.length; l++) {
      for (int h = 0; h < attn[l].length; h++) {
        for (int i = 0; i < labels.size(); i++) {
          for (int j = 0; j < labels.size(); j++) {
            rows.add(List.of(l, h, i, labels.get(i), j, labels.get(j), attn[l][h][i][j]));
          }
        }
      }
    }
    return new Table(List.of("layer", "head", "from", "from_token", "to", "to_token", "weight"), rows);
  }

  static Table matrixTable(List<String> labels, float[][] map) {
    List<String> header = new ArrayList<>();
    header.add("from \\ to");
    header.addAll(labels);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < map.length; i++) {
      List<Object> row = new ArrayList<>();
      row.add(labels.get(i));
      for (float v : map[i]) {
        row.add(v);
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  static Table neuronTable(NeuronView nv, List<String> tokens) {
    List<String> header = new ArrayList<>(List.of("key", "token", "score", "softmax", "weight"));
    int d = nv.queryVector().length;
    for (int k = 0; k < d; k++) {
      header.add("k" + k);
    }
    for (int k = 0; k < d; k++) {
      header.add("qk" + k);
    }
    List<List<Object>> rows = new ArrayList<>();
    List<Object> q = new ArrayList<>(List.of("query", tokens.get(nv.query()), "", "", ""));
    for (float v : nv.queryVector()) {
      q.add(v);
    }
    while (q.size() < header.size()) {
      q.add("");
    }
    rows.add(q);
    for (int j = 0; j < tokens.size(); j++) {
      List<Object> row = new ArrayList<>(List.of(j, tokens.get(j), nv.scores()[j], nv.softmax()[j], nv.attention()[j]));
      for (float v : nv.keyVectors()[j]) {
        row.add(v);
      }
      for (float v : nv.products()[j]) {
        row.add(v);
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  static Table statsTable(HeadStatistics s) {
    List<String> header = new ArrayList<>(List.of("layer", "head"));
    for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
      header.add(m.key());
    }
    List<List<Object>> rows = new ArrayList<>();
    for (HeadStatistics.Row r : s.rows()) {
      List<Object> row = new ArrayList<>(List.of(r.layer(), r.head()));
      for (HeadStatistics.Metric m : HeadStatistics.Metric.values()) {
        row.add(r.value(m));
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  /** Every head's importance score and whether it is switched off ({@code off[l][h]}). */
  static Table maskTable(double[][] scores, boolean[][] off) {
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < scores.length; l++) {
      for (int h = 0; h < scores[l].length; h++) {
        rows.add(List.of(l, h, off[l][h] ? "off" : "on", scores[l][h]));
      }
    }
    return new Table(List.of("layer", "head", "state", "importance"), rows);
  }

  static Table compareTable(List<FillMask.MaskPredictions> before, List<FillMask.MaskPredictions> after) {
    List<List<Object>> rows = new ArrayList<>();
    for (int m = 0; m < before.size(); m++) {
      var b = before.get(m).predictions();
      var a = m < after.size() ? after.get(m).predictions() : List.<FillMask.Prediction>of();
      for (int r = 0; r < Math.max(b.size(), a.size()); r++) {
        rows.add(List.of(before.get(m).position(), r + 1,
            r < b.size() ? b.get(r).token() : "", r < b.size() ? b.get(r).score() : "",
            r < a.size() ? a.get(r).token() : "", r < a.size() ? a.get(r).score() : ""));
      }
    }
    return new Table(List.of("position", "rank", "all_heads_token", "all_heads_p", "masked_token", "masked_p"), rows);
  }
}
