package org.bertworkbench.core.finetune;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.checkpoint.HfFolderWriter;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * Small generated datasets for the four task families, made of words the tiny sample model's
 * vocabulary holds as single pieces, each learnable only by reading the text:
 * <ul>
 *   <li>classify: 5 filler words and one cue word; the label is the cue's group;</li>
 *   <li>pair: a cue in A and a cue in B; "both" when both come from group A (half the pairs), else
 *       "not-both" (reading one sentence alone gets at most 83%);</li>
 *   <li>tag: filler words with entities of one or two words from two name lists (B-/I-PER, B-/I-LOC),
 *       never two entities side by side;</li>
 *   <li>QA: a paragraph with one word of list P and one of list Q; the question names which list.</li>
 * </ul>
 */
public final class GeneratedTasks {

  public static final Path TINY_MODEL = Path.of("sample-data", "pretrain", "tiny-model");

  public final List<String> filler;
  public final List<String> groupA;
  public final List<String> groupB;
  public final List<String> people;
  public final List<String> places;
  public final List<String> answersP;
  public final List<String> answersQ;
  public final String askP;
  public final String askQ;

  public GeneratedTasks() throws IOException {
    Vocab vocab = Vocab.load(TINY_MODEL.resolve("vocab.txt"));
    BertTokenizer tokenizer = new BertTokenizer(vocab, true);
    List<String> words = new ArrayList<>();
    for (String t : vocab.tokens()) {
      if (t.matches("[a-z]{4,}") && tokenizer.tokenize(t).size() == 1) {
        words.add(t);
      }
    }
    Collections.shuffle(words, new Random(7));
    groupA = words.subList(0, 6);
    groupB = words.subList(6, 12);
    people = words.subList(12, 20);
    places = words.subList(20, 28);
    answersP = words.subList(28, 36);
    answersQ = words.subList(36, 44);
    askP = words.get(44);
    askQ = words.get(45);
    filler = words.subList(46, 160);
  }

