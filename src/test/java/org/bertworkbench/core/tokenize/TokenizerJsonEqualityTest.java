package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14's acceptance: the tokenizers of all-MiniLM-L6-v2 and bge-small-zh-v1.5, read from their
 * own tokenizer.json by {@link TokenizerJson}, give what Hugging Face's tokenizers library (Rust,
 * through DJL, offline) gives on the same file: tokens, ids, type ids, word ids, character spans and
 * attention masks, for single sentences and pairs, untruncated and truncated and padded. And each
 * normaliser switch, changed in the file, changes both the same way.
 */
class TokenizerJsonEqualityTest {

  /** Hand-picked inputs: English, Chinese, Japanese and the corners of every step. */
  static final List<String> INPUTS = List.of(
      "The quick brown fox jumps over the lazy dog.",
      "Sentence embeddings map similar sentences to nearby vectors.",
      "UNwantéd,running MiXeD cAsE HeLLo",
      "Café crème brûlée, naïve façade, Ångström, Zürich.",
      "Ελληνικά ΟΔΥΣΣΕΥΣ, Привет мир, İstanbul ŞIK ığdır",
      "combining e\u0301 a\u0300 n\u0303 and Kelvin \u212A",
      "我爱北京天安门。",
      "今天天气很好，我们去公园散步吧！",
      "机器学习是人工智能的一个分支，BERT 模型在 2018 年发布。",
      "中文字符和English混合，还有数字123和符号%。",
      "深度学习（Deep Learning）需要大量的数据。",
      "東京は日本の首都です。",
      "ひらがなとカタカナ、ーラーメンを食べました。",
      "私はコーヒーが好きです。でも、お茶も飲みます。",
      "日本語の文章：「こんにちは、世界！」と彼は言った。",
      "ｶﾀｶﾅ half-width and ＡＢＣ１２３ full-width",
      "안녕하세요 세계, 한국어 문장입니다.",
      "I ❤\uFE0F NY 😀😃👍🏽 👨\u200D👩\u200D👧 🇫🇷",
      "☺ ✓ ★ ♥ ☃ ∑∫√∞ ≠ ≤ ± × ÷ ℃ № ™ ﬁ",
      "Wait... what?!?! No!!! --- *** ### @@@",
      "«quoted» „German“ ‘single’ “double” ¿Qué? ¡Sí!",
      "(a)[b]{c}<d> \\back/slash| under_score",
      "3.14159 1,000,000 -42 +7 1e-10 $19.99 €5 ¥100",
      "12:30pm on 2024-01-31, room 101B, ½ ¾ ² ³ Ⅻ",
      "https://www.example.com/path?query=1&x=y#frag john.doe+tag@example.co.uk",
      "if (x != null && y >= 2) { return x[0]; }",
      "Pneumonoultramicroscopicsilicovolcanoconiosis",
      "a".repeat(101),
      "b".repeat(100),
      "word-" + "x".repeat(120) + "-end",
      "é".repeat(101),
      "汉".repeat(120),
      "The [MASK] sat on the mat.",
      "[CLS][SEP][PAD][UNK][MASK] a[SEP]b [mask] [Mask]",
      "北京是[MASK]国的首都。",
      "tab\there\nnewline\r\nCRLF",
      "zero\u200Bwidth\u200Cnon\u200Djoiner soft\u00ADhyphen bom\uFEFFmark",
      "nbsp\u00A0here\u2003em\u3000ideographic\u202Fnarrow",
      "ctrl\u0001\u0002\u007F\u0085del nul\u0000byte\uFFFDreplacement",
      "vertical\u000Btab\u000Cform feed line\u2028separator\u2029paragraph",
      "private\uE000use bidi\u200E\u200Fmarks",
      "rare ideographs 𠀋𠂉 𪚲 豈﨎 㐀䶵",
      "  leading and trailing  ",
      "",
      "ALL CAPS 2019 NUMBERS 42 AND ÉTÉ",
      "مرحبا بالعالم؟ नमस्ते दुनिया สวัสดีครับ");

