package org.bertworkbench.core.load;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.HfFolderWriter;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.TracedEncoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * A model ready to use: its weights on a device, its tokenizer, and where it came from. Close it to
 * free the native memory of its weights.
 */
public final class LoadedBert implements AutoCloseable {

  private final String name;
  private final Message label;
  private final String source;
  private final Path location;
  private final BertForPreTraining model;
  private final BertTokenizer tokenizer;
  private final List<String> notes;
  private final double loadSeconds;

  private LoadedBert(Checkpoint checkpoint, BertForPreTraining model, CheckpointTokenizer tokenizer,
      double loadSeconds) {
    this.name = checkpoint.name();
    this.label = label(checkpoint);
    this.source = checkpoint.source();
    this.location = checkpoint.location();
    this.model = model;
    this.tokenizer = tokenizer.tokenizer();
    this.loadSeconds = loadSeconds;
    List<String> all = new ArrayList<>(checkpoint.notes());
    all.addAll(tokenizer.notes());
    for (String fresh : model.initialised()) {
      all.add(fresh + " is not in the checkpoint: initialised fresh");
    }
    this.notes = List.copyOf(all);
  }

  /**
   * Opens a known model name or a model folder; refuses a bad one with a one-line message.
   *
   * @throws CheckpointException when the files are missing, malformed or contradict each other
   */
  public static LoadedBert open(String nameOrPath, Device device, Progress progress)
      throws CheckpointException {
    long start = System.nanoTime();
    progress.report(-1, Message.of(LoadedBert.class, "progress.reading", nameOrPath));
    Checkpoint checkpoint = CheckpointLoader.open(nameOrPath);
    progress.checkCancelled();
    progress.report(0.6, Message.of(LoadedBert.class, "progress.vocabulary"));
    CheckpointTokenizer tokenizer = CheckpointTokenizer.of(checkpoint);
    progress.checkCancelled();
    progress.report(0.7, Message.of(LoadedBert.class, "progress.building", device));
    BertForPreTraining model;
    try {
      model = BertForPreTraining.fromTensors(checkpoint.tensors(), checkpoint.config(), device);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(checkpoint.location().toString(), CheckpointException.problemOf(e), e);
    }
    progress.report(1, Message.of(LoadedBert.class, "progress.loaded", checkpoint.name()));
    return new LoadedBert(checkpoint, model, tokenizer, (System.nanoTime() - start) / 1e9);
  }

  /** Encodes one input (sentence B may be null) without padding. */
  public Encoding encode(String textA, String textB, int maxLength) {
    int max = Math.min(maxLength, model.config().maxPositionEmbeddings());
    return tokenizer.encode(textA, textB, max, false);
  }

  /** As {@link #encode}, with every tokenizer step recorded; {@code pad} pads to the maximum length. */
  public TracedEncoding encodeWithTrace(String textA, String textB, int maxLength, boolean pad) {
    int max = Math.min(maxLength, model.config().maxPositionEmbeddings());
    return tokenizer.encodeWithTrace(textA, textB, max, pad);
  }

  /** Writes this model as a Hugging Face folder (config.json, vocab.txt, model.safetensors). */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    HfFolderWriter.write(dir, model.config(), List.of("BertForPreTraining"), null,
        tokenizer.vocab().tokens(), tokenizer.lowerCase(), model.weights().toRawTensors());
  }

  public String name() {
    return name;
  }

  public String source() {
    return source;
  }

  /**
   * What to call the model where a user picks or reads it: a fine-tuned model by its run, task and
   * base ({@code sst (classify, from bert-base-uncased)}), a pretraining checkpoint by its run and
   * step ({@code tiny/step-300}), any other model by its name. In English, as logs and the command
   * line write it.
   */
  public String label() {
    return label.english();
  }

  /** {@link #label()} in {@code locale}'s language: the words around the names are translated, not the names. */
  public String label(Locale locale) {
    return label.in(locale);
  }

  static Message label(Checkpoint c) {
    Path at = c.location();
    Path parent = at == null ? null : at.getParent();
    String task = text(c.extraConfig().get("finetuning_task")); // config.json's values are kept as JSON
    if (task != null && at != null && at.getFileName() != null) {
      boolean inRun = at.getFileName().toString().equals("model") && parent != null && parent.getFileName() != null;
      String run = inRun ? parent.getFileName().toString() : at.getFileName().toString();
      String base = baseModel(c.extraConfig().get("bertworkbench_head"));
      return base == null ? Message.of(LoadedBert.class, "fineTunedLabel", run, task)
          : Message.of(LoadedBert.class, "fineTunedFromLabel", run, task, base);
    }
    if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("checkpoints")
        && parent.getParent() != null && parent.getParent().getFileName() != null) {
      return Message.verbatim(parent.getParent().getFileName() + "/" + c.name());
    }
    return Message.verbatim(c.name());
  }

  /** A JSON value as text: a string without its quotes; null for none or a value that is not JSON. */
  private static String text(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonElement e = JsonParser.parseString(json);
      return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    } catch (RuntimeException notJson) {
      return json;
    }
  }

  /** The base model a fine-tuned head records, shortened to its last path part; null when none is recorded. */
  private static String baseModel(String headJson) {
    if (headJson == null) {
      return null;
    }
    try {
      JsonElement base = JsonParser.parseString(headJson).getAsJsonObject().get("base_model");
      if (base == null || base.isJsonNull()) {
        return null;
      }
      Path p = Path.of(base.getAsString());
      return p.getFileName() == null ? base.getAsString() : p.getFileName().toString();
    } catch (RuntimeException e) {
      return null; // a hand-edited config: the label goes without its base
    }
  }

  public Path location() {
    return location;
  }

  public BertForPreTraining model() {
    return model;
  }

  public BertTokenizer tokenizer() {
    return tokenizer;
  }

  public Vocab vocab() {
    return tokenizer.vocab();
  }

  /** What the user should know about this model (missing heads, NaN weights, ...). */
  public List<String> notes() {
    return notes;
  }

  public double loadSeconds() {
    return loadSeconds;
  }

  @Override
  public void close() {
    model.close();
  }
}
