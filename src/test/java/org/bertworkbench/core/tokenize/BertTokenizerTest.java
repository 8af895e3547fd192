package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer on a hand-made vocabulary, after google-research/bert's tokenization_test.py. */
class BertTokenizerTest {

  static final Vocab VOCAB = Vocab.of(List.of(
      "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
      "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",", "!", "?", ".",
      "hello", "how", "are", "you", "##aff", "##able", "\u4E2D", "\u56FD", "a", "##a",
      "cafe", "Caf", "##\u00E9", "the"));

  private final BertTokenizer uncased = new BertTokenizer(VOCAB, true);
  private final BertTokenizer cased = new BertTokenizer(VOCAB, false);

  /** The words of the basic tokenizer, before WordPiece. */
  private static List<String> words(BertTokenizer tokenizer, String text) {
    return tokenizer.encodeWithTrace(text, null, Integer.MAX_VALUE, false)
        .trace().step("punctuation").row("A").cells();
  }

  private static String covered(String text, Encoding encoding, int token) {
    return text.substring(encoding.charStarts()[token], encoding.charEnds()[token]);
  }

  @Test
  void googleExample() {
    assertEquals(List.of("un", "##want", "##ed", ",", "runn", "##ing"),
        uncased.tokenize("UNwant\u00E9d,running"));
  }

  @Test
  void wordPieceGreedyLongestMatch() {
    assertEquals(List.of(), uncased.tokenize(""));
    assertEquals(List.of("un", "##want", "##ed", "runn", "##ing"),
        uncased.tokenize("unwanted running"));
    assertEquals(List.of("[UNK]", "runn", "##ing"), uncased.tokenize("unwantedX running"));
    assertEquals(List.of("un", "##aff", "##able"), uncased.tokenize("unaffable"));
  }

  @Test
  void basicTokenizerLowerCase() {
    assertEquals(List.of("hello", "!", "how", "are", "you", "?"),
        words(uncased, " \tHeLLo!how  \n Are yoU?  "));
    assertEquals(List.of("hello"), words(uncased, "H\u00E9llo"));
  }

  @Test
  void basicTokenizerCased() {
    assertEquals(List.of("HeLLo", "!", "how", "Are", "yoU", "?"),
        words(cased, " \tHeLLo!how  \n Are yoU?  "));
    assertEquals(List.of("H\u00E9llo"), words(cased, "H\u00E9llo"));
  }

  @Test
  void chineseCharactersAreSpacedOut() {
    assertEquals(List.of("ah", "\u535A", "\u63A8", "zz"), words(uncased, "ah\u535A\u63A8zz"));
    assertEquals(List.of("\u4E2D", "\u56FD"), uncased.tokenize("\u4E2D\u56FD"));
  }

  @Test
  void kanaAndHangulAreNotSpacedOut() {
    assertEquals(List.of("\u3072\u3089\u304C\u306A", "\uD55C\uAD6D"),
        words(cased, "\u3072\u3089\u304C\u306A \uD55C\uAD6D"));
  }

  @Test
  void accentsAreStrippedOnlyWhenLowerCasing() {
    assertEquals(List.of("cafe"), words(uncased, "CAF\u00C9"));
    assertEquals(List.of("cafe"), words(uncased, "cafe\u0301"));
    assertEquals(List.of("Caf", "##\u00E9"), cased.tokenize("Caf\u00E9"));
  }

  @Test
  void lowerCasingIsPerCharacter() {
    assertEquals(List.of("\u03C3\u03BF\u03C3"), words(uncased, "\u03A3\u039F\u03A3"));
    assertEquals(List.of("istanbul"), words(uncased, "\u0130stanbul"));
  }

  @Test
  void controlCharactersAreDroppedAndWhitespaceIsSpace() {
    assertEquals(List.of("hello", "you"),
        words(uncased, "hel\u0000lo\u200B\u00AD\u0001\uFFFD you"));
    assertEquals(List.of("a", "b", "c", "d", "e", "f"),
        words(uncased, "a\u00A0b\u2003c\u3000d\u2028e\r\nf"));
  }

