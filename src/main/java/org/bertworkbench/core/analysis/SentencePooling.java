package org.bertworkbench.core.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.load.LoadedBert;

/**
 * How a model turns its last hidden states into one sentence vector, as the model says: a
 * sentence-transformers folder's {@code modules.json} (a Transformer, then a Pooling module whose
 * {@code config.json} chooses the mode, then an optional Normalize) and {@code
 * sentence_bert_config.json}'s {@code max_seq_length}; else what the catalog knows of a named model
 * (all-MiniLM-L6-v2: mean + L2, 256 pieces; bge-small-zh-v1.5: [CLS] + L2, 512); else the mean over
 * the attention mask, not normalised, up to the model's position limit.
 *
 * @param mode how the token vectors are pooled
 * @param normalize whether the pooled vector is divided by its L2 norm (sentence-transformers' Normalize)
 * @param maxSeqLength the longest input in word pieces, [CLS] and [SEP] included; 0 when the model
 *     gives none (then its position limit holds)
 * @param source where the pooling comes from: {@link #FROM_MODULES}, {@link #FROM_CATALOG},
 *     {@link #FROM_DEFAULT} or {@link #FROM_OPTION}
 */
public record SentencePooling(Mode mode, boolean normalize, int maxSeqLength, String source) {

  /** Read from the folder's modules.json. */
  public static final String FROM_MODULES = "modules.json";
  /** Known for the model's name (ModelCatalog.sentenceModel). */
  public static final String FROM_CATALOG = "catalog";
  /** Nothing said: mean over the mask, not normalised. */
  public static final String FROM_DEFAULT = "default";
  /** Chosen by the user (--pooling). */
  public static final String FROM_OPTION = "option";

  /** The largest modules.json or module config.json read (these are a few hundred bytes). */
  static final long MAX_CONFIG_BYTES = 1 << 20;

  static final String MODULES = "modules.json";
  static final String SENTENCE_CONFIG = "sentence_bert_config.json";
  private static final String TYPE_PREFIX = "sentence_transformers.models.";

  /** The pooling modes the workbench makes. */
  public enum Mode {
    /** The mean of the token vectors where the attention mask is 1 ([CLS] and [SEP] included). */
    MEAN,
    /** The vector of the first token, [CLS]. */
    CLS,
    /** The largest value of each dimension over the tokens where the mask is 1. */
    MAX;

