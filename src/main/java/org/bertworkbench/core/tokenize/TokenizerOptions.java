package org.bertworkbench.core.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link BertTokenizer} tokenizes, with the settings of Hugging Face's {@code tokenizer.json}:
 * the BertNormalizer's four switches, WordPiece's unknown token, continuation prefix and word
 * limit, the added tokens that are never split, the post-processor's template, and which rule cuts
 * a pair that is too long.
 *
 * @param cleanText delete control characters and turn every whitespace into a space
 * @param handleChineseChars put spaces around every CJK ideograph
 * @param stripAccents decompose (NFD) and drop the non-spacing marks
 * @param lowercase lower-case each character (after stripping accents, as Hugging Face does)
 * @param unkToken the token of a word WordPiece cannot build, such as {@code [UNK]}
 * @param continuingPrefix what starts a piece that continues a word, such as {@code ##}
 * @param maxInputCharsPerWord longer words (in code points) become the unknown token whole
 * @param neverSplit tokens typed in the text that are kept whole and left alone by every step
 * @param single the template of a single sentence, such as {@code [CLS] A [SEP]}
 * @param pair the template of a pair, such as {@code [CLS] A [SEP] B [SEP]}
 * @param truncation how a pair that is too long is cut
 */
public record TokenizerOptions(
    boolean cleanText,
    boolean handleChineseChars,
    boolean stripAccents,
    boolean lowercase,
    String unkToken,
    String continuingPrefix,
    int maxInputCharsPerWord,
    List<String> neverSplit,
    List<TemplateItem> single,
    List<TemplateItem> pair,
    Truncation truncation) {

  /** BERT's template: {@code [CLS] A [SEP]}. */
  public static final List<TemplateItem> BERT_SINGLE = List.of(
      TemplateItem.special(Vocab.CLS, 0), TemplateItem.sentence(0, 0), TemplateItem.special(Vocab.SEP, 0));
  /** BERT's template for a pair: {@code [CLS] A [SEP] B [SEP]}, B and its [SEP] of type 1. */
  public static final List<TemplateItem> BERT_PAIR = List.of(
      TemplateItem.special(Vocab.CLS, 0), TemplateItem.sentence(0, 0), TemplateItem.special(Vocab.SEP, 0),
      TemplateItem.sentence(1, 1), TemplateItem.special(Vocab.SEP, 1));

  /** How a pair is cut when it has more pieces than fit. */
  public enum Truncation {
    /**
     * Google's {@code _truncate_seq_pair}: one piece at a time from the longer sentence (B on a
     * tie), so an odd budget gives the extra piece to A.
     */
    GOOGLE,
    /**
     * Hugging Face's {@code longest_first}: the shorter sentence keeps up to half the budget and
     * the longer one the rest, so an odd budget gives the extra piece to the longer (B on a tie).
     */
    LONGEST_FIRST
  }

  /**
   * One element of a post-processor template: a special token, or the pieces of sentence A
   * ({@code sequence} 0) or B ({@code sequence} 1); each with the token type id its tokens get.
   *
   * @param token the special token, or null for a sentence
   * @param sequence 0 for A, 1 for B, -1 for a special token
   * @param typeId the token type id (segment) of the tokens this element adds
   */
  public record TemplateItem(String token, int sequence, int typeId) {

    /** A special token, such as [CLS], with its type id. */
    public static TemplateItem special(String token, int typeId) {
      return new TemplateItem(Objects.requireNonNull(token, "token"), -1, typeId);
    }

    /** Sentence A (0) or B (1) with its type id. */
    public static TemplateItem sentence(int sequence, int typeId) {
      return new TemplateItem(null, sequence, typeId);
    }

    /** Whether this is a special token rather than a sentence. */
    public boolean isSpecial() {
      return token != null;
    }

    @Override
    public String toString() {
      return (token != null ? token : sequence == 0 ? "A" : "B") + ":" + typeId;
    }
  }

  /** Copies the lists; checks that each template holds its sentences once and in order. */
  public TokenizerOptions {
    Objects.requireNonNull(unkToken, "unkToken");
    Objects.requireNonNull(continuingPrefix, "continuingPrefix");
    Objects.requireNonNull(truncation, "truncation");
    neverSplit = List.copyOf(neverSplit);
    single = List.copyOf(single);
    pair = List.copyOf(pair);
    if (!sentences(single).equals(List.of(0)) || !sentences(pair).equals(List.of(0, 1))) {
      throw new IllegalArgumentException("a template must hold A (and B for a pair) once, in order: "
          + single + " / " + pair);
    }
    if (maxInputCharsPerWord < 1) {
      throw new IllegalArgumentException("maxInputCharsPerWord " + maxInputCharsPerWord);
    }
  }

  /**
   * Google's BERT tokenizer for a vocab.txt: everything on except lower-casing and accent stripping,
   * which follow {@code lowerCase}; [UNK], ##, 100 characters, the five special tokens kept whole,
   * BERT's templates and Google's truncation.
   */
  public static TokenizerOptions bert(boolean lowerCase) {
    return new TokenizerOptions(true, true, lowerCase, lowerCase, Vocab.UNK, WordPiece.CONTINUATION,
        WordPiece.MAX_CHARS_PER_WORD, Vocab.SPECIAL_TOKENS, BERT_SINGLE, BERT_PAIR, Truncation.GOOGLE);
  }

  /** The template of one sentence ({@code pair} false) or of a pair. */
  public List<TemplateItem> template(boolean forPair) {
    return forPair ? pair : single;
  }

  /** How many special tokens the template adds. */
  public int specialCount(boolean forPair) {
    return (int) template(forPair).stream().filter(TemplateItem::isSpecial).count();
  }

  /**
   * The normaliser's switches in tokenizer.json's words, for the trace and the notes, such as
   * {@code clean_text, handle_chinese_chars, lowercase (strip_accents off)}.
   */
  public String describeNormalizer() {
    List<String> on = new ArrayList<>();
    List<String> off = new ArrayList<>();
    (cleanText ? on : off).add("clean_text");
    (handleChineseChars ? on : off).add("handle_chinese_chars");
    (stripAccents ? on : off).add("strip_accents");
    (lowercase ? on : off).add("lowercase");
    return (on.isEmpty() ? "nothing" : String.join(", ", on))
        + (off.isEmpty() ? "" : " (" + String.join(", ", off) + " off)");
  }

  private static List<Integer> sentences(List<TemplateItem> template) {
    return template.stream().filter(t -> !t.isSpecial()).map(TemplateItem::sequence).toList();
  }
}