  @Test
  void punctuationBecomesSingleCharacters() {
    assertEquals(List.of("a", "$", "b", "`", "c", "^", "d", "\u00BF", "e", "\u00AB", "f", "\u2014"),
        words(cased, "a$b`c^d\u00BFe\u00ABf\u2014"));
    assertEquals(List.of("don", "'", "t", "!", "!"), words(cased, "don't!!"));
    assertEquals(List.of("1", ".", "5", "+", "2"), words(cased, "1.5+2"));
  }

  @Test
  void symbolsThatAreNotPunctuationStayInTheWord() {
    assertEquals(List.of("\u00A9x\u20AC"), words(cased, "\u00A9x\u20AC"));
  }

  @Test
  void wordsOverOneHundredCharactersAreUnknown() {
    List<String> hundred = new ArrayList<>(List.of("a"));
    hundred.addAll(java.util.Collections.nCopies(99, "##a"));
    assertEquals(hundred, uncased.tokenize("a".repeat(100)));
    assertEquals(List.of("[UNK]"), uncased.tokenize("a".repeat(101)));
    assertEquals(List.of("[UNK]", "a"), uncased.tokenize("\u00E1".repeat(101) + " a"));
    assertEquals(100, uncased.tokenize("a\u0301".repeat(100)).size(), "counted after stripping");
  }

  @Test
  void typedSpecialTokensStayWhole() {
    assertEquals(List.of("un", "[MASK]", "want", "[SEP]", "[SEP]", "a"),
        uncased.tokenize("UN[MASK]want [SEP][SEP]a"));
    assertEquals(List.of("[UNK]", "[UNK]", "[UNK]"), uncased.tokenize("[mask]"));
    Encoding encoding = uncased.encode("the [MASK].", null, 16, false);
    assertEquals(List.of("[CLS]", "the", "[MASK]", ".", "[SEP]"), encoding.tokens());
    assertEquals(VOCAB.maskId(), encoding.inputIds()[2]);
    assertEquals("[MASK]", covered("the [MASK].", encoding, 2));
  }

