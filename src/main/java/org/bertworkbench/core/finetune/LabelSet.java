package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bertworkbench.core.job.Message;

/**
 * The labels (or tags) of a file: either given (a dev file must use the train file's labels, and
 * any other label is a bad row) or learned from the file.
 */
final class LabelSet {

  private static final int NAMED_IN_MESSAGES = 12;

  private final List<String> known;
  private final Set<String> knownSet;
  private final Set<String> seen = new LinkedHashSet<>();

  /** {@code known} null: learn the labels from the file. */
  LabelSet(List<String> known) {
    this.known = known == null ? null : List.copyOf(known);
    this.knownSet = known == null ? null : Set.copyOf(known);
  }

  /** Whether {@code label} is acceptable; a learned set remembers it. */
  boolean accepts(String label) {
    if (knownSet != null) {
      return knownSet.contains(label);
    }
    seen.add(label);
    return true;
  }

  /** The problem of an unknown label, naming the known ones. */
  Message unknownLabel(String label) {
    return Message.of(LabelSet.class, "LabelSet.unknownLabel", label, names());
  }

  /** The problem of an unknown tag, naming the known ones. */
  Message unknownTag(String tag) {
    return Message.of(LabelSet.class, "LabelSet.unknownTag", tag, names());
  }

  /** The known labels, the first few of many followed by "...". */
  private String names() {
    List<String> names = known.size() <= NAMED_IN_MESSAGES ? known : known.subList(0, NAMED_IN_MESSAGES);
    return String.join(", ", names) + (known.size() > NAMED_IN_MESSAGES ? ", ..." : "");
  }

  /**
   * Classification labels: as given; or in first-seen order, except that labels which are all
   * integers (GLUE's 0/1) are put in numeric order so that class i is label "i".
   */
  List<String> classes() {
    if (known != null) {
      return known;
    }
    List<String> labels = new ArrayList<>(seen);
    if (!labels.isEmpty() && labels.stream().allMatch(l -> l.matches("-?\\d{1,9}"))) {
      labels.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    }
    return labels;
  }

  /**
   * Tags: as given; or {@code O} first, then each entity type in first-seen order with its
   * {@code B-} tag before its {@code I-} tag (other tags, e.g. part-of-speech, in first-seen order).
   */
  List<String> tags() {
    if (known != null) {
      return known;
    }
    Map<String, List<String>> byType = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    if (seen.contains("O")) {
      tags.add("O");
    }
    for (String tag : seen) {
      if (!tag.equals("O")) {
        int dash = tag.indexOf('-');
        String type = dash > 0 ? tag.substring(dash + 1) : "\0" + tag;
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(tag);
      }
    }
    for (List<String> group : byType.values()) {
      group.sort((a, b) -> Integer.compare(prefixRank(a), prefixRank(b)));
      tags.addAll(group);
    }
    return tags;
  }

  private static int prefixRank(String tag) {
    int rank = "BIES".indexOf(tag.charAt(0));
    return tag.length() > 1 && tag.charAt(1) == '-' && rank >= 0 ? rank : 4;
  }
}