  /** Pairs: English with Chinese, Japanese with English, and the empty. */
  static final List<String[]> PAIRS = List.of(
      new String[] {"How old are you?", "我今年二十岁。"},
      new String[] {"東京は日本の首都です。", "Tokyo is the capital of Japan."},
      new String[] {"A man is playing a guitar.", "A man plays the guitar loudly, doesn't he?"},
      new String[] {"", "only B"},
      new String[] {"only A", ""},
      new String[] {"Café [MASK] crème", "今天天气很好"},
      new String[] {"x".repeat(150), "短い"});

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {LangchainTokenizerFiles.MINILM, LangchainTokenizerFiles.BGE})
  void theModelsOwnFileGivesHuggingFacesTokens(String model) throws IOException {
    Path file = LangchainTokenizerFiles.extract(model, dir);
    BertTokenizer ours = TokenizerJson.read(file).tokenizer();
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    try (HuggingFaceTokenizer theirs = untruncated(file)) {
      for (String text : inputs()) {
        Encoding e = ours.encode(text, null, Integer.MAX_VALUE, false);
        ai.djl.huggingface.tokenizers.Encoding t = theirs.encode(text);
        HuggingFaceEqualityTest.compare(e, t, text, null, mismatches);
        compareMask(e, t, text, mismatches);
        compared++;
      }
      for (String[] pair : pairs()) {
        Encoding e = ours.encode(pair[0], pair[1], Integer.MAX_VALUE, false);
        ai.djl.huggingface.tokenizers.Encoding t = theirs.encode(pair[0], pair[1]);
        HuggingFaceEqualityTest.compare(e, t, pair[0], pair[1], mismatches);
        compareMask(e, t, pair[0], mismatches);
        compared++;
      }
    }
    assertTrue(compared >= 40, "compared " + compared);
    assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " differ for " + model
        + ", first: " + mismatches.subList(0, Math.min(5, mismatches.size())));
  }

  @ParameterizedTest
  @ValueSource(strings = {LangchainTokenizerFiles.MINILM, LangchainTokenizerFiles.BGE})
  void truncatedAndPaddedAsHuggingFace(String model) throws IOException {
    Path file = LangchainTokenizerFiles.extract(model, dir);
    BertTokenizer ours = TokenizerJson.read(file).tokenizer();
    List<String> mismatches = new ArrayList<>();
    for (int max : new int[] {9, 16, 128}) {
      try (HuggingFaceTokenizer theirs = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "true",
          "truncation", "true", "padding", "max_length", "maxLength", Integer.toString(max)))) {
        for (String text : INPUTS) {
          compareIds(ours.encode(text, null, max, true), theirs.encode(text), max + " " + text, mismatches);
        }
        for (String[] pair : pairs()) {
          compareIds(ours.encode(pair[0], pair[1], max, true), theirs.encode(pair[0], pair[1]),
              max + " " + pair[0] + " / " + pair[1], mismatches);
        }
      }
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " differ for " + model + ", first: "
        + mismatches.subList(0, Math.min(5, mismatches.size())));
  }

  /**
   * Each BertNormalizer switch changed in MiniLM's file (and BGE's, for the Chinese one): ours
   * follows the file as Hugging Face does, strip_accents independent of lowercase.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "clean_text=false", "handle_chinese_chars=false", "strip_accents=true,lowercase=false",
      "strip_accents=false,lowercase=true", "strip_accents=null,lowercase=false",
      "clean_text=false,handle_chinese_chars=false,strip_accents=false,lowercase=false"})
  void everyNormalizerSwitchAsHuggingFace(String switches) throws IOException {
    for (String model : List.of(LangchainTokenizerFiles.MINILM, LangchainTokenizerFiles.BGE)) {
      JsonObject json = JsonParser.parseString(Files.readString(LangchainTokenizerFiles.extract(model, dir)))
          .getAsJsonObject();
      JsonObject normalizer = json.getAsJsonObject("normalizer");
      for (String s : switches.split(",")) {
        String[] kv = s.split("=");
        normalizer.add(kv[0], kv[1].equals("null") ? JsonNull.INSTANCE : JsonParser.parseString(kv[1]));
      }
      Path file = dir.resolve(model + "-changed.json");
      Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
      BertTokenizer ours = TokenizerJson.read(file).tokenizer();
      List<String> mismatches = new ArrayList<>();
      try (HuggingFaceTokenizer theirs = untruncated(file)) {
        for (String text : inputs()) {
          HuggingFaceEqualityTest.compare(ours.encode(text, null, Integer.MAX_VALUE, false), theirs.encode(text),
              text, null, mismatches);
        }
      }
      assertTrue(mismatches.isEmpty(), mismatches.size() + " differ for " + model + " with " + switches
          + ", first: " + mismatches.subList(0, Math.min(5, mismatches.size())));
    }
  }

  @Test
  void theTwoFilesAreReadWithTheirOwnSettings() {
    TokenizerJson minilm = TokenizerJson.read(LangchainTokenizerFiles.extract(LangchainTokenizerFiles.MINILM, dir));
    assertTrue(minilm.options().lowercase() && minilm.options().stripAccents());
    assertEquals(30522, minilm.vocab().size());
    assertEquals(new TokenizerJson.FileTruncation(128, "LongestFirst", "Right", 0), minilm.truncation());
    assertEquals(new TokenizerJson.FilePadding(128, "Right", 0, 0, 0, "[PAD]"), minilm.padding());
    assertEquals(Vocab.SPECIAL_TOKENS.stream().sorted().toList(),
        minilm.options().neverSplit().stream().sorted().toList());
    assertEquals(TokenizerOptions.BERT_PAIR, minilm.options().pair());

    TokenizerJson bge = TokenizerJson.read(LangchainTokenizerFiles.extract(LangchainTokenizerFiles.BGE, dir));
    assertTrue(!bge.options().lowercase() && !bge.options().stripAccents(), bge.options().toString());
    assertEquals(21128, bge.vocab().size());
    assertEquals(null, bge.truncation());
    assertEquals(null, bge.padding());
    assertTrue(bge.notes().get(0).contains("strip_accents, lowercase off"), bge.notes().toString());
  }

  private static HuggingFaceTokenizer untruncated(Path file) throws IOException {
    return HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "true", "truncation", "false",
        "padding", "false"));
  }

  private static List<String> inputs() {
    List<String> all = new ArrayList<>(INPUTS);
    all.addAll(TestSentences.singles(150, 14));
    return all;
  }

  private static List<String[]> pairs() {
    List<String[]> all = new ArrayList<>(PAIRS);
    all.addAll(TestSentences.pairs(60, 15));
    return all;
  }

  private static void compareMask(Encoding ours, ai.djl.huggingface.tokenizers.Encoding theirs, String text,
      List<String> mismatches) {
    int[] mask = Arrays.stream(theirs.getAttentionMask()).mapToInt(Math::toIntExact).toArray();
    if (!Arrays.equals(ours.attentionMask(), mask)) {
      mismatches.add("mask of " + text + ": " + Arrays.toString(ours.attentionMask()) + " / "
          + Arrays.toString(mask));
    }
  }

  private static void compareIds(Encoding ours, ai.djl.huggingface.tokenizers.Encoding theirs, String input,
      List<String> mismatches) {
    String o = ours.tokens() + " " + Arrays.toString(ours.inputIds()) + " " + Arrays.toString(ours.tokenTypeIds())
        + " " + Arrays.toString(ours.attentionMask());
    String t = Arrays.asList(theirs.getTokens()) + " " + Arrays.toString(theirs.getIds()) + " "
        + Arrays.toString(theirs.getTypeIds()) + " " + Arrays.toString(theirs.getAttentionMask());
    if (!o.equals(t)) {
      mismatches.add("\n  input " + input + "\n  ours   " + o + "\n  theirs " + t);
    }
  }
}
