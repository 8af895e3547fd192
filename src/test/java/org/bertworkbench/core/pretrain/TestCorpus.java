package org.bertworkbench.core.pretrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated corpus in BERT's format: documents on a few topics, each sentence built from its
 * topic's words, so that both masked words and next sentences are learnable in a few steps.
 */
public final class TestCorpus {

  private static final String[][] TOPICS = {
      {"cat", "dog", "garden", "fence", "grass", "bird", "tree", "ball"},
      {"ship", "harbour", "captain", "sail", "wind", "sea", "storm", "island"},
      {"cake", "oven", "flour", "sugar", "kitchen", "baker", "bread", "butter"},
      {"star", "planet", "orbit", "telescope", "moon", "comet", "light", "galaxy"},
      {"king", "castle", "army", "battle", "crown", "river", "bridge", "village"},
  };
  private static final String[] VERBS = {"sees", "finds", "likes", "moves", "follows", "watches", "keeps"};
  private static final String[] ADJECTIVES = {"old", "small", "bright", "quiet", "green", "heavy", "warm"};

  private TestCorpus() {}

  /** The text of {@code documents} documents (blank line between them), reproducible from the seed. */
  public static String text(int documents, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < documents; d++) {
      String[] topic = TOPICS[d % TOPICS.length];
      int sentences = 6 + r.nextInt(7);
      for (int s = 0; s < sentences; s++) {
        sb.append(sentence(topic, r, s)).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String sentence(String[] topic, Random r, int index) {
    String a = topic[r.nextInt(topic.length)];
    String b = topic[r.nextInt(topic.length)];
    String opening = index == 0 ? "First the" : "Then the";
    return opening + " " + ADJECTIVES[r.nextInt(ADJECTIVES.length)] + " " + a + " "
        + VERBS[r.nextInt(VERBS.length)] + " the " + b + " near the " + topic[r.nextInt(topic.length)] + ".";
  }

  public static Path write(Path dir, int documents, long seed) throws IOException {
    Path file = dir.resolve("corpus.txt");
    Files.writeString(file, text(documents, seed));
    return file;
  }

  /** A small vocabulary that covers the generated corpus: specials, its words, a few pieces. */
  public static List<String> vocabulary() {
    List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "the", "first",
        "then", "near"));
    for (String[] t : TOPICS) {
      v.addAll(List.of(t));
    }
    v.addAll(List.of(VERBS));
    v.addAll(List.of(ADJECTIVES));
    v.addAll(List.of("##s", "##ed", "##ing"));
    return v;
  }
}
