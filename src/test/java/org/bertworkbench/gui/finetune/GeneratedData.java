package org.bertworkbench.gui.finetune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Small datasets with a rule a tiny BERT can learn in seconds, written by the tests, one per task
 * family, in words of the tiny model's vocabulary (sample-data/pretrain/tiny-model). Seeded: the
 * same seed writes the same file.
 */
final class GeneratedData {

  static final List<String> WET = List.of("water", "sea", "river", "rain", "snow", "clouds", "ocean", "fish");
  static final List<String> DRY = List.of("sun", "light", "sand", "desert", "stone", "bread", "salt", "dry");
  static final List<String> FILLER = List.of("the", "people", "often", "like", "to", "see", "a", "small", "old",
      "town", "in", "morning", "with", "their", "children", "and", "many", "on", "road", "near", "home");
  static final List<String> PLACES = List.of("egypt", "castle", "forest", "mountain", "school", "bakery", "garage");
  static final List<String> ANIMALS = List.of("bees", "penguins", "octopus", "birds", "insects", "ants", "fish");

  private GeneratedData() {}

  private static String sentence(Random r, String topic, int length) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      words.add(FILLER.get(r.nextInt(FILLER.size())));
    }
    words.add(r.nextInt(words.size() + 1), topic);
    return String.join(" ", words);
  }

  /** Single-sentence classification: "wet" when the sentence names water, rain, ..., "dry" for sun, sand, .... */
  static Path classify(Path dir, int rows, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder("sentence\tlabel\n");
    for (int i = 0; i < rows; i++) {
      boolean wet = r.nextBoolean();
      List<String> topic = wet ? WET : DRY;
      s.append(sentence(r, topic.get(r.nextInt(topic.size())), 4 + r.nextInt(4))).append('\t')
          .append(wet ? "wet" : "dry").append('\n');
    }
    return write(dir.resolve("classify.tsv"), s);
  }

  /**
   * Sentence pairs: "both" when both sentences name something wet (water, rain, ...), else "not both";
   * half the pairs are "both", so chance is 50% and either sentence alone gets at most about 83%.
   */
  static Path pair(Path dir, int rows, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder("sentence1\tsentence2\tlabel\n");
    for (int i = 0; i < rows; i++) {
      int mix = r.nextBoolean() ? 3 : r.nextInt(3);
      boolean wetA = (mix & 1) != 0;
      boolean wetB = (mix & 2) != 0;
      List<String> a = wetA ? WET : DRY;
      List<String> b = wetB ? WET : DRY;
      s.append(sentence(r, a.get(r.nextInt(a.size())), 3 + r.nextInt(3))).append('\t')
          .append(sentence(r, b.get(r.nextInt(b.size())), 3 + r.nextInt(3))).append('\t')
          .append(wetA && wetB ? "both" : "not both").append('\n');
    }
    return write(dir.resolve("pair.tsv"), s);
  }

  /**
   * Classification from a number: the text says nothing, the label is "hot" when the temperature
   * is above 20 and "cold" below. CSV with a header; a second, uninformative number.
   */
  static Path numeric(Path dir, int rows, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder("text,temperature,visitors,label\n");
    for (int i = 0; i < rows; i++) {
      double t = Math.round((r.nextDouble() * 40) * 10) / 10.0;
      if (Math.abs(t - 20) < 1) {
        t += t < 20 ? -1 : 1;
      }
      s.append(sentence(r, "weather", 3 + r.nextInt(3))).append(',').append(String.format(Locale.ROOT, "%.1f", t))
          .append(',').append(r.nextInt(500)).append(',').append(t > 20 ? "hot" : "cold").append('\n');
    }
    return write(dir.resolve("numeric.csv"), s);
  }

  /**
   * SQuAD v1.1 JSON: a paragraph of filler with one "X lives in the Y" sentence; the question asks
   * where X lives; the answer is Y.
   */
  static Path qa(Path dir, int questions, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder("{\"version\": \"1.1\", \"data\": [{\"title\": \"generated\", \"paragraphs\": [\n");
    for (int i = 0; i < questions; i++) {
      String animal = ANIMALS.get(r.nextInt(ANIMALS.size()));
      String place = PLACES.get(r.nextInt(PLACES.size()));
      String before = sentence(r, "morning", 2 + r.nextInt(4)) + ". ";
      String fact = "the " + animal + " live in the ";
      String context = before + fact + place + ". " + sentence(r, "day", 2 + r.nextInt(4)) + ".";
      int start = before.length() + fact.length();
      s.append(i == 0 ? "" : ",\n").append("{\"context\": \"").append(context).append("\", \"qas\": [{\"id\": \"q")
          .append(i).append("\", \"question\": \"where do the ").append(animal).append(" live?\", \"answers\": [{\"text\": \"")
          .append(place).append("\", \"answer_start\": ").append(start).append("}]}]}");
    }
    s.append("\n]}]}\n");
    return write(dir.resolve("qa.json"), s);
  }

  /**
   * CoNLL-style tagging: words of filler with places (LOC) and animals (ANI) among them, "word TAB tag" a line,
   * a blank line between sentences.
   */
  static Path tag(Path dir, int sentences, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      int n = 5 + r.nextInt(5);
      for (int w = 0; w < n; w++) {
        int kind = r.nextInt(5);
        if (kind == 0) {
          s.append(PLACES.get(r.nextInt(PLACES.size()))).append("\tB-LOC\n");
        } else if (kind == 1) {
          s.append(ANIMALS.get(r.nextInt(ANIMALS.size()))).append("\tB-ANI\n");
        } else {
          s.append(FILLER.get(r.nextInt(FILLER.size()))).append("\tO\n");
        }
      }
      s.append('\n');
    }
    return write(dir.resolve("tag.conll"), s);
  }

  private static Path write(Path file, CharSequence text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
