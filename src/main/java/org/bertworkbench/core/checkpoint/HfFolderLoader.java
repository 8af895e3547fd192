package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Opens a Hugging Face folder: config.json, vocab.txt, model.safetensors (and tokenizer_config.json
 * if present), a BERT one or a DistilBERT one (config.json's model_type "distilbert", names as in
 * {@link DistilBertNames}). Pickle weights (pytorch_model.bin) are refused.
 */
final class HfFolderLoader {

  static final String CONFIG = "config.json";
  static final String VOCAB = "vocab.txt";
  static final String WEIGHTS = "model.safetensors";
  static final String PICKLE = "pytorch_model.bin";
  static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  /** What a DistilBERT folder's model lacks, said first among its notes. */
  static final String DISTILBERT_NOTE = "DistilBERT (model_type distilbert) has no segment embeddings: segment ids"
      + " are ignored (a zero table of " + DistilBertNames.SEGMENTS + " segments stands in), and no pooler or NSP"
      + " head (the pooled output and next-sentence scores come from freshly initialised weights)";

  private HfFolderLoader() {
  }

  static Checkpoint load(Path dir) throws CheckpointException {
    Path weights = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(weights)) {
      throw missingWeights(dir);
    }
    ConfigJson.Parsed parsed = ConfigJson.read(dir.resolve(CONFIG));
    List<String> vocab = VocabFile.read(dir.resolve(VOCAB), Message.verbatim(CONFIG), parsed.config().vocabSize());
    SafetensorsReader.Contents contents = SafetensorsReader.read(weights);
    boolean distil = ConfigJson.isDistilBert(parsed);
    Map<String, RawTensor> tensors = distil ? DistilBertNames.toOurs(WEIGHTS, parsed.config(), contents.tensors())
        : HfNames.normalizeAll(WEIGHTS, contents.tensors());
    List<String> notes = new ArrayList<>();
    if (distil) {
      notes.add(DISTILBERT_NOTE);
    }
    notes.addAll(CheckpointValidator.check(parsed.config(), tensors, WEIGHTS, Message.verbatim(CONFIG)));
    return new Checkpoint(dir.getFileName().toString(), Checkpoint.SOURCE_HF, dir, parsed.config(),
        dir.resolve(VOCAB), lowerCase(dir.resolve(TOKENIZER_CONFIG), vocab), tensors, notes, parsed.extra());
  }

  /** The refusal for a folder without model.safetensors, naming the pickle or sharded file if present. */
  static CheckpointException missingWeights(Path dir) {
    if (Files.exists(dir.resolve(PICKLE))) {
      return pickleRefusal(dir.toString());
    }
    if (Files.exists(dir.resolve("model.safetensors.index.json"))) {
      return new CheckpointException(dir.toString(), Message.of(HfFolderLoader.class, "sharded"));
    }
    if (Files.exists(dir.resolve("tf_model.h5"))) {
      return new CheckpointException(dir.toString(), Message.of(HfFolderLoader.class, "onlyH5"));
    }
    return new CheckpointException(dir.toString(), Message.of(HfFolderLoader.class, "noWeights", WEIGHTS));
  }

  static CheckpointException pickleRefusal(String where) {
    return new CheckpointException(where, Message.of(HfFolderLoader.class, "onlyPickle", PICKLE, WEIGHTS));
  }

  /** tokenizer_config.json's do_lower_case if present and readable, else a guess from the vocabulary. */
  private static boolean lowerCase(Path tokenizerConfig, List<String> vocab) throws CheckpointException {
    if (Files.isRegularFile(tokenizerConfig)) {
      try {
        JsonObject o = JsonText.parseObject(TOKENIZER_CONFIG, JsonText.FILE, Files.readString(tokenizerConfig));
        JsonElement e = o.get("do_lower_case");
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
          return e.getAsBoolean();
        }
      } catch (IOException ex) {
        throw new CheckpointException(TOKENIZER_CONFIG, Message.of(HfFolderLoader.class, "cannotRead",
            ex.getMessage()), ex);
      }
    }
    return VocabFile.looksUncased(vocab);
  }
}
