package org.bertworkbench.core.load;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.HfFolderWriter;
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
  private final String source;
  private final Path location;
  private final BertForPreTraining model;
  private final BertTokenizer tokenizer;
  private final List<String> notes;
  private final double loadSeconds;

  private LoadedBert(Checkpoint checkpoint, BertForPreTraining model, BertTokenizer tokenizer,
      double loadSeconds) {
    this.name = checkpoint.name();
    this.source = checkpoint.source();
    this.location = checkpoint.location();
    this.model = model;
    this.tokenizer = tokenizer;
    this.loadSeconds = loadSeconds;
    List<String> all = new ArrayList<>(checkpoint.notes());
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
    progress.report(-1, "Reading " + nameOrPath);
    Checkpoint checkpoint = CheckpointLoader.open(nameOrPath);
    progress.checkCancelled();
    progress.report(0.6, "Reading the vocabulary");
    BertTokenizer tokenizer = new BertTokenizer(Vocab.load(checkpoint.vocabFile()), checkpoint.lowerCase());
    progress.checkCancelled();
    progress.report(0.7, "Building the model on " + device);
    BertForPreTraining model;
    try {
      model = BertForPreTraining.fromTensors(checkpoint.tensors(), checkpoint.config(), device);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(checkpoint.location().toString(), e.getMessage());
    }
    progress.report(1, "Loaded " + checkpoint.name());
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
