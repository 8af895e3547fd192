package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset read from a file: the usable examples, the label set, and the rows that could not be
 * used. Reading never throws for a bad row; the rows are reported and the user chooses to skip them.
 *
 * @param task the task the file was read for
 * @param source the file
 * @param examples the usable examples, in file order
 * @param labels the label set (classification: the given labels, else classes in first-seen order,
 *     or in numeric order when all are integers, as GLUE's 0/1; tagging: the given tags, else
 *     {@code O} first, then each entity type's {@code B-} and {@code I-} tags); empty for QA
 * @param badRows the rows that could not be used
 */
public record Dataset(TaskKind task, Path source, List<Example> examples, List<String> labels,
    List<BadRow> badRows) {

  public Dataset {
    examples = List.copyOf(examples);
    labels = List.copyOf(labels);
    badRows = List.copyOf(badRows);
  }

  /** How many examples carry each label (classification) or each tag (tagging), in label order. */
  public Map<String, Integer> classBalance() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String label : labels) {
      counts.put(label, 0);
    }
    for (Example e : examples) {
      if (e instanceof TextExample t && t.label() != null) {
        counts.merge(t.label(), 1, Integer::sum);
      } else if (e instanceof TagExample t) {
        for (String tag : t.tags()) {
          counts.merge(tag, 1, Integer::sum);
        }
      }
    }
    return counts;
  }
}
