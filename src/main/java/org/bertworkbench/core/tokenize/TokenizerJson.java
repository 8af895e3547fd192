package org.bertworkbench.core.tokenize;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;

/**
 * A BERT-style tokenizer read from Hugging Face's {@code tokenizer.json} (the file of the
 * {@code tokenizers} library): a WordPiece model ({@code vocab}, {@code unk_token}, {@code
 * continuing_subword_prefix}, {@code max_input_chars_per_word}), a BertNormalizer ({@code
 * clean_text}, {@code handle_chinese_chars}, {@code strip_accents} (null: as {@code lowercase}),
 * {@code lowercase}) or none, the BertPreTokenizer, a TemplateProcessing or BertProcessing
 * post-processor (its special tokens and type ids), the {@code added_tokens} (kept whole, never
 * split) and the {@code truncation} and {@code padding} blocks, which are read and reported: the
 * caller asks for its own maximum length and padding, as with every model.
 *
 * <p>Anything else (a BPE, Unigram or WordLevel model, a Metaspace or ByteLevel pre-tokenizer,
 * another normalizer, a RobertaProcessing post-processor, an added token matched after
 * normalisation or with lstrip / rstrip / single_word) is refused with a one-line {@link
 * TokenizerJsonException}, as is a file over {@value #MAX_BYTES} bytes.
 *
 * @param vocab the model's vocabulary, id order
 * @param options the settings our {@link BertTokenizer} follows
 * @param truncation the file's truncation block, or null when it has none
 * @param padding the file's padding block, or null when it has none
 * @param notes what the file says, in English, one sentence each: the steps read and how the
 *     truncation and padding blocks are treated
 */
