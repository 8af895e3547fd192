package org.bertworkbench.core.tokenize;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's Rust tokenizer (through DJL), configured as BERT's tokenizer for a given
 * vocabulary. It is built from a {@code tokenizer.json} we write ourselves and never from the
 * hub, so no network is touched.
 */
final class HuggingFaceReference {

  private static final Gson GSON = new GsonBuilder().serializeNulls().create();

  private HuggingFaceReference() {}

  /** Writes {@code tokenizer.json} for this vocabulary into {@code dir} and loads it. */
  static HuggingFaceTokenizer load(Vocab vocab, boolean lowerCase, Path dir) {
    Path file = dir.resolve("tokenizer.json");
    try {
      Files.writeString(file, GSON.toJson(tokenizerJson(vocab, lowerCase)),
          StandardCharsets.UTF_8);
      return HuggingFaceTokenizer.newInstance(file, Map.of(
          "addSpecialTokens", "true",
          "truncation", "false",
          "padding", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> tokenizerJson(Vocab vocab, boolean lowerCase) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", "1.0");
    json.put("truncation", null);
    json.put("padding", null);
    json.put("added_tokens", addedTokens(vocab));
    json.put("normalizer", Map.of(
        "type", "BertNormalizer",
        "clean_text", true,
        "handle_chinese_chars", true,
        "strip_accents", lowerCase,
        "lowercase", lowerCase));
    json.put("pre_tokenizer", Map.of("type", "BertPreTokenizer"));
    json.put("post_processor", postProcessor(vocab));
    json.put("decoder", Map.of("type", "WordPiece", "prefix", "##", "cleanup", true));
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (int id = 0; id < vocab.size(); id++) {
      ids.put(vocab.token(id), id);
    }
    json.put("model", Map.of(
        "type", "WordPiece",
        "unk_token", Vocab.UNK,
        "continuing_subword_prefix", "##",
        "max_input_chars_per_word", WordPiece.MAX_CHARS_PER_WORD,
        "vocab", ids));
    return json;
  }

  private static List<Map<String, Object>> addedTokens(Vocab vocab) {
    List<Map<String, Object>> tokens = new ArrayList<>();
    for (String token : Vocab.SPECIAL_TOKENS) {
      tokens.add(Map.of(
          "id", vocab.id(token),
          "content", token,
          "single_word", false,
          "lstrip", false,
          "rstrip", false,
          "normalized", false,
          "special", true));
    }
    return tokens;
  }

  private static Map<String, Object> postProcessor(Vocab vocab) {
    Map<String, Object> special = Map.of(
        Vocab.CLS, Map.of("id", Vocab.CLS, "ids", List.of(vocab.clsId()), "tokens",
            List.of(Vocab.CLS)),
        Vocab.SEP, Map.of("id", Vocab.SEP, "ids", List.of(vocab.sepId()), "tokens",
            List.of(Vocab.SEP)));
    return Map.of(
        "type", "TemplateProcessing",
        "single", List.of(token(Vocab.CLS, 0), sequence("A", 0), token(Vocab.SEP, 0)),
        "pair", List.of(token(Vocab.CLS, 0), sequence("A", 0), token(Vocab.SEP, 0),
            sequence("B", 1), token(Vocab.SEP, 1)),
        "special_tokens", special);
  }

  private static Map<String, Object> token(String id, int typeId) {
    return Map.of("SpecialToken", Map.of("id", id, "type_id", typeId));
  }

  private static Map<String, Object> sequence(String id, int typeId) {
    return Map.of("Sequence", Map.of("id", id, "type_id", typeId));
  }
}
