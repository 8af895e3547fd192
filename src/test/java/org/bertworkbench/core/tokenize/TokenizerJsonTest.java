package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TokenizerJson} on small hand-made files: what it reads (BertProcessing, no normalizer, the
 * truncation and padding blocks), how the trace shows the file's switches, and a one-line refusal,
 * in English and Japanese, for every file that is not a BERT-style tokenizer.
 */
class TokenizerJsonTest {

  @TempDir
  Path dir;

  /** A tiny BERT tokenizer.json, as Hugging Face's BertTokenizerFast saves one. */
  static JsonObject tiny() {
    JsonObject vocab = new JsonObject();
    List<String> tokens = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "cafe", "café", "Cafe", "Café",
        "un", "##want", "##ed", ",", "run", "##ning", "我", "爱", "<unk>", "@@ed", "##@@");
    for (int i = 0; i < tokens.size(); i++) {
      vocab.addProperty(tokens.get(i), i);
    }
    JsonObject root = JsonParser.parseString("""
        {"version": "1.0", "truncation": null, "padding": null,
         "added_tokens": [
           {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false,
            "normalized": false, "special": true},
           {"id": 4, "content": "[MASK]", "single_word": false, "lstrip": false, "rstrip": false,
            "normalized": false, "special": true}],
         "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                        "strip_accents": null, "lowercase": true},
         "pre_tokenizer": {"type": "BertPreTokenizer"},
         "post_processor": {"type": "TemplateProcessing",
           "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                      {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
           "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                    {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                    {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
           "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                              "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
         "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
         "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                   "max_input_chars_per_word": 100}}
        """).getAsJsonObject();
    root.getAsJsonObject("model").add("vocab", vocab);
    return root;
  }

  private TokenizerJson read(Consumer<JsonObject> change) throws IOException {
    JsonObject json = tiny();
    change.accept(json);
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    return TokenizerJson.read(file);
  }

  private TokenizerJsonException refused(Consumer<JsonObject> change) {
    return assertThrows(TokenizerJsonException.class, () -> read(change));
  }

  /** One line that starts with the file's name, said in Japanese too. */
  private static String oneLine(TokenizerJsonException e) {
    assertTrue(e.getMessage().startsWith("tokenizer.json: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    String ja = e.message(Locale.JAPANESE);
    assertFalse(ja.contains("\n"), ja);
    assertFalse(ja.equals(e.getMessage()), ja);
    return e.getMessage();
  }

  private static void assertContains(String text, String part) {
    assertTrue(text.contains(part), text);
  }

  @Test
  void readsTheSettingsOfABertFile() throws IOException {
    TokenizerJson t = read(json -> { });
    BertTokenizer tokenizer = t.tokenizer();
    assertEquals(List.of("[CLS]", "un", "##want", "##ed", ",", "run", "##ning", "[MASK]", "[SEP]"),
        tokenizer.encode("UNwantéd,running[MASK]", null, 64, false).tokens());
    assertEquals(List.of("[PAD]", "[MASK]"), t.options().neverSplit());
    assertEquals(TokenizerOptions.Truncation.LONGEST_FIRST, t.options().truncation());
    assertTrue(t.options().stripAccents());
  }

  @Test
  void stripAccentsAndLowercaseAreIndependent() throws IOException {
    BertTokenizer keepAccents = read(json -> json.getAsJsonObject("normalizer").addProperty("strip_accents", false))
        .tokenizer();
    assertEquals(List.of("café"), keepAccents.tokenize("Café"));
    BertTokenizer keepCase = read(json -> {
      json.getAsJsonObject("normalizer").addProperty("strip_accents", true);
      json.getAsJsonObject("normalizer").addProperty("lowercase", false);
    }).tokenizer();
    assertEquals(List.of("Cafe"), keepCase.tokenize("Café"));
    BertTokenizer cased = read(json -> json.getAsJsonObject("normalizer").addProperty("lowercase", false))
        .tokenizer();
    assertEquals(List.of("Café"), cased.tokenize("Café"));
  }

  @Test
  void theTraceSaysWhatTheFileTurnedOff() throws IOException {
    BertTokenizer t = read(json -> {
      JsonObject n = json.getAsJsonObject("normalizer");
      n.addProperty("strip_accents", false);
      n.addProperty("clean_text", false);
      n.addProperty("handle_chinese_chars", false);
    }).tokenizer();
    TokenizerTrace trace = t.encodeWithTrace("Café 我爱", null, 32, false).trace();
    assertEquals(Stage.LOWERCASE_ONLY_EXPLANATION, trace.step("lowercase").explanation());
    assertEquals("café 我爱", trace.step("lowercase").row("A").text());
    assertEquals(Stage.NO_CLEANING_EXPLANATION, trace.step("cleaned").explanation());
    assertEquals(Stage.NO_CJK_EXPLANATION, trace.step("cjk").explanation());
    assertEquals(List.of("café", "我爱"), trace.step("whitespace").row("A").cells());
    TokenizerTrace stripped = read(json -> json.getAsJsonObject("normalizer").addProperty("lowercase", false))
        .tokenizer().encodeWithTrace("Café", null, 32, false).trace();
    assertEquals(Stage.CASED_EXPLANATION, stripped.step("lowercase").explanation());
  }

  @Test
  void bertProcessingAndOtherWordPieceSettings() throws IOException {
    TokenizerJson t = read(json -> {
      json.add("post_processor", JsonParser.parseString(
          "{\"type\": \"BertProcessing\", \"sep\": [\"[SEP]\", 3], \"cls\": [\"[CLS]\", 2]}"));
      JsonObject model = json.getAsJsonObject("model");
      model.addProperty("unk_token", "<unk>");
      model.addProperty("continuing_subword_prefix", "@@");
      model.addProperty("max_input_chars_per_word", 4);
      json.add("normalizer", null);
      json.add("truncation", JsonParser.parseString(
          "{\"direction\": \"Right\", \"max_length\": 64, \"strategy\": \"OnlyFirst\", \"stride\": 0}"));
      json.add("padding", JsonParser.parseString("{\"strategy\": \"BatchLongest\", \"direction\": \"Right\","
          + " \"pad_to_multiple_of\": 8, \"pad_id\": 0, \"pad_type_id\": 0, \"pad_token\": \"[PAD]\"}"));
    });
    Encoding e = t.tokenizer().encode("uned Cafe running", "x", 64, false);
    assertEquals(List.of("[CLS]", "un", "@@ed", "Cafe", "<unk>", "[SEP]", "<unk>", "[SEP]"), e.tokens());
    assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 1), java.util.Arrays.stream(e.tokenTypeIds()).boxed().toList());
    assertFalse(t.options().cleanText() || t.options().lowercase() || t.options().stripAccents());
    assertEquals(new TokenizerJson.FileTruncation(64, "OnlyFirst", "Right", 0), t.truncation());
    assertEquals(new TokenizerJson.FilePadding(0, "Right", 8, 0, 0, "[PAD]"), t.padding());
    assertTrue(String.join(" ", t.notes()).contains("truncates to 64 tokens (OnlyFirst"), t.notes().toString());
    assertEquals("uned Cafe <unk> <unk>", t.tokenizer().decode(e.inputIds(), true));
  }

  @Test
  void longestFirstGivesAnOddBudgetsExtraPieceToTheLongerAsHuggingFaceDoes() throws IOException {
    BertTokenizer hf = read(json -> { }).tokenizer();
    BertTokenizer google = new BertTokenizer(hf.vocab(), true);
    String three = "cafe cafe cafe";
    assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1), types(hf.encode(three, three, 8, false)));
    assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1), types(google.encode(three, three, 8, false)));
    assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1), types(hf.encode(three + " cafe", three, 8, false)));
    assertEquals(2, hf.encode(three + " cafe", three, 8, false).removedPieces());
    assertEquals(List.of("[CLS]", "cafe", "[SEP]"), hf.encode(three, null, 3, false).tokens());
    assertThrows(IllegalArgumentException.class, () -> new BertTokenizer(Vocab.of(Vocab.SPECIAL_TOKENS),
        new TokenizerOptions(true, true, true, true, "<unk>", "##", 100, List.of(), TokenizerOptions.BERT_SINGLE,
            TokenizerOptions.BERT_PAIR, TokenizerOptions.Truncation.GOOGLE)));
  }

  private static List<Integer> types(Encoding e) {
    return java.util.Arrays.stream(e.tokenTypeIds()).boxed().toList();
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    Path file = dir.resolve("tokenizer.json");
    String text = tiny().toString();
    Files.writeString(file, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
    TokenizerJsonException e = assertThrows(TokenizerJsonException.class, () -> TokenizerJson.read(file));
    assertContains(oneLine(e), "is not valid JSON");
  }

  @Test
  void aHugeFileIsRefusedUnread() throws IOException {
    Path file = dir.resolve("tokenizer.json");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(TokenizerJson.MAX_BYTES + 1);
    }
    TokenizerJsonException e = assertThrows(TokenizerJsonException.class, () -> TokenizerJson.read(file));
    assertEquals("tokenizer.json: is " + (TokenizerJson.MAX_BYTES + 1) + " bytes, more than the "
        + TokenizerJson.MAX_BYTES + " a tokenizer.json may have", oneLine(e));
  }

  @Test
  void notJsonNotUtf8NotAnObjectAndMissingFiles() throws IOException {
    Path file = dir.resolve("tokenizer.json");
    Files.write(file, new byte[] {'{', (byte) 0xC3, '}'});
    assertContains(oneLine(assertThrows(TokenizerJsonException.class, () -> TokenizerJson.read(file))), "UTF-8");
    Files.writeString(file, "[1, 2]");
    assertEquals("tokenizer.json: is not a JSON object",
        oneLine(assertThrows(TokenizerJsonException.class, () -> TokenizerJson.read(file))));
    Files.writeString(file, "{} {}");
    assertContains(oneLine(assertThrows(TokenizerJsonException.class, () -> TokenizerJson.read(file))), "is not valid JSON");
    Files.writeString(file, "[".repeat(100_000));
    assertContains(oneLine(assertThrows(TokenizerJsonException.class, () -> TokenizerJson.read(file))), "is not valid JSON");
    Files.delete(file);
    assertContains(oneLine(assertThrows(TokenizerJsonException.class, () -> TokenizerJson.read(file))), "cannot be read");
  }

  @Test
  void aBpeModelIsRefused() {
    TokenizerJsonException e = refused(json -> {
      JsonObject model = json.getAsJsonObject("model");
      model.addProperty("type", "BPE");
      model.add("merges", new JsonArray());
    });
    assertEquals("tokenizer.json: the model is BPE, not WordPiece: not a BERT tokenizer", oneLine(e));
  }

  @Test
  void aMissingVocabIsRefused() {
    assertEquals("tokenizer.json: the WordPiece model has no vocab",
        oneLine(refused(json -> json.getAsJsonObject("model").remove("vocab"))));
    assertEquals("tokenizer.json: has no model", oneLine(refused(json -> json.remove("model"))));
    assertContains(oneLine(refused(json -> json.getAsJsonObject("model").getAsJsonObject("vocab").remove("[PAD]"))), "has id");
    assertContains(oneLine(refused(json -> json.getAsJsonObject("model").getAsJsonObject("vocab")
        .addProperty("[PAD]", 1))), "has id 1; a vocabulary of 20 tokens needs the ids 0 to 19, each once");
  }

  @Test
  void otherPipelinesAreRefused() {
    assertEquals("tokenizer.json: the pre-tokenizer is Metaspace, not BertPreTokenizer: not a BERT tokenizer",
        oneLine(refused(json -> json.add("pre_tokenizer", JsonParser.parseString(
            "{\"type\": \"Metaspace\", \"replacement\": \"▁\", \"add_prefix_space\": true}")))));
    assertContains(oneLine(refused(json -> json.add("normalizer", JsonParser.parseString(
        "{\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"NFKC\"}]}")))), "normalizer is Sequence");
    assertContains(oneLine(refused(json -> json.add("post_processor", JsonParser.parseString(
        "{\"type\": \"RobertaProcessing\", \"sep\": [\"</s>\", 2], \"cls\": [\"<s>\", 0]}")))), "post-processor is RobertaProcessing");
    assertContains(oneLine(refused(json -> json.getAsJsonArray("added_tokens").get(1).getAsJsonObject()
        .addProperty("lstrip", true))), "\"[MASK]\" asks for lstrip");
    assertContains(oneLine(refused(json -> json.getAsJsonArray("added_tokens").get(1).getAsJsonObject()
        .addProperty("id", 7))), "has id 7, but the vocabulary gives it 4");
    assertContains(oneLine(refused(json -> json.getAsJsonObject("model").addProperty("unk_token", "<oov>"))), "model.unk_token \"<oov>\" is not in the vocabulary");
    assertContains(oneLine(refused(json -> json.getAsJsonObject("normalizer").addProperty("lowercase", "yes"))), "normalizer.lowercase is \"yes\", not true or false");
    assertContains(oneLine(refused(json -> json.getAsJsonObject("post_processor").getAsJsonObject("special_tokens")
        .getAsJsonObject("[CLS]").add("ids", JsonParser.parseString("[5]")))), "gives [CLS] the id 5");
    assertContains(oneLine(refused(json -> json.getAsJsonObject("post_processor").getAsJsonArray("pair").remove(3))), "must hold sentence A");
    assertContains(oneLine(refused(json -> json.getAsJsonObject("model").addProperty("max_input_chars_per_word", 0))), "not a whole number from 1");
  }
}
