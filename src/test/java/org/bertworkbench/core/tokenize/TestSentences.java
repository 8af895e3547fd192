package org.bertworkbench.core.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sentences that exercise every corner of BERT's tokenizer: a hand-written list of fragments of
 * each kind, and a few hundred sentences and pairs combined from them with a fixed seed.
 */
final class TestSentences {

  /** Hand-written fragments, grouped by what they exercise. */
  static final List<String> FRAGMENTS = List.of(
      // plain English and the example of google-research/bert
      "The quick brown fox jumps over the lazy dog.",
      "Hello, world!",
      "I can't believe it's not butter; she said \"no\".",
      "UNwantéd,running",
      "iPhone McDonald's O'Neill HTML5 XMLHttpRequest",
      "ALL CAPS SENTENCE HERE and mIxEd CaSe",
      // accents and other Latin, Greek, Cyrillic letters
      "Café crème brûlée à la carte",
      "Ångström naïve façade Zürich",
      "Pokémon résumé coöperate señor",
      "Ærøskøbing Œuvre straße ẞ",
      "Nguyễn Văn Thịnh, Hà Nội",
      "İstanbul ŞIK ığdır İIıi",
      "Ελληνικά: ΟΔΥΣΣΕΥΣ σοφία",
      "Привет, мир! ЁЖ йогурт",
      "combining e\u0301 a\u0300 n\u0303 alone \u0301 Zalgo t\u0336\u0337e\u0489x",
      "Kelvin \u212A Angstrom \u212B Ohm \u2126",
      // Chinese, Japanese, Korean
      "我爱北京天安门。",
      "中文字符和English混合",
      "東京は日本の首都です。",
      "ひらがなとカタカナ、ーラーメン",
      "ｶﾀｶﾅ half-width and ＡＢＣ１２３ full-width",
      "안녕하세요 세계",
      "한국어 문장입니다. ㄱㄴㄷ",
      "rare ideographs 𠀋𠂉 𪚲 \uD86E\uDC1F 豈﨎",
      "radicals ⼀⼁ ⺀ and 㐀䶵",
      "extension E x𫠠y 𫠠𫠡",
      // other scripts
      "مرحبا بالعالم؟",
      "السلام عليكم\u064E ورحمة",
      "ש\u05C1\u05B8לו\u05B9ם עולם",
      "नमस\u094Dत\u0947 द\u0941न\u093Fय\u093E",
      "สว\u0E31สด\u0E35คร\u0E31บ",
      "ქართული Հայերեն",
      // emoji and symbols
      "I ❤\uFE0F NY 😀😃👍🏽",
      "👨\u200D👩\u200D👧 family 🇫🇷 flag",
      "☺ ✓ ★ ♥ ☃",
      "math ∑∫√∞ ≠ ≤ ± × ÷",
      "arrows ← → ⇒ box ─│┌ ░▒▓",
      "℃ ℉ № ™ © ® ﬁ ﬂ Ⓐ ⓑ",
      "𝐁𝐨𝐥𝐝 math letters",
      // punctuation runs
      "Wait... what?!?! No!!!",
      "--- *** ### @@@ ~~~ ^^^",
      "«quoted» „German“ ‘single’ “double”",
      "(a)[b]{c}<d> \\back/slash| under_score",
      "¿Qué? ¡Sí! end。start、middle・",
      "dash – em — minus − ‰ † ‡ • ※ ¶ §",
      // numbers
      "3.14159 1,000,000 -42 +7 1e-10",
      "$19.99 €5 £3 ¥100 ₹50",
      "12:30pm on 2024-01-31, room 101B",
      "½ ¾ ² ³ ⅓ Ⅻ ٠١٢٣ ४२",
      // URLs, e-mails, code
      "https://www.example.com/path?query=1&x=y#frag",
      "Mail john.doe+tag@example.co.uk now",
      "ftp://files.example.org/a_b-c.txt and www.test.io",
      "@user #hashtag C++ C# F# .NET node.js",
      "if (x != null && y >= 2) { return x[0]; }",
      // long words
      "Pneumonoultramicroscopicsilicovolcanoconiosis",
      "supercalifragilisticexpialidocious antidisestablishmentarianism",
      "Donaudampfschifffahrtsgesellschaftskapitän",
      "a".repeat(101),
      "b".repeat(100),
      "Lorem" + "ipsum".repeat(20),
      "é".repeat(101),
      "e\u0301".repeat(60),
      "一".repeat(120),
      "word-" + "x".repeat(99) + "-end",
      // special tokens typed in the text
      "[MASK]",
      "The [MASK] sat on the mat.",
      "a[SEP]b",
      "[CLS][SEP][PAD][UNK][MASK]",
      "[mask] is not [Mask]",
      "[MASK ] [ MASK] [[MASK]] [MASK",
      "[UNK]nown and re[MASK]able",
      "Été [MASK] café",
      // whitespace and control characters
      "tab\there\nnewline\r\nCRLF",
      "zero\u200Bwidth\u200Cnon\u200Djoiner",
      "nbsp\u00A0here\u2003em\u3000ideographic\u202Fnarrow",
      "line\u2028separator\u2029paragraph",
      "ctrl\u0001\u0002\u007F\u0085del",
      "nul\u0000byte\uFFFDreplacement",
      "soft\u00ADhyphen bom\uFEFFmark",
      "  leading and trailing  ",
      "",
      "   ",
      "\t\n",
      "private\uE000use \uDB80\uDC00",
      "bidi\u200E\u200Fmarks\u202Aembedded\u202C",
      "vertical\u000Btab\u000Cform feed \u001Cfile\u001F",
      "unassigned \u0378 and \u0380 code points",
      "mongolian\u180Evowel sep \u1680ogham");

  private static final String[] SEPARATORS = {" ", "", "  ", "\t", "\n", ", ", ". ", " - "};

  private TestSentences() {}

  /** The fragments themselves and {@code count} random combinations of one to four fragments. */
  static List<String> singles(int count, long seed) {
    Random random = new Random(seed);
    List<String> sentences = new ArrayList<>(FRAGMENTS);
    for (int i = 0; i < count; i++) {
      sentences.add(combination(random));
    }
    return sentences;
  }

  /** {@code count} random pairs of combinations. */
  static List<String[]> pairs(int count, long seed) {
    Random random = new Random(seed);
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pairs.add(new String[] {combination(random), combination(random)});
    }
    return pairs;
  }

  private static String combination(Random random) {
    StringBuilder sentence = new StringBuilder();
    int parts = 1 + random.nextInt(4);
    for (int p = 0; p < parts; p++) {
      if (p > 0) {
        sentence.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      }
      sentence.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
    }
    return sentence.toString();
  }
}
