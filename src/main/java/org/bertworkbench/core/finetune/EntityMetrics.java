package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entity-level precision, recall and F1 over BIO-tagged sentences, with the semantics of CoNLL's
 * {@code conlleval} script: an entity is a maximal chunk of one type; {@code B-X} starts one, and
 * so does {@code I-X} after {@code O} or after a tag of another type (IOB1 and sloppy BIO are read
 * as conlleval reads them; {@code E-}/{@code S-} of IOBES too); a predicted entity counts only when
 * its start, end and type all equal a gold one. Tags without a prefix (e.g. part-of-speech tags)
 * make no entities, but count in {@link #tokenAccuracy()}.
 *
 * @param precision correct entities / predicted entities (0 when none predicted)
 * @param recall correct entities / gold entities (0 when none in gold)
 * @param f1 their harmonic mean (0 when both are 0)
 * @param goldEntities gold entities
 * @param predictedEntities predicted entities
 * @param correctEntities predicted entities equal to a gold one
 * @param tokenAccuracy tokens whose predicted tag equals the gold tag / all tokens
 * @param perType the same scores for each entity type, sorted by type name
 */
public record EntityMetrics(double precision, double recall, double f1, int goldEntities,
    int predictedEntities, int correctEntities, double tokenAccuracy, Map<String, TypeScore> perType) {

  /**
   * One entity type's scores.
   *
   * @param precision correct / predicted
   * @param recall correct / gold
   * @param f1 their harmonic mean
   * @param gold gold entities of the type
   * @param predicted predicted entities of the type
   * @param correct correct ones
   */
  public record TypeScore(double precision, double recall, double f1, int gold, int predicted, int correct) {

    static TypeScore of(int gold, int predicted, int correct) {
      double p = ClassificationMetrics.ratio(correct, predicted);
      double r = ClassificationMetrics.ratio(correct, gold);
      return new TypeScore(p, r, ClassificationMetrics.harmonic(p, r), gold, predicted, correct);
    }
  }

  /**
   * An entity: words {@code start} (inclusive) to {@code end} (exclusive) of a sentence.
   *
   * @param type the entity type, e.g. {@code PER}
   * @param start the first word
   * @param end one past the last word
   */
  public record Span(String type, int start, int end) {}

  public EntityMetrics {
    perType = Collections.unmodifiableMap(new TreeMap<>(perType));
  }

  /** Scores predicted tag sequences against gold ones, sentence by sentence. */
  public static EntityMetrics of(List<List<String>> gold, List<List<String>> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(gold.size() + " gold sentences but " + predicted.size() + " predicted");
    }
    Map<String, int[]> counts = new TreeMap<>();
    int tokens = 0;
    int rightTokens = 0;
    for (int s = 0; s < gold.size(); s++) {
      List<String> g = gold.get(s);
      List<String> p = predicted.get(s);
      if (g.size() != p.size()) {
        throw new IllegalArgumentException("sentence " + s + ": " + g.size() + " gold tags but " + p.size()
            + " predicted");
      }
      for (int i = 0; i < g.size(); i++) {
        tokens++;
        rightTokens += g.get(i).equals(p.get(i)) ? 1 : 0;
      }
      List<Span> goldSpans = spans(g);
      Set<Span> goldSet = new HashSet<>(goldSpans);
      goldSpans.forEach(span -> counts.computeIfAbsent(span.type(), t -> new int[3])[0]++);
      for (Span span : spans(p)) {
        int[] c = counts.computeIfAbsent(span.type(), t -> new int[3]);
        c[1]++;
        c[2] += goldSet.contains(span) ? 1 : 0;
      }
    }
    int[] total = new int[3];
    Map<String, TypeScore> perType = new TreeMap<>();
    counts.forEach((type, c) -> {
      perType.put(type, TypeScore.of(c[0], c[1], c[2]));
      for (int i = 0; i < 3; i++) {
        total[i] += c[i];
      }
    });
    TypeScore all = TypeScore.of(total[0], total[1], total[2]);
    return new EntityMetrics(all.precision(), all.recall(), all.f1(), total[0], total[1], total[2],
        ClassificationMetrics.ratio(rightTokens, tokens), perType);
  }

  /** The entities of one sentence's tags, in order, read as conlleval reads them. */
  public static List<Span> spans(List<String> tags) {
    List<Span> spans = new ArrayList<>();
    String prevTag = "O";
    String prevType = "";
    int start = -1;
    String type = "";
    for (int i = 0; i < tags.size(); i++) {
      String full = tags.get(i);
      int dash = full.indexOf('-');
      String tag = dash < 0 ? full : full.substring(0, dash);
      String t = dash < 0 ? "" : full.substring(dash + 1);
      if (start >= 0 && endOfChunk(prevTag, tag, prevType, t)) {
        spans.add(new Span(type, start, i));
        start = -1;
      }
      if (startOfChunk(prevTag, tag, prevType, t)) {
        start = i;
        type = t;
      }
      prevTag = tag;
      prevType = t;
    }
    if (start >= 0) {
      spans.add(new Span(type, start, tags.size()));
    }
    return spans;
  }

  /** conlleval's {@code endOfChunk}: does a chunk end between the previous word and this one? */
  private static boolean endOfChunk(String prevTag, String tag, String prevType, String type) {
    boolean end = prevTag.equals("E") || prevTag.equals("S")
        || (prevTag.equals("B") || prevTag.equals("I")) && (tag.equals("B") || tag.equals("S") || tag.equals("O"))
        || !prevTag.equals("O") && !prevTag.equals(".") && !prevType.equals(type);
    return prevTag.equals("]") || end && !prevTag.equals("[");
  }

  /** conlleval's {@code startOfChunk}: does a chunk start at this word? */
  private static boolean startOfChunk(String prevTag, String tag, String prevType, String type) {
    boolean start = tag.equals("B") || tag.equals("S")
        || (prevTag.equals("E") || prevTag.equals("S") || prevTag.equals("O"))
            && (tag.equals("E") || tag.equals("I"))
        || !tag.equals("O") && !tag.equals(".") && !prevType.equals(type);
    return tag.equals("[") || start && !tag.equals("]");
  }
}