  @Test
  void singleSentence() {
    Encoding encoding = uncased.encode("Hello, you!", null, 128, false);
    assertEquals(List.of("[CLS]", "hello", ",", "you", "!", "[SEP]"), encoding.tokens());
    assertArrayEquals(new int[] {2, 16, 12, 19, 13, 3}, encoding.inputIds());
    assertArrayEquals(new int[6], encoding.tokenTypeIds());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, encoding.attentionMask());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, encoding.positionIds());
    assertArrayEquals(new int[] {-1, 0, 1, 2, 3, -1}, encoding.wordIds());
    assertFalse(encoding.truncated());
    assertEquals(0, encoding.removedPieces());
  }

  @Test
  void sentencePair() {
    Encoding encoding = uncased.encode("unwanted", "how are you?", 128, false);
    assertEquals(List.of("[CLS]", "un", "##want", "##ed", "[SEP]", "how", "are", "you", "?",
        "[SEP]"), encoding.tokens());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, encoding.tokenTypeIds());
    assertArrayEquals(new int[] {-1, 0, 0, 0, -1, 1, 2, 3, 4, -1}, encoding.wordIds());
    assertArrayEquals(new int[] {-1, 0, 2, 6, -1, 0, 4, 8, 11, -1}, encoding.charStarts());
  }

  @Test
  void pairTruncationRemovesFromTheLongerEnd() {
    // A has 5 pieces, B has 2; 8 tokens leave room for 5 pieces.
    Encoding encoding = uncased.encode("unwanted running", "how are", 8, false);
    assertEquals(List.of("[CLS]", "un", "##want", "##ed", "[SEP]", "how", "are", "[SEP]"),
        encoding.tokens());
    assertTrue(encoding.truncated());
    assertEquals(2, encoding.removedPieces());
  }

  @Test
  void pairTruncationTakesFromBWhenEquallyLong() {
    Encoding encoding = uncased.encode("unwanted", "how are you", 8, false);
    assertEquals(List.of("[CLS]", "un", "##want", "##ed", "[SEP]", "how", "are", "[SEP]"),
        encoding.tokens());
    encoding = uncased.encode("a a a a", "how are you", 7, false);
    assertEquals(List.of("[CLS]", "a", "a", "[SEP]", "how", "are", "[SEP]"), encoding.tokens());
    assertEquals(3, encoding.removedPieces());
  }

  @Test
  void singleTruncation() {
    Encoding encoding = uncased.encode("unwanted running", null, 4, false);
    assertEquals(List.of("[CLS]", "un", "##want", "[SEP]"), encoding.tokens());
    assertEquals(3, encoding.removedPieces());
  }

  @Test
  void paddingAndMask() {
    Encoding encoding = uncased.encode("hello", "you", 8, true);
    assertEquals(List.of("[CLS]", "hello", "[SEP]", "you", "[SEP]", "[PAD]", "[PAD]", "[PAD]"),
        encoding.tokens());
    assertArrayEquals(new int[] {2, 16, 3, 19, 3, 0, 0, 0}, encoding.inputIds());
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 0, 0, 0}, encoding.tokenTypeIds());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0, 0, 0}, encoding.attentionMask());
    assertArrayEquals(new int[] {-1, 0, -1, 1, -1, -1, -1, -1}, encoding.wordIds());
    assertArrayEquals(new int[] {-1, 0, -1, 0, -1, -1, -1, -1}, encoding.charStarts());
    assertEquals(8, encoding.length());
  }

  @Test
  void maxLengthMustLeaveRoomForSpecialTokens() {
    assertThrows(IllegalArgumentException.class, () -> uncased.encode("a", null, 1, false));
    assertThrows(IllegalArgumentException.class, () -> uncased.encode("a", "b", 2, false));
    assertEquals(List.of("[CLS]", "[SEP]"), uncased.encode("a", null, 2, false).tokens());
  }

  @Test
  void offsetsPointIntoTheOriginalText() {
    String text = "UNwant\u00E9d,  \t running";
    Encoding encoding = uncased.encode(text, null, 64, false);
    assertEquals(List.of("[CLS]", "un", "##want", "##ed", ",", "runn", "##ing", "[SEP]"),
        encoding.tokens());
    List<String> covered = new ArrayList<>();
    for (int i = 1; i < encoding.length() - 1; i++) {
      covered.add(covered(text, encoding, i));
    }
    assertEquals(List.of("UN", "want", "\u00E9d", ",", "runn", "ing"), covered);
  }

  @Test
  void offsetsSurviveCombiningAccentsCjkAndControlCharacters() {
    String text = "\u0001CAFE\u0301\u4E2D\u56FD\u200B!\uD83D\uDE00";
    Encoding encoding = uncased.encode(text, null, 64, false);
    assertEquals(List.of("[CLS]", "cafe", "\u4E2D", "\u56FD", "!", "[UNK]", "[SEP]"),
        encoding.tokens());
    // The dropped accent belongs to no token, as in Hugging Face.
    assertEquals("CAFE", covered(text, encoding, 1));
    assertEquals("\u4E2D", covered(text, encoding, 2));
    assertEquals("\u56FD", covered(text, encoding, 3));
    assertEquals("!", covered(text, encoding, 4));
    assertEquals("\uD83D\uDE00", covered(text, encoding, 5));
  }

  @Test
  void decodeGluesContinuationPieces() {
    Encoding encoding = uncased.encode("unwanted, running", "you", 16, true);
    assertEquals("un ##want ##ed", String.join(" ", encoding.tokens().subList(1, 4)));
    assertEquals("unwanted , running you", uncased.decode(encoding.inputIds(), true));
    assertEquals("[CLS] unwanted , running [SEP] you [SEP] [PAD] [PAD] [PAD] [PAD] [PAD] [PAD]",
        uncased.decode(encoding.inputIds(), false));
  }

  @Test
  void encodeMatchesEncodeWithTrace() {
    Encoding plain = uncased.encode("Hello [MASK] unaffable", "you", 10, true);
    Encoding traced = uncased.encodeWithTrace("Hello [MASK] unaffable", "you", 10, true).encoding();
    assertEquals(plain.tokens(), traced.tokens());
    assertArrayEquals(plain.inputIds(), traced.inputIds());
    assertArrayEquals(plain.tokenTypeIds(), traced.tokenTypeIds());
    assertArrayEquals(plain.attentionMask(), traced.attentionMask());
    assertArrayEquals(plain.charStarts(), traced.charStarts());
    assertArrayEquals(plain.charEnds(), traced.charEnds());
    assertArrayEquals(plain.wordIds(), traced.wordIds());
    assertEquals(plain.removedPieces(), traced.removedPieces());
  }
}
