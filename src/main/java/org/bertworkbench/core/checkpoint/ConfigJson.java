package org.bertworkbench.core.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Reads and writes Hugging Face {@code config.json} (and Google's {@code bert_config.json}, which
 * uses the same keys). The five size keys are required; the others default to the paper's values.
 * Keys BertConfig does not hold (architectures, model_type, id2label, label2id, ...) are kept as raw
 * JSON text.
 */
final class ConfigJson {

  /** A parsed config and the keys BertConfig does not hold, as raw JSON text. */
  record Parsed(BertConfig config, Map<String, String> extra) {
  }

  static final Set<String> BERT_KEYS = Set.of("vocab_size", "hidden_size", "num_hidden_layers",
      "num_attention_heads", "intermediate_size", "hidden_act", "hidden_dropout_prob",
      "attention_probs_dropout_prob", "max_position_embeddings", "type_vocab_size", "initializer_range",
      "layer_norm_eps", "pad_token_id");
  /** The DistilBertConfig keys BertConfig holds (under BERT's names). */
  static final Set<String> DISTILBERT_KEYS = Set.of("vocab_size", "dim", "n_layers", "n_heads", "hidden_dim",
      "activation", "dropout", "attention_dropout", "max_position_embeddings", "initializer_range", "pad_token_id");
  static final String MODEL_TYPE = "model_type";
  static final String DISTILBERT = "distilbert";

  private ConfigJson() {
  }

  static Parsed read(Path file) throws CheckpointException {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(name, Message.of(ConfigJson.class, "notFoundIn", file.getParent()));
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (CharacterCodingException ex) {
      throw new CheckpointException(name, Message.of(ConfigJson.class, "notUtf8"), ex);
    } catch (IOException ex) {
      throw new CheckpointException(name, Message.of(ConfigJson.class, "cannotRead", ex.getMessage()), ex);
    }
    return parse(name, text);
  }

