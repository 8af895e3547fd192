package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.run.AtomicFiles;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Writes a Hugging Face folder that {@code transformers} and {@link CheckpointLoader} can open:
 * config.json, vocab.txt, tokenizer_config.json ({@code do_lower_case}) and model.safetensors
 * ({@link SafetensorsWriter}). Each file is written under a temporary name and renamed into place.
 */
public final class HfFolderWriter {

  private HfFolderWriter() {
  }

  /**
   * @param architectures e.g. {@code List.of("BertForPreTraining")}
   * @param id2label a fine-tuned head's labels (label2id is derived); empty or null for none
   * @param vocab the tokens, one per line; its size must equal {@code config.vocabSize()}
   * @param tensors Hugging Face names; transposed tensors are written in Hugging Face layout
   */
  public static void write(Path dir, BertConfig config, List<String> architectures, Map<Integer, String> id2label,
      List<String> vocab, boolean lowerCase, Map<String, RawTensor> tensors) throws IOException {
    write(dir, config, architectures, id2label, null, vocab, lowerCase, tensors);
  }

  /**
   * As {@link #write(Path, BertConfig, List, Map, List, boolean, Map)}, with {@code extraConfig}'s keys
   * added to config.json (e.g. {@code finetuning_task} and a fine-tuned head's own settings); null for none.
   */
  public static void write(Path dir, BertConfig config, List<String> architectures, Map<Integer, String> id2label,
      JsonObject extraConfig, List<String> vocab, boolean lowerCase, Map<String, RawTensor> tensors)
      throws IOException {
    Map<String, SafetensorsWriter.Deferred> deferred = new java.util.LinkedHashMap<>();
    tensors.forEach((name, t) -> deferred.put(name, SafetensorsWriter.Deferred.of(t)));
    writeDeferred(dir, config, architectures, id2label, extraConfig, vocab, lowerCase, deferred);
  }

  /**
   * As {@link #write(Path, BertConfig, List, Map, JsonObject, List, boolean, Map)}, each tensor read
   * only when its turn comes (see {@link SafetensorsWriter.Deferred}).
   */
  public static void writeDeferred(Path dir, BertConfig config, List<String> architectures,
      Map<Integer, String> id2label, JsonObject extraConfig, List<String> vocab, boolean lowerCase,
      Map<String, SafetensorsWriter.Deferred> tensors) throws IOException {
    if (vocab.size() != config.vocabSize()) {
      throw new IllegalArgumentException(vocab.size() + " tokens but vocab_size " + config.vocabSize());
    }
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve(HfFolderLoader.CONFIG), ConfigJson.toJson(config, architectures, id2label, extraConfig));
    AtomicFiles.writeString(dir.resolve(HfFolderLoader.VOCAB), String.join("\n", vocab) + "\n");
    JsonObject tok = new JsonObject();
    tok.addProperty("do_lower_case", lowerCase);
    tok.addProperty("tokenizer_class", "BertTokenizer");
    AtomicFiles.writeString(dir.resolve(HfFolderLoader.TOKENIZER_CONFIG), tok + "\n");
    SafetensorsWriter.writeDeferred(dir.resolve(HfFolderLoader.WEIGHTS), tensors);
  }

  /** Saves a loaded checkpoint (e.g. Google's jar) as a Hugging Face folder, keeping its id2label. */
  public static void write(Path dir, Checkpoint checkpoint, List<String> architectures) throws IOException {
    write(dir, checkpoint.config(), architectures, checkpoint.id2label(), Files.readAllLines(checkpoint.vocabFile()),
        checkpoint.lowerCase(), checkpoint.tensors());
  }
}
