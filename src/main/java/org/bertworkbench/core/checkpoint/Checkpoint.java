package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/**
 * A validated BERT checkpoint, as {@link CheckpointLoader#open(String)} returns it. Nothing in it is
 * an engine object: tensors are memory-mapped float32 data to hand to the model.
 *
 * @param name short name ("bert-base-uncased", or the folder's name)
 * @param source {@link #SOURCE_TF_JAR}, {@link #SOURCE_TF}, {@link #SOURCE_HF} or {@link #SOURCE_ONNX}
 * @param location the jar or folder it came from
 * @param config hyper-parameters (from config.json / bert_config.json, or derived from the shapes)
 * @param vocabFile the WordPiece vocab.txt; its line count equals {@code config.vocabSize()}
 * @param lowerCase whether the tokenizer lower-cases and strips accents: model.json's doLowerCase
 *     (jars), tokenizer_config.json's do_lower_case (Hugging Face, if present), otherwise guessed
 *     from the vocabulary: uncased if none of the first 2000 non-special tokens has an uppercase letter
 * @param tensors by Hugging Face name with the {@code bert.} prefix; every required tensor of
 *     {@link TensorSchema} is present with its shape (see {@link RawTensor#hfShape()}), plus any
 *     optional heads found and any extra non-BERT tensors (e.g. {@code classifier.weight}). Data are
 *     little-endian slices of mapped files: read them through {@link TensorData}
 * @param notes what the user should know: absent optional heads, extra tensors, NaN/Inf counts,
 *     skipped training state
 * @param extraConfig config.json keys that BertConfig does not hold (architectures, model_type,
 *     id2label, label2id, ...), each as its raw JSON text (e.g. {@code "[\"BertForPreTraining\"]"});
 *     empty for Google checkpoints
 * @param tokenizerFile the Hugging Face tokenizer.json whose settings the model's tokenizer follows
 *     (its normalizer switches, WordPiece settings, added tokens, template), or null: then the
 *     tokenizer is Google's, from {@code vocabFile} and {@code lowerCase}. Set for ONNX models read
 *     with their tokenizer.json; Hugging Face folders keep their vocab.txt
 */
public record Checkpoint(String name, String source, Path location, BertConfig config, Path vocabFile,
    boolean lowerCase, Map<String, RawTensor> tensors, List<String> notes, Map<String, String> extraConfig,
    Path tokenizerFile) {

  public static final String SOURCE_TF_JAR = "google-tf-jar";
  public static final String SOURCE_TF = "google-tf";
  public static final String SOURCE_HF = "huggingface";
  /** An ONNX export of a BERT-architecture model, its weights read into our blocks (see OnnxBertImport). */
  public static final String SOURCE_ONNX = "onnx";

  /** Copies the collections into unmodifiable ones (tensor order kept). */
  public Checkpoint {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    notes = List.copyOf(notes);
    extraConfig = Collections.unmodifiableMap(new LinkedHashMap<>(extraConfig));
  }

  /** A checkpoint whose tokenizer is Google's, from its vocab.txt ({@code tokenizerFile} null). */
  public Checkpoint(String name, String source, Path location, BertConfig config, Path vocabFile,
      boolean lowerCase, Map<String, RawTensor> tensors, List<String> notes, Map<String, String> extraConfig) {
    this(name, source, location, config, vocabFile, lowerCase, tensors, notes, extraConfig, null);
  }

  /** This checkpoint with its tokenizer read from {@code file}, a tokenizer.json. */
  public Checkpoint withTokenizerFile(Path file) {
    return new Checkpoint(name, source, location, config, vocabFile, lowerCase, tensors, notes, extraConfig, file);
  }

  /** The tensor called {@code name}; {@link IllegalArgumentException} if there is none. */
  public RawTensor tensor(String name) {
    RawTensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException(this.name + " has no tensor " + name);
    }
    return t;
  }

  public boolean has(String name) {
    return tensors.containsKey(name);
  }

  /** The schema of this checkpoint's config. */
  public TensorSchema schema() {
    return TensorSchema.of(config);
  }

  /** config.json's id2label (a fine-tuned head's labels), sorted by id; empty if none. */
  public Map<Integer, String> id2label() {
    Map<Integer, String> out = new TreeMap<>();
    String raw = extraConfig.get("id2label");
    if (raw == null) {
      return out;
    }
    JsonElement e = JsonParser.parseString(raw);
    if (e.isJsonObject()) {
      e.getAsJsonObject().entrySet().forEach(kv -> out.put(Integer.valueOf(kv.getKey()), kv.getValue().getAsString()));
    }
    return out;
  }
}
