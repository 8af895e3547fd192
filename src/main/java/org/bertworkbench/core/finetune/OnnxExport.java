package org.bertworkbench.core.finetune;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.OnnxBertExport;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertWeights;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.TokenizerJsonWriter;

/**
 * Exports a model the workbench opens, a base model or a fine-tuned one, as an ONNX file (see
 * {@link OnnxBertExport} for the graph and its input and output names) with the tokenizer beside
 * it as {@code tokenizer.json}.
 */
public final class OnnxExport {

  /** The file written beside the model. */
  public static final String TOKENIZER_FILE = "tokenizer.json";

  /**
   * What was written.
   *
   * @param model the ONNX file
   * @param tokenizer the tokenizer.json beside it
   * @param bytes the ONNX file's size
   * @param outputs the graph's output names, in order
   */
  public record Result(Path model, Path tokenizer, long bytes, List<String> outputs) {}

  private OnnxExport() {
  }

  /**
   * Exports a known model name, a model folder, or a fine-tuned run's model folder: a folder whose
   * config.json names a task head (ours, or Hugging Face's BertFor... classes) is opened as a
   * fine-tuned model and exported with its head, anything else as a base model.
   */
  public static Result export(String nameOrPath, Path file) throws IOException, CheckpointException {
    if (isFinetuned(CheckpointLoader.open(nameOrPath))) {
      try (FinetuneModel model = FinetuneModel.open(nameOrPath, Device.cpu())) {
        return export(model, file);
      }
    }
    try (LoadedBert loaded = LoadedBert.open(nameOrPath, Device.cpu(), Progress.NONE)) {
      return export(loaded, file);
    }
  }

  /** Whether a checkpoint holds a fine-tuned head (by its config.json). */
  static boolean isFinetuned(Checkpoint c) {
    String arch = c.extraConfig().getOrDefault("architectures", "");
    return c.extraConfig().containsKey(HeadConfig.KEY) || arch.contains("ForSequenceClassification")
        || arch.contains("ForTokenClassification") || arch.contains("ForQuestionAnswering");
  }

  /** A base model: {@code last_hidden_state}, and {@code pooler_output} when the checkpoint had a pooler. */
  public static Result export(LoadedBert loaded, Path file) throws IOException {
    BertWeights w = loaded.model().weights();
    boolean pooler = loaded.model().initialised().stream().noneMatch(n -> n.startsWith("bert.pooler."));
    Map<String, RawTensor> tensors = new LinkedHashMap<>();
    for (String name : w.all().keySet()) {
      if (name.startsWith("bert.")) {
        tensors.put(name, w.float32Tensor(name));
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("source", loaded.source());
    metadata.put("task", "feature-extraction");
    return write(file, loaded.model().config(), tensors, pooler, OnnxBertExport.Head.NONE, metadata,
        loaded.tokenizer(), pooler ? List.of("last_hidden_state", "pooler_output") : List.of("last_hidden_state"));
  }

  /** A fine-tuned model: {@code logits}, or {@code start_logits} and {@code end_logits} for QA. */
  public static Result export(FinetuneModel model, Path file) throws IOException {
    HeadConfig head = model.head();
    BertWeights w = model.weights();
    Map<String, RawTensor> tensors = new LinkedHashMap<>();
    for (String name : model.parameters().keySet()) {
      tensors.put(name, w.float32Tensor(name));
    }
    String prefix = head.task() == TaskKind.QA ? "qa_outputs." : "classifier.";
    OnnxBertExport.Task task = switch (head.task()) {
      case CLASSIFY, PAIR -> OnnxBertExport.Task.SEQUENCE_CLASSIFICATION;
      case TAG -> OnnxBertExport.Task.TOKEN_CLASSIFICATION;
      case QA -> OnnxBertExport.Task.QUESTION_ANSWERING;
    };
    RawTensor features = head.appendedFeatures() == 0 ? null : tensors.get(HeadConfig.FEATURE_WEIGHT);
    OnnxBertExport.Head h = new OnnxBertExport.Head(task, tensors.get(prefix + "weight"), tensors.get(prefix + "bias"),
        features, head.featureMean(), head.featureStd());
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("task", head.task().cliName());
    metadata.put("architecture", head.architecture());
    if (!head.labels().isEmpty()) {
      metadata.put("id2label", String.join("\n", head.labels()));
    }
    if (features != null) {
      metadata.put("feature_columns", String.join("\n", head.featureColumns()));
    }
    if (head.baseModel() != null) {
      metadata.put("base_model", head.baseModel());
    }
    List<String> outputs = task == OnnxBertExport.Task.QUESTION_ANSWERING ? List.of("start_logits", "end_logits")
        : List.of("logits");
    return write(file, model.config(), tensors, true, h, metadata, model.tokenizer(), outputs);
  }

  private static Result write(Path file, BertConfig config, Map<String, RawTensor> tensors, boolean pooler,
      OnnxBertExport.Head head, Map<String, String> metadata, BertTokenizer tokenizer, List<String> outputs)
      throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (Files.isDirectory(target)) {
      throw new BadInputException(Message.of(OnnxExport.class, "OnnxExport.isFolder", target));
    }
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new BadInputException(Message.of(OnnxExport.class, "OnnxExport.cannotWrite", target, reason(e)));
    }
    Path tokenizerFile = dir == null ? Path.of(TOKENIZER_FILE) : dir.resolve(TOKENIZER_FILE);
    long bytes;
    try {
      bytes = OnnxBertExport.write(target, config, tensors, pooler, head, metadata);
      TokenizerJsonWriter.write(tokenizerFile, tokenizer);
    } catch (IOException e) {
      throw new BadInputException(Message.of(OnnxExport.class, "OnnxExport.cannotWrite", target, reason(e)));
    }
    return new Result(target, tokenizerFile, bytes, outputs);
  }

  /** An I/O failure said plainly: the JDK's exceptions often carry only the path. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
      return "a file is in the way of a folder";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