public record TokenizerJson(
    Vocab vocab, TokenizerOptions options, FileTruncation truncation, FilePadding padding,
    List<String> notes) {

  /** The largest file read: 64 MiB, ten times a multilingual BERT's. */
  public static final long MAX_BYTES = 64L << 20;

  private static final Gson GSON = new Gson();
  /** What a field should have been, for a refusal. */
  private static final Message EXPECT_LIST =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.list");
  private static final Message EXPECT_OBJECT =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.object");
  private static final Message EXPECT_STRING =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.string");
  private static final Message EXPECT_BOOL =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.bool");
  private static final Message EXPECT_TOKEN_ID =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.tokenId");
  private static final Message EXPECT_ONE_TOKEN =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.oneToken");
  private static final Message EXPECT_SEQUENCE =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.sequence");
  private static final Message EXPECT_TEMPLATE_ITEM =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.templateItem");
  private static final Message EXPECT_PAD_STRATEGY =
      Message.of(TokenizerJson.class, "TokenizerJson.expect.padStrategy");

  /**
   * The file's {@code truncation} block.
   *
   * @param maxLength {@code max_length}
   * @param strategy {@code strategy}: LongestFirst, OnlyFirst or OnlySecond
   * @param direction {@code direction}: Right or Left
   * @param stride {@code stride}
   */
  public record FileTruncation(int maxLength, String strategy, String direction, int stride) {}

  /**
   * The file's {@code padding} block.
   *
   * @param fixedLength the length of a {@code Fixed} strategy, or 0 for {@code BatchLongest}
   * @param direction {@code direction}
   * @param padToMultipleOf {@code pad_to_multiple_of}, or 0 when null
   * @param padId {@code pad_id}
   * @param padTypeId {@code pad_type_id}
   * @param padToken {@code pad_token}
   */
  public record FilePadding(int fixedLength, String direction, int padToMultipleOf, int padId, int padTypeId,
      String padToken) {}

  /** Copies the notes. */
  public TokenizerJson {
    notes = List.copyOf(notes);
  }

  /** Our tokenizer with the file's vocabulary and options. */
  public BertTokenizer tokenizer() {
    return new BertTokenizer(vocab, options);
  }

  /**
   * Reads a tokenizer.json.
   *
   * @throws TokenizerJsonException if it cannot be read, is too big, is not JSON, or is not a
   *     BERT-style tokenizer
   */
  public static TokenizerJson read(Path file) {
    String source = String.valueOf(file.getFileName());
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.tooBig", size,
            MAX_BYTES));
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.cannotRead",
          Message.verbatim(String.valueOf(e))), e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.tooBig",
          bytes.length, MAX_BYTES));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.notUtf8"), e);
    }
    return parse(text, source);
  }

  /**
   * Reads the text of a tokenizer.json.
   *
   * @param source the name that starts error messages, such as the file's name
   * @throws TokenizerJsonException as {@link #read}
   */
  public static TokenizerJson parse(String text, String source) {
    if (text.length() > MAX_BYTES) {
      throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.tooBig",
          text.length(), MAX_BYTES));
    }
    return new Reader(source).read(json(text, source));
  }

  private static JsonObject json(String text, String source) {
    JsonElement e;
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      e = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.trailing"));
      }
    } catch (IOException | RuntimeException ex) {
      if (ex instanceof TokenizerJsonException t) {
        throw t;
      }
      throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.notJson",
          Message.verbatim(String.valueOf(ex.getMessage()))), ex);
    }
    if (e == null || !e.isJsonObject()) {
      throw new TokenizerJsonException(source, Message.of(TokenizerJson.class, "TokenizerJson.notObject"));
    }
    return e.getAsJsonObject();
  }

  /** The reading of one file; {@code source} names it in every refusal. */
  private static final class Reader {

    private final String source;
    private final List<String> notes = new ArrayList<>();

    Reader(String source) {
      this.source = source;
    }

    TokenizerJson read(JsonObject root) {
      JsonObject model = object(root, "model", false);
      String kind = string(model, "type", "model.type", "WordPiece");
      if (!kind.equals("WordPiece")) {
        throw refuse("TokenizerJson.notWordPiece", kind);
      }
      Vocab vocab = vocab(object(model, "vocab", true));
      String unk = string(model, "unk_token", "model.unk_token", Vocab.UNK);
      String prefix = string(model, "continuing_subword_prefix", "model.continuing_subword_prefix",
          WordPiece.CONTINUATION);
      int maxChars = integer(model, "max_input_chars_per_word", "model.max_input_chars_per_word",
          WordPiece.MAX_CHARS_PER_WORD, 1);
      requireToken(vocab, "model.unk_token", unk);

      boolean[] norm = normalizer(root.get("normalizer"));
      preTokenizer(root.get("pre_tokenizer"));
      List<String> neverSplit = addedTokens(root.get("added_tokens"), vocab);
      List<List<TokenizerOptions.TemplateItem>> templates = postProcessor(root.get("post_processor"), vocab);
      TokenizerOptions options = new TokenizerOptions(norm[0], norm[1], norm[2], norm[3], unk, prefix, maxChars,
          neverSplit, templates.get(0), templates.get(1), TokenizerOptions.Truncation.LONGEST_FIRST);
      notes.add(0, "tokenizer.json: WordPiece with " + vocab.size() + " tokens (unknown " + unk + ", prefix "
          + prefix + ", words over " + maxChars + " characters unknown); BertNormalizer: "
          + options.describeNormalizer() + "; " + neverSplit.size() + " added tokens kept whole");
      FileTruncation truncation = truncation(root.get("truncation"));
      FilePadding padding = padding(root.get("padding"));
      return new TokenizerJson(vocab, options, truncation, padding, notes);
    }

    /** model.vocab: token to id, the ids 0 to n - 1 each once. */
    private Vocab vocab(JsonObject v) {
      String[] byId = new String[v.size()];
      for (Map.Entry<String, JsonElement> e : v.entrySet()) {
        JsonElement id = e.getValue();
        double d = id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber() ? id.getAsDouble() : -1;
        if (d < 0 || d >= byId.length || d != Math.rint(d) || byId[(int) d] != null) {
          throw refuse("TokenizerJson.badId", e.getKey(), id, byId.length, byId.length - 1);
        }
        byId[(int) d] = e.getKey();
      }
      try {
        return Vocab.of(Arrays.asList(byId));
      } catch (VocabException e) {
        throw new TokenizerJsonException(source, Message.verbatim(e.getMessage()), e);
      }
    }

    /** clean_text, handle_chinese_chars, strip_accents, lowercase; all off without a normalizer. */
    private boolean[] normalizer(JsonElement element) {
      if (element == null || element.isJsonNull()) {
        notes.add("the file has no normalizer: the text is not cleaned, spaced, lower-cased or stripped");
        return new boolean[4];
      }
      JsonObject n = asObject(element, "normalizer");
      String type = string(n, "type", "normalizer.type", "");
      if (!type.equals("BertNormalizer")) {
        throw refuse("TokenizerJson.normalizer", type);
      }
      boolean lowercase = bool(n, "lowercase", "normalizer.lowercase", true, true);
      return new boolean[] {
          bool(n, "clean_text", "normalizer.clean_text", true, false),
          bool(n, "handle_chinese_chars", "normalizer.handle_chinese_chars", true, false),
          bool(n, "strip_accents", "normalizer.strip_accents", lowercase, true),
          lowercase};
    }

    private void preTokenizer(JsonElement element) {
      String type = element == null || element.isJsonNull() ? "none"
          : string(asObject(element, "pre_tokenizer"), "type", "pre_tokenizer.type", "");
      if (!type.equals("BertPreTokenizer")) {
        throw refuse("TokenizerJson.preTokenizer", type);
      }
    }

    /** The added tokens, each in the vocabulary under its own id, matched before normalisation. */
    private List<String> addedTokens(JsonElement element, Vocab vocab) {
      List<String> tokens = new ArrayList<>();
      if (element == null || element.isJsonNull()) {
        return tokens;
      }
      if (!element.isJsonArray()) {
        throw refuse("TokenizerJson.badField", "added_tokens", shortJson(element), EXPECT_LIST);
      }
      for (JsonElement e : element.getAsJsonArray()) {
        JsonObject t = asObject(e, "added_tokens[]");
        String content = string(t, "content", "added_tokens[].content", null);
        int id = integer(t, "id", "added_tokens[].id", -1, 0);
        for (String flag : List.of("single_word", "lstrip", "rstrip", "normalized")) {
          if (bool(t, flag, "added_tokens[]." + flag, false, false)) {
            throw refuse("TokenizerJson.addedToken", content, flag);
          }
        }
        if (vocab.id(content) != id) {
          throw refuse("TokenizerJson.addedId", content, id, vocab.id(content));
        }
        if (!content.isEmpty() && !tokens.contains(content)) {
          tokens.add(content);
        }
      }
      return tokens;
    }

    /** The single and pair templates. */
    private List<List<TokenizerOptions.TemplateItem>> postProcessor(JsonElement element, Vocab vocab) {
      if (element == null || element.isJsonNull()) {
        notes.add("the file has no post-processor: no special tokens are added");
        return List.of(List.of(TokenizerOptions.TemplateItem.sentence(0, 0)),
            List.of(TokenizerOptions.TemplateItem.sentence(0, 0), TokenizerOptions.TemplateItem.sentence(1, 1)));
      }
      JsonObject p = asObject(element, "post_processor");
      String type = string(p, "type", "post_processor.type", "");
      List<List<TokenizerOptions.TemplateItem>> templates;
      if (type.equals("BertProcessing")) {
        String cls = specialPair(p, "cls", vocab);
        String sep = specialPair(p, "sep", vocab);
        templates = List.of(
            List.of(TokenizerOptions.TemplateItem.special(cls, 0), TokenizerOptions.TemplateItem.sentence(0, 0),
                TokenizerOptions.TemplateItem.special(sep, 0)),
            List.of(TokenizerOptions.TemplateItem.special(cls, 0), TokenizerOptions.TemplateItem.sentence(0, 0),
                TokenizerOptions.TemplateItem.special(sep, 0), TokenizerOptions.TemplateItem.sentence(1, 1),
                TokenizerOptions.TemplateItem.special(sep, 1)));
      } else if (type.equals("TemplateProcessing")) {
        Map<String, String> specials = templateSpecials(object(p, "special_tokens", true), vocab);
        templates = List.of(template(p, "single", specials), template(p, "pair", specials));
      } else {
        throw refuse("TokenizerJson.postProcessor", type);
      }
      if (!templates.get(0).stream().filter(t -> !t.isSpecial()).map(t -> t.sequence()).toList().equals(List.of(0))
          || !templates.get(1).stream().filter(t -> !t.isSpecial()).map(t -> t.sequence()).toList()
              .equals(List.of(0, 1))) {
        throw refuse("TokenizerJson.template", templates.get(0), templates.get(1));
      }
      notes.add(type + ": " + describe(templates.get(0)) + " / " + describe(templates.get(1)));
      return templates;
    }

    /** BertProcessing's {@code "cls": ["[CLS]", 101]}: the token, checked against the vocabulary. */
    private String specialPair(JsonObject p, String key, Vocab vocab) {
      JsonElement e = p.get(key);
      JsonArray a = e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
      if (a == null || a.size() != 2 || !isString(a.get(0)) || !isWhole(a.get(1))) {
        throw refuse("TokenizerJson.badField", "post_processor." + key, shortJson(e), EXPECT_TOKEN_ID);
      }
      return checkedSpecial(a.get(0).getAsString(), a.get(1).getAsInt(), vocab);
    }

    /** TemplateProcessing's special_tokens: name to its one token (one id each). */
    private Map<String, String> templateSpecials(JsonObject specials, Vocab vocab) {
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : specials.entrySet()) {
        JsonObject s = asObject(e.getValue(), "post_processor.special_tokens." + e.getKey());
        JsonElement ids = s.get("ids");
        JsonElement tokens = s.get("tokens");
        if (ids == null || !ids.isJsonArray() || ids.getAsJsonArray().size() != 1 || !isWhole(ids.getAsJsonArray()
            .get(0)) || tokens == null || !tokens.isJsonArray() || tokens.getAsJsonArray().size() != 1
            || !isString(tokens.getAsJsonArray().get(0))) {
          throw refuse("TokenizerJson.badField", "post_processor.special_tokens." + e.getKey(),
              shortJson(e.getValue()), EXPECT_ONE_TOKEN);
        }
        out.put(e.getKey(), checkedSpecial(tokens.getAsJsonArray().get(0).getAsString(),
            ids.getAsJsonArray().get(0).getAsInt(), vocab));
      }
      return out;
    }

    private String checkedSpecial(String token, int id, Vocab vocab) {
      if (vocab.id(token) != id) {
        throw refuse("TokenizerJson.templateToken", token, id, vocab.id(token));
      }
      return token;
    }

    /** One template: {"SpecialToken": {"id", "type_id"}} and {"Sequence": {"id": "A"/"B", "type_id"}}. */
    private List<TokenizerOptions.TemplateItem> template(JsonObject p, String key, Map<String, String> specials) {
      JsonElement e = p.get(key);
      if (e == null || !e.isJsonArray()) {
        throw refuse("TokenizerJson.badField", "post_processor." + key, shortJson(e), EXPECT_LIST);
      }
      List<TokenizerOptions.TemplateItem> items = new ArrayList<>();
      for (JsonElement piece : e.getAsJsonArray()) {
        JsonObject o = asObject(piece, "post_processor." + key + "[]");
        String where = "post_processor." + key + "[]";
        if (o.has("SpecialToken")) {
          JsonObject s = asObject(o.get("SpecialToken"), where + ".SpecialToken");
          String name = string(s, "id", where + ".SpecialToken.id", null);
          String token = specials.get(name);
          if (token == null) {
            throw refuse("TokenizerJson.unknownSpecial", name);
          }
          items.add(TokenizerOptions.TemplateItem.special(token, integer(s, "type_id", where, 0, 0)));
        } else if (o.has("Sequence")) {
          JsonObject s = asObject(o.get("Sequence"), where + ".Sequence");
          String id = string(s, "id", where + ".Sequence.id", null);
          if (!id.equals("A") && !id.equals("B")) {
            throw refuse("TokenizerJson.badField", where + ".Sequence.id", shortJson(s.get("id")), EXPECT_SEQUENCE);
          }
          items.add(TokenizerOptions.TemplateItem.sentence(id.equals("A") ? 0 : 1,
              integer(s, "type_id", where, 0, 0)));
        } else {
          throw refuse("TokenizerJson.badField", where, shortJson(o), EXPECT_TEMPLATE_ITEM);
        }
      }
      return items;
    }

    private FileTruncation truncation(JsonElement element) {
      if (element == null || element.isJsonNull()) {
        return null;
      }
      JsonObject t = asObject(element, "truncation");
      FileTruncation out = new FileTruncation(integer(t, "max_length", "truncation.max_length", 0, 0),
          string(t, "strategy", "truncation.strategy", "LongestFirst"),
          string(t, "direction", "truncation.direction", "Right"),
          integer(t, "stride", "truncation.stride", 0, 0));
      notes.add("the file truncates to " + out.maxLength() + " tokens (" + out.strategy() + ", " + out.direction()
          + ", stride " + out.stride() + "); Workbench cuts to the length each view asks for, longest first"
          + " from the right, as Hugging Face's LongestFirst does");
      return out;
    }

    private FilePadding padding(JsonElement element) {
      if (element == null || element.isJsonNull()) {
        return null;
      }
      JsonObject p = asObject(element, "padding");
      JsonElement strategy = p.get("strategy");
      int fixed = 0;
      if (strategy != null && strategy.isJsonObject() && strategy.getAsJsonObject().has("Fixed")) {
        fixed = integer(strategy.getAsJsonObject(), "Fixed", "padding.strategy.Fixed", 0, 1);
      } else if (strategy != null && !(isString(strategy) && strategy.getAsString().equals("BatchLongest"))) {
        throw refuse("TokenizerJson.badField", "padding.strategy", shortJson(strategy), EXPECT_PAD_STRATEGY);
      }
      FilePadding out = new FilePadding(fixed, string(p, "direction", "padding.direction", "Right"),
          integer(p, "pad_to_multiple_of", "padding.pad_to_multiple_of", 0, 0),
          integer(p, "pad_id", "padding.pad_id", 0, 0), integer(p, "pad_type_id", "padding.pad_type_id", 0, 0),
          string(p, "pad_token", "padding.pad_token", Vocab.PAD));
      notes.add("the file pads " + (fixed > 0 ? "to " + fixed + " tokens" : "to the longest of a batch") + " with "
          + out.padToken() + " (id " + out.padId() + "); Workbench pads with " + Vocab.PAD + " only where a view"
          + " asks for it");
      return out;
    }

    private void requireToken(Vocab vocab, String what, String token) {
      if (!vocab.contains(token)) {
        throw refuse("TokenizerJson.missingToken", what, token);
      }
    }

    private JsonObject object(JsonObject parent, String key, boolean nested) {
      JsonElement e = parent.get(key);
      if (e == null || e.isJsonNull()) {
        throw refuse(nested ? "TokenizerJson.noVocab" : "TokenizerJson.noModel");
      }
      return asObject(e, key);
    }

    private JsonObject asObject(JsonElement e, String what) {
      if (e == null || !e.isJsonObject()) {
        throw refuse("TokenizerJson.badField", what, shortJson(e), EXPECT_OBJECT);
      }
      return e.getAsJsonObject();
    }

    private String string(JsonObject o, String key, String what, String absent) {
      JsonElement e = o.get(key);
      if ((e == null || e.isJsonNull()) && absent != null) {
        return absent;
      }
      if (!isString(e)) {
        throw refuse("TokenizerJson.badField", what, shortJson(e), EXPECT_STRING);
      }
      return e.getAsString();
    }

    private boolean bool(JsonObject o, String key, String what, boolean absent, boolean nullable) {
      JsonElement e = o.get(key);
      if (e == null || nullable && e.isJsonNull()) {
        return absent;
      }
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
        throw refuse("TokenizerJson.badField", what, shortJson(e), EXPECT_BOOL);
      }
      return e.getAsBoolean();
    }

    /** A whole number at least {@code min}; {@code absent} when missing or null (if not negative). */
    private int integer(JsonObject o, String key, String what, int absent, int min) {
      JsonElement e = o.get(key);
      if ((e == null || e.isJsonNull()) && absent >= 0) {
        return absent;
      }
      if (!isWhole(e) || e.getAsDouble() < min) {
        throw refuse("TokenizerJson.badField", what, shortJson(e),
            Message.of(TokenizerJson.class, "TokenizerJson.expect.whole", min));
      }
      return e.getAsInt();
    }

    private TokenizerJsonException refuse(String key, Object... args) {
      return new TokenizerJsonException(source, Message.of(TokenizerJson.class, key, args));
    }
  }

  private static boolean isString(JsonElement e) {
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  private static boolean isWhole(JsonElement e) {
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      return false;
    }
    double d = e.getAsDouble();
    return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
  }

  /** A value as JSON, cut to 60 characters, for a message. */
  private static String shortJson(JsonElement e) {
    String text = e == null ? "missing" : e instanceof JsonPrimitive || e.isJsonNull() ? e.toString()
        : e.isJsonArray() ? "[...]" : "{...}";
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  private static String describe(List<TokenizerOptions.TemplateItem> template) {
    return String.join(" ", template.stream().map(TokenizerOptions.TemplateItem::toString).toList());
  }
}