  public List<Example> classify(int n, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean a = r.nextBoolean();
      List<String> w = fillers(r, 5);
      w.add(r.nextInt(w.size() + 1), pick(r, a ? groupA : groupB));
      out.add(new TextExample(i + 2, String.join(" ", w), null, a ? "alpha" : "beta", null));
    }
    return out;
  }

  public List<Example> pair(int n, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Half the pairs have both cues from group A ("both"); the rest one of the three other mixes.
      int mix = r.nextBoolean() ? 3 : r.nextInt(3);
      boolean aFromA = (mix & 1) != 0;
      boolean bFromA = (mix & 2) != 0;
      List<String> a = fillers(r, 3);
      a.add(r.nextInt(a.size() + 1), pick(r, aFromA ? groupA : groupB));
      List<String> b = fillers(r, 3);
      b.add(r.nextInt(b.size() + 1), pick(r, bFromA ? groupA : groupB));
      out.add(new TextExample(i + 2, String.join(" ", a), String.join(" ", b),
          aFromA && bFromA ? "both" : "not-both", null));
    }
    return out;
  }

  public List<Example> tag(int n, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> words = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        double u = r.nextDouble();
        if (u < 0.15 || u > 0.85) {
          String type = u < 0.15 ? "PER" : "LOC";
          List<String> names = u < 0.15 ? people : places;
          int len = r.nextInt(3) == 0 ? 2 : 1;
          for (int j = 0; j < len; j++) {
            words.add(pick(r, names));
            tags.add((j == 0 ? "B-" : "I-") + type);
          }
          // A filler after each entity: two entities side by side would read like one of two words.
          words.add(pick(r, filler));
          tags.add("O");
        } else {
          words.add(pick(r, filler));
          tags.add("O");
        }
      }
      out.add(new TagExample(i + 1, words, tags));
    }
    return out;
  }

  public List<Example> qa(int n, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> w = fillers(r, 10);
      String p = pick(r, answersP);
      String q = pick(r, answersQ);
      int pAt = r.nextInt(w.size() + 1);
      w.add(pAt, p);
      int qAt = r.nextInt(w.size() + 1);
      w.add(qAt, q);
      String context = String.join(" ", w);
      boolean askForP = r.nextBoolean();
      String answer = askForP ? p : q;
      String question = pick(r, filler) + " " + (askForP ? askP : askQ) + " " + pick(r, filler);
      int start = (" " + context + " ").indexOf(" " + answer + " ");
      out.add(new QaExample(i + 1, "q" + i, question, context, List.of(new QaAnswer(answer, start))));
    }
    return out;
  }

  public static Dataset dataset(TaskKind task, List<Example> examples) {
    List<String> labels = new ArrayList<>();
    for (Example e : examples) {
      if (e instanceof TextExample t && !labels.contains(t.label())) {
        labels.add(t.label());
      } else if (e instanceof TagExample t) {
        t.tags().stream().filter(x -> !labels.contains(x)).forEach(labels::add);
      }
    }
    if (task == TaskKind.TAG) {
      labels.remove("O");
      Collections.sort(labels);
      labels.add(0, "O");
    }
    return new Dataset(task, Path.of("generated-" + task.cliName()), examples, labels, List.of());
  }

  /**
   * A freshly initialised small BERT (L2, H64, A2, intermediate 256, 128 positions) with the tiny
   * sample model's vocabulary, saved as a Hugging Face folder in {@code dir}. (The sample model's
   * own encoder gives nearly the same vector for every input: a poor start for a classifier.)
   */
  public static Path randomModel(Path dir, double dropout, long seed) throws IOException {
    Vocab vocab = Vocab.load(TINY_MODEL.resolve("vocab.txt"));
    BertConfig config = BertConfig.of(vocab.size(), 64, 2, 2, 256, 128, 2).withDropout(dropout);
    try (BertForPreTraining model = BertForPreTraining.random(config, Device.cpu(), seed)) {
      HfFolderWriter.write(dir, config, List.of("BertForPreTraining"), null, vocab.tokens(), true,
          model.weights().toRawTensors());
    }
    return dir;
  }

  /** The tiny model with dropout switched off (for exact comparisons), in {@code dir}. */
  public static Path tinyModelWithoutDropout(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String f : List.of("vocab.txt", "model.safetensors", "tokenizer_config.json")) {
      Files.copy(TINY_MODEL.resolve(f), dir.resolve(f));
    }
    String config = Files.readString(TINY_MODEL.resolve("config.json"))
        .replace("\"hidden_dropout_prob\": 0.1", "\"hidden_dropout_prob\": 0.0")
        .replace("\"attention_probs_dropout_prob\": 0.1", "\"attention_probs_dropout_prob\": 0.0");
    Files.writeString(dir.resolve("config.json"), config);
    return dir;
  }

  /** Writes examples in the file format their task reads: TSV (classify, pair), CoNLL (tag), SQuAD JSON (qa). */
  public static Path write(Path file, TaskKind task, List<Example> examples) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (task.isClassification()) {
      sb.append(task == TaskKind.PAIR ? "sentence1\tsentence2\tlabel\n" : "sentence\tlabel\n");
      for (Example e : examples) {
        TextExample t = (TextExample) e;
        sb.append(t.textA()).append('\t').append(t.textB() == null ? "" : t.textB() + "\t").append(t.label()).append('\n');
      }
    } else if (task == TaskKind.TAG) {
      for (Example e : examples) {
        TagExample t = (TagExample) e;
        for (int i = 0; i < t.words().size(); i++) {
          sb.append(t.words().get(i)).append(' ').append(t.tags().get(i)).append('\n');
        }
        sb.append('\n');
      }
    } else {
      com.google.gson.JsonArray paragraphs = new com.google.gson.JsonArray();
      for (Example e : examples) {
        QaExample q = (QaExample) e;
        com.google.gson.JsonObject answer = new com.google.gson.JsonObject();
        answer.addProperty("text", q.answers().get(0).text());
        answer.addProperty("answer_start", q.answers().get(0).start());
        com.google.gson.JsonArray answers = new com.google.gson.JsonArray();
        answers.add(answer);
        com.google.gson.JsonObject qa = new com.google.gson.JsonObject();
        qa.addProperty("id", q.id());
        qa.addProperty("question", q.question());
        qa.add("answers", answers);
        com.google.gson.JsonArray qas = new com.google.gson.JsonArray();
        qas.add(qa);
        com.google.gson.JsonObject p = new com.google.gson.JsonObject();
        p.addProperty("context", q.context());
        p.add("qas", qas);
        paragraphs.add(p);
      }
      com.google.gson.JsonObject article = new com.google.gson.JsonObject();
      article.addProperty("title", "generated");
      article.add("paragraphs", paragraphs);
      com.google.gson.JsonArray data = new com.google.gson.JsonArray();
      data.add(article);
      com.google.gson.JsonObject root = new com.google.gson.JsonObject();
      root.addProperty("version", "1.1");
      root.add("data", data);
      sb.append(root);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, sb.toString());
    return file;
  }

  private List<String> fillers(Random r, int n) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(pick(r, filler));
    }
    return w;
  }

  private static String pick(Random r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }
}
