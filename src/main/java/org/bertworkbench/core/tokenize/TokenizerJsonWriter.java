package org.bertworkbench.core.tokenize;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes our BERT tokenizer as Hugging Face's {@code tokenizer.json} (the {@code tokenizers}
 * library's file, version 1.0), the counterpart of {@link TokenizerJson}: a BertNormalizer with our
 * options, the BertPreTokenizer, a WordPiece model with the whole vocabulary, a TemplateProcessing
 * post-processor with our single and pair templates, a WordPiece decoder, and the tokens kept
 * whole as special added tokens. No truncation or padding block: the caller of the file chooses.
 */
public final class TokenizerJsonWriter {

  private TokenizerJsonWriter() {
  }

  /** The file's text. */
  public static String toJson(BertTokenizer tokenizer) {
    TokenizerOptions o = tokenizer.options();
    Vocab vocab = tokenizer.vocab();
    JsonObject root = new JsonObject();
    root.addProperty("version", "1.0");
    root.add("truncation", JsonNull.INSTANCE);
    root.add("padding", JsonNull.INSTANCE);
    JsonArray added = new JsonArray();
    for (String token : o.neverSplit()) {
      if (vocab.contains(token)) {
        JsonObject a = new JsonObject();
        a.addProperty("id", vocab.id(token));
        a.addProperty("content", token);
        a.addProperty("single_word", false);
        a.addProperty("lstrip", false);
        a.addProperty("rstrip", false);
        a.addProperty("normalized", false);
        a.addProperty("special", true);
        added.add(a);
      }
    }
    root.add("added_tokens", added);
    JsonObject normalizer = new JsonObject();
    normalizer.addProperty("type", "BertNormalizer");
    normalizer.addProperty("clean_text", o.cleanText());
    normalizer.addProperty("handle_chinese_chars", o.handleChineseChars());
    normalizer.addProperty("strip_accents", o.stripAccents());
    normalizer.addProperty("lowercase", o.lowercase());
    root.add("normalizer", normalizer);
    JsonObject pre = new JsonObject();
    pre.addProperty("type", "BertPreTokenizer");
    root.add("pre_tokenizer", pre);
    root.add("post_processor", postProcessor(o, vocab));
    JsonObject decoder = new JsonObject();
    decoder.addProperty("type", "WordPiece");
    decoder.addProperty("prefix", o.continuingPrefix());
    decoder.addProperty("cleanup", true);
    root.add("decoder", decoder);
    JsonObject model = new JsonObject();
    model.addProperty("type", "WordPiece");
    model.addProperty("unk_token", o.unkToken());
    model.addProperty("continuing_subword_prefix", o.continuingPrefix());
    model.addProperty("max_input_chars_per_word", o.maxInputCharsPerWord());
    JsonObject ids = new JsonObject();
    List<String> tokens = vocab.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      ids.addProperty(tokens.get(i), i);
    }
    model.add("vocab", ids);
    root.add("model", model);
    return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(root) + "\n";
  }

  /** Writes {@link #toJson} to {@code file}, UTF-8. */
  public static void write(Path file, BertTokenizer tokenizer) throws IOException {
    Files.writeString(file, toJson(tokenizer), StandardCharsets.UTF_8);
  }

  private static JsonObject postProcessor(TokenizerOptions o, Vocab vocab) {
    JsonObject p = new JsonObject();
    p.addProperty("type", "TemplateProcessing");
    p.add("single", template(o.single()));
    p.add("pair", template(o.pair()));
    Set<String> specials = new LinkedHashSet<>();
    for (TokenizerOptions.TemplateItem item : o.pair()) {
      if (item.isSpecial()) {
        specials.add(item.token());
      }
    }
    for (TokenizerOptions.TemplateItem item : o.single()) {
      if (item.isSpecial()) {
        specials.add(item.token());
      }
    }
    JsonObject special = new JsonObject();
    for (String token : specials) {
      JsonObject s = new JsonObject();
      s.addProperty("id", token);
      JsonArray idArray = new JsonArray();
      idArray.add(vocab.id(token));
      s.add("ids", idArray);
      JsonArray tokenArray = new JsonArray();
      tokenArray.add(token);
      s.add("tokens", tokenArray);
      special.add(token, s);
    }
    p.add("special_tokens", special);
    return p;
  }

  private static JsonArray template(List<TokenizerOptions.TemplateItem> items) {
    JsonArray a = new JsonArray();
    for (TokenizerOptions.TemplateItem item : items) {
      JsonObject inner = new JsonObject();
      inner.addProperty("id", item.isSpecial() ? item.token() : item.sequence() == 0 ? "A" : "B");
      inner.addProperty("type_id", item.typeId());
      JsonObject outer = new JsonObject();
      outer.add(item.isSpecial() ? "SpecialToken" : "Sequence", inner);
      a.add(outer);
    }
    return a;
  }
}