  /** Parses config.json text; {@code name} names the file in messages. */
  static Parsed parse(String name, String text) throws CheckpointException {
    JsonObject o = JsonText.parseObject(name, JsonText.FILE, text);
    if (isDistilBert(o)) {
      return parseDistilBert(name, o);
    }
    Reader r = new Reader(name, o);
    BertConfig config;
    try {
      config = new BertConfig(r.integer("vocab_size", null), r.integer("hidden_size", null),
          r.integer("num_hidden_layers", null), r.integer("num_attention_heads", null),
          r.integer("intermediate_size", null), r.string("hidden_act", "gelu"),
          r.number("hidden_dropout_prob", 0.1), r.number("attention_probs_dropout_prob", 0.1),
          r.integer("max_position_embeddings", 512), r.integer("type_vocab_size", 2),
          r.number("initializer_range", 0.02), r.number("layer_norm_eps", BertConfig.DEFAULT_LAYER_NORM_EPS),
          r.integer("pad_token_id", 0));
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException(name, CheckpointException.problemOf(ex), ex);
    }
    Map<String, String> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (!BERT_KEYS.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue().toString());
      }
    }
    return new Parsed(config, extra);
  }

  /** Whether a config.json's model_type is "distilbert". */
  static boolean isDistilBert(JsonObject o) {
    JsonElement type = o.get(MODEL_TYPE);
    return type != null && type.isJsonPrimitive() && type.getAsString().equals(DISTILBERT);
  }

  /** Whether a parsed config.json said model_type "distilbert". */
  static boolean isDistilBert(Parsed parsed) {
    return ("\"" + DISTILBERT + "\"").equals(parsed.extra().get(MODEL_TYPE));
  }

  /**
   * DistilBertConfig's keys as BERT's: dim, n_layers, n_heads, hidden_dim and vocab_size required,
   * the rest with transformers' defaults; LayerNorm epsilon 1e-12 (DistilBERT's, fixed in its code);
   * a zero table of two segments (see {@link DistilBertNames}).
   */
  private static Parsed parseDistilBert(String name, JsonObject o) throws CheckpointException {
    Reader r = new Reader(name, o);
    BertConfig config;
    try {
      String activation = r.string("activation", "gelu");
      if (!activation.equals("gelu")) {
        throw new BadInputException(Message.of(ConfigJson.class, "ConfigJson.distilActivation", activation));
      }
      config = new BertConfig(r.integer("vocab_size", null), r.integer("dim", null), r.integer("n_layers", null),
          r.integer("n_heads", null), r.integer("hidden_dim", null), activation, r.number("dropout", 0.1),
          r.number("attention_dropout", 0.1), r.integer("max_position_embeddings", 512), DistilBertNames.SEGMENTS,
          r.number("initializer_range", 0.02), BertConfig.DEFAULT_LAYER_NORM_EPS, r.integer("pad_token_id", 0));
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException(name, CheckpointException.problemOf(ex), ex);
    }
    Map<String, String> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (!DISTILBERT_KEYS.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue().toString());
      }
    }
    return new Parsed(config, extra);
  }

  /**
   * DistilBERT's config.json text (as transformers' DistilBertConfig writes it): model_type
   * "distilbert", the given architectures, {@code config}'s sizes; its segments are not written.
   */
  static String toDistilBertJson(BertConfig c, List<String> architectures) {
    JsonObject o = new JsonObject();
    JsonArray arch = new JsonArray();
    architectures.forEach(arch::add);
    o.add("architectures", arch);
    o.addProperty(MODEL_TYPE, DISTILBERT);
    o.addProperty("vocab_size", c.vocabSize());
    o.addProperty("dim", c.hiddenSize());
    o.addProperty("n_layers", c.numHiddenLayers());
    o.addProperty("n_heads", c.numAttentionHeads());
    o.addProperty("hidden_dim", c.intermediateSize());
    o.addProperty("activation", c.hiddenAct());
    o.addProperty("dropout", c.hiddenDropoutProb());
    o.addProperty("attention_dropout", c.attentionProbsDropoutProb());
    o.addProperty("max_position_embeddings", c.maxPositionEmbeddings());
    o.addProperty("sinusoidal_pos_embds", false);
    o.addProperty("initializer_range", c.initializerRange());
    o.addProperty("pad_token_id", c.padTokenId());
    o.addProperty("tie_weights_", true);
    return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
  }

  /** Hugging Face config.json text: model_type "bert", the given architectures, id2label/label2id if not empty. */
  static String toJson(BertConfig c, List<String> architectures, Map<Integer, String> id2label) {
    return toJson(c, architectures, id2label, null);
  }

  /**
   * As {@link #toJson(BertConfig, List, Map)}, followed by {@code extra}'s keys (a fine-tuned head's
   * own settings); a key BertConfig or Hugging Face's labels already set is refused.
   */
  static String toJson(BertConfig c, List<String> architectures, Map<Integer, String> id2label, JsonObject extra) {
    JsonObject o = new JsonObject();
    JsonArray arch = new JsonArray();
    architectures.forEach(arch::add);
    o.add("architectures", arch);
    o.addProperty("model_type", "bert");
    o.addProperty("vocab_size", c.vocabSize());
    o.addProperty("hidden_size", c.hiddenSize());
    o.addProperty("num_hidden_layers", c.numHiddenLayers());
    o.addProperty("num_attention_heads", c.numAttentionHeads());
    o.addProperty("intermediate_size", c.intermediateSize());
    o.addProperty("hidden_act", c.hiddenAct());
    o.addProperty("hidden_dropout_prob", c.hiddenDropoutProb());
    o.addProperty("attention_probs_dropout_prob", c.attentionProbsDropoutProb());
    o.addProperty("max_position_embeddings", c.maxPositionEmbeddings());
    o.addProperty("type_vocab_size", c.typeVocabSize());
    o.addProperty("initializer_range", c.initializerRange());
    o.addProperty("layer_norm_eps", c.layerNormEps());
    o.addProperty("pad_token_id", c.padTokenId());
    if (id2label != null && !id2label.isEmpty()) {
      JsonObject ids = new JsonObject();
      JsonObject labels = new JsonObject();
      id2label.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
        ids.addProperty(String.valueOf(e.getKey()), e.getValue());
        labels.addProperty(e.getValue(), e.getKey());
      });
      o.add("id2label", ids);
      o.add("label2id", labels);
    }
    if (extra != null) {
      for (Map.Entry<String, JsonElement> e : extra.entrySet()) {
        if (o.has(e.getKey())) {
          throw new IllegalArgumentException("config.json key " + e.getKey() + " is set twice");
        }
        o.add(e.getKey(), e.getValue());
      }
    }
    return new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n";
  }

  /** Typed access to one config object, with messages naming the file and key. */
  private record Reader(String file, JsonObject o) {

    int integer(String key, Integer fallback) {
      JsonElement e = value(key);
      if (e == null) {
        return orMissing(key, fallback);
      }
      double d = numberValue(key, e);
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
        throw new BadInputException(Message.of(ConfigJson.class, "notWholeNumber", key, e));
      }
      return (int) d;
    }

    double number(String key, double fallback) {
      JsonElement e = value(key);
      return e == null ? fallback : numberValue(key, e);
    }

    String string(String key, String fallback) {
      JsonElement e = value(key);
      if (e == null) {
        return fallback;
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw new BadInputException(Message.of(ConfigJson.class, "notString", key, e));
      }
      return e.getAsString();
    }

    private JsonElement value(String key) {
      JsonElement e = o.get(key);
      return e == null || e.isJsonNull() ? null : e;
    }

    private static double numberValue(String key, JsonElement e) {
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        throw new BadInputException(Message.of(ConfigJson.class, "notNumber", key, e));
      }
      return e.getAsDouble();
    }

    private static int orMissing(String key, Integer fallback) {
      if (fallback == null) {
        throw new BadInputException(Message.of(ConfigJson.class, "missingKey", key));
      }
      return fallback;
    }
  }
}