    /** "mean", "cls", "max", as the command line and JSON say it. */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code name} (mean, cls or max, any case). */
    public static Mode parse(String name) {
      for (Mode m : values()) {
        if (m.cliName().equalsIgnoreCase(name.trim())) {
          return m;
        }
      }
      throw new BadInputException(Message.of(SentencePooling.class, "SentencePooling.unknownMode", name));
    }
  }

  /** Checks the values. */
  public SentencePooling {
    if (mode == null || source == null || maxSeqLength < 0) {
      throw new IllegalArgumentException("pooling needs a mode, a source and a limit of 0 or more");
    }
  }

  /** The same with another mode (normalisation and limit as the model says). */
  public SentencePooling withMode(Mode other) {
    return new SentencePooling(other, normalize, maxSeqLength, FROM_OPTION);
  }

  /**
   * The --max-length a command was given, checked against the model's position limit (at least 3:
   * [CLS], one piece, [SEP]), or this pooling's {@link #limit(LoadedBert)} when none was given.
   *
   * @throws BadInputException when the given length is outside 3 to the position limit
   */
  public int limit(LoadedBert model, Integer requested) {
    if (requested == null) {
      return limit(model);
    }
    int positions = model.model().config().maxPositionEmbeddings();
    if (requested < 3 || requested > positions) {
      throw new BadInputException(Message.of(SentencePooling.class, "SentencePooling.maxLengthOption", requested,
          positions));
    }
    return requested;
  }

  /** The longest input for {@code model}: {@link #maxSeqLength} if given, never more than its positions. */
  public int limit(LoadedBert model) {
    int positions = model.model().config().maxPositionEmbeddings();
    return maxSeqLength > 0 ? Math.min(maxSeqLength, positions) : positions;
  }

  /**
   * The pooling {@code model} says: its folder's modules.json, else the catalog's for its name, else
   * the default.
   *
   * @throws BadInputException when modules.json or a module's config cannot be read or asks for
   *     what the workbench does not make (a Dense layer, several pooling modes at once, ...)
   */
  public static SentencePooling of(LoadedBert model) {
    Path at = model.location();
    if (at != null && Files.isRegularFile(at.resolve(MODULES))) {
      return fromModules(at, model.model().config().hiddenSize());
    }
    Optional<ModelCatalog.SentenceModel> known = ModelCatalog.sentenceModel(model.name());
    if (known.isPresent()) {
      ModelCatalog.SentenceModel s = known.get();
      return new SentencePooling(Mode.parse(s.pooling()), s.normalize(), s.maxSeqLength(), FROM_CATALOG);
    }
    return new SentencePooling(Mode.MEAN, false, 0, FROM_DEFAULT);
  }

  /**
   * Reads a sentence-transformers folder: {@code modules.json}, the Pooling module's {@code
   * config.json} and the Transformer module's {@code sentence_bert_config.json} (optional).
   *
   * @param hidden the model's hidden size, which the Pooling module's word_embedding_dimension must equal
   */
  public static SentencePooling fromModules(Path folder, int hidden) {
    Path modulesFile = folder.resolve(MODULES);
    JsonArray modules = json(modulesFile).filter(JsonElement::isJsonArray).map(JsonElement::getAsJsonArray)
        .orElseThrow(() -> refuse("SentencePooling.notAList", modulesFile));
    Mode mode = null;
    boolean normalize = false;
    int maxSeq = 0;
    List<String> seen = new ArrayList<>();
    for (JsonElement e : modules) {
      String type = field(e, "type");
      String path = field(e, "path");
      if (type == null || path == null || Path.of(path).isAbsolute() || path.contains("..")) {
        throw refuse("SentencePooling.badModule", modulesFile, e);
      }
      String kind = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
      seen.add(kind);
      switch (kind) {
        case "Transformer" -> maxSeq = maxSeqLength(folder.resolve(path).resolve(SENTENCE_CONFIG));
        case "Pooling" -> mode = poolingMode(folder.resolve(path).resolve("config.json"), hidden);
        case "Normalize" -> normalize = true;
        default -> throw refuse("SentencePooling.unknownModule", modulesFile, type);
      }
    }
    if (mode == null) {
      throw refuse("SentencePooling.noPooling", modulesFile, String.join(", ", seen));
    }
    return new SentencePooling(mode, normalize, maxSeq, FROM_MODULES);
  }

  /** The one pooling mode a Pooling module's config.json turns on. */
  private static Mode poolingMode(Path config, int hidden) {
    JsonObject o = object(config);
    JsonElement dim = o.get("word_embedding_dimension");
    if (dim != null && !(dim.isJsonPrimitive() && dim.getAsJsonPrimitive().isNumber() && dim.getAsInt() == hidden)) {
      throw refuse("SentencePooling.dimension", config, dim, hidden);
    }
    List<String> on = new ArrayList<>();
    for (String key : o.keySet()) {
      JsonElement v = o.get(key);
      if (key.startsWith("pooling_mode_") && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()
          && v.getAsBoolean()) {
        on.add(key);
      }
    }
    if (on.size() == 1) {
      switch (on.get(0)) {
        case "pooling_mode_mean_tokens":
          return Mode.MEAN;
        case "pooling_mode_cls_token":
          return Mode.CLS;
        case "pooling_mode_max_tokens":
          return Mode.MAX;
        default:
          break;
      }
    }
    throw refuse("SentencePooling.modes", config, on.isEmpty() ? "none" : String.join(", ", on));
  }

  /** sentence_bert_config.json's max_seq_length; 0 when the file or the field is not there. */
  private static int maxSeqLength(Path config) {
    if (!Files.isRegularFile(config)) {
      return 0;
    }
    JsonElement v = object(config).get("max_seq_length");
    if (v == null || v.isJsonNull()) {
      return 0;
    }
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || v.getAsDouble() < 3
        || v.getAsDouble() != Math.rint(v.getAsDouble()) || v.getAsDouble() > Integer.MAX_VALUE) {
      throw refuse("SentencePooling.maxSeqLength", config, v);
    }
    return v.getAsInt();
  }

  private static JsonObject object(Path file) {
    return json(file).filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject)
        .orElseThrow(() -> refuse("SentencePooling.notAnObject", file));
  }

  /** The file as JSON; empty when it is not JSON. Refuses a missing, unreadable or oversized file. */
  private static Optional<JsonElement> json(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw refuse("SentencePooling.missing", file);
      }
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw refuse("SentencePooling.tooLarge", file, Files.size(file), MAX_CONFIG_BYTES);
      }
      return Optional.of(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new BadInputException(Message.of(SentencePooling.class, "SentencePooling.cannotRead", file,
          Message.verbatim(e.getMessage())), e);
    } catch (com.google.gson.JsonParseException e) {
      return Optional.empty();
    }
  }

  private static String field(JsonElement e, String name) {
    if (!e.isJsonObject()) {
      return null;
    }
    JsonElement v = e.getAsJsonObject().get(name);
    return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : null;
  }

  private static BadInputException refuse(String key, Object... args) {
    return new BadInputException(Message.of(SentencePooling.class, key, args));
  }
}
