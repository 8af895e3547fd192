package org.bertworkbench.core.tokenize;

import java.text.Normalizer;

/**
 * The three text-to-text steps of BERT's basic tokenizer: clean, space out CJK ideographs, and
 * (for uncased models) strip accents and lower-case. Special tokens typed in the text pass
 * through unchanged.
 */
final class BertNormalizer {

  /** İ, the one character whose lower case is two: i and a combining dot above. */
  private static final int CAPITAL_I_WITH_DOT = 0x130;
  private static final int COMBINING_DOT_ABOVE = 0x307;

  private BertNormalizer() {}

  /** Deletes NUL, U+FFFD and control characters; turns every whitespace character into ' '. */
  static NormalizedText clean(NormalizedText text) {
    NormalizedText.Builder out = new NormalizedText.Builder(text.length());
    for (int i = 0; i < text.length(); i++) {
      int cp = text.codePoint(i);
      if (text.special(i) != 0) {
        out.copy(text, i, false);
      } else if (CharClasses.isWhitespace(cp)) {
        out.replace(text, i, ' ', cp != ' ');
      } else if (!CharClasses.isRemovedByCleaning(cp)) {
        out.copy(text, i, false);
      }
    }
    return out.build();
  }

  /** Puts a space before and after every CJK ideograph. */
  static NormalizedText spaceOutCjk(NormalizedText text) {
    NormalizedText.Builder out = new NormalizedText.Builder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (text.special(i) == 0 && CharClasses.isCjkIdeograph(text.codePoint(i))) {
        out.replace(text, i, ' ', true).copy(text, i, true).replace(text, i, ' ', true);
      } else {
        out.copy(text, i, false);
      }
    }
    return out.build();
  }

  /**
   * Decomposes each character (Unicode NFD), drops the non-spacing marks (the accents) and
   * lower-cases what is left. Hugging Face strips accents before lower-casing and Google after;
   * with NFD and per-character lower-casing both orders give the same result. Lower-casing is
   * per character, as in Hugging Face, so a final capital sigma becomes σ, never ς.
   */
  static NormalizedText lowerCaseAndStripAccents(NormalizedText text) {
    return caseAndAccents(text, true, true);
  }

  /**
   * Hugging Face's BertNormalizer steps {@code strip_accents} then {@code lowercase}, each on its
   * own: stripping decomposes each character (NFD) and drops its non-spacing marks; lower-casing
   * maps each character by itself, İ (U+0130) to i and a combining dot above as Rust's
   * {@code char::to_lowercase} does, so a final capital sigma becomes σ, never ς.
   */
  static NormalizedText caseAndAccents(NormalizedText text, boolean stripAccents, boolean lowercase) {
    NormalizedText.Builder out = new NormalizedText.Builder(text.length());
    for (int i = 0; i < text.length(); i++) {
      int cp = text.codePoint(i);
      if (text.special(i) != 0) {
        out.copy(text, i, false);
        continue;
      }
      for (int part : stripAccents ? decomposed(cp) : new int[] {cp}) {
        if (stripAccents && CharClasses.isNonSpacingMark(part)) {
          continue;
        }
        if (lowercase && part == CAPITAL_I_WITH_DOT) {
          out.replace(text, i, 'i', true).replace(text, i, COMBINING_DOT_ABOVE, true);
        } else {
          int lower = lowercase ? Character.toLowerCase(part) : part;
          out.replace(text, i, lower, lower != cp);
        }
      }
    }
    return out.build();
  }

  /** The NFD decomposition of one code point; nothing below U+00C0 decomposes. */
  private static int[] decomposed(int cp) {
    if (cp < 0xC0) {
      return new int[] {cp};
    }
    return Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD).codePoints().toArray();
  }
}
