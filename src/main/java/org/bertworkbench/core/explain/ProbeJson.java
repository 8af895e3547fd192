package org.bertworkbench.core.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;

/**
 * Layer probes as the {@code probe --json} command writes them, a tree of maps and lists any JSON
 * writer takes: the command line prints it, the window's chart exports it.
 */
public final class ProbeJson {

  private ProbeJson() {}

  /**
   * {@code {"model", "train_words", "dev_words", "tags", "majority_tag", "majority_baseline",
   * "layers": [{"layer", "accuracy", "control_accuracy", "selectivity"}], "notes"}}.
   */
  public static Map<String, Object> document(LayerProbe.Result r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", r.model());
    doc.put("train_words", r.trainWords());
    doc.put("dev_words", r.devWords());
    doc.put("tags", r.tags());
    doc.put("majority_tag", r.majorityTag());
    doc.put("majority_baseline", r.majorityBaseline());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (LayerProbe.Layer l : r.layers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("layer", l.layer());
      m.put("accuracy", l.accuracy());
      m.put("control_accuracy", l.controlAccuracy());
      m.put("selectivity", l.selectivity());
      layers.add(m);
    }
    doc.put("layers", layers);
    doc.put("notes", r.notes().stream().map(Message::english).toList());
    return doc;
  }
}
