package org.bertworkbench.core.tokenize;

/**
 * The character classes BERT's tokenizer relies on, as Hugging Face's {@code tokenizers} (Rust)
 * defines them. Where that differs from Google's {@code tokenization.py}, the difference is
 * noted on the method.
 */
public final class CharClasses {

  private CharClasses() {}

  /**
   * Tab, newline, carriage return and the Unicode space, line and paragraph separators (Zs, Zl,
   * Zp). Google counts only Zs, so it keeps U+2028 and U+2029 as ordinary characters; Hugging
   * Face (Rust's {@code char::is_whitespace}) treats them as spaces, and so do we.
   */
  static boolean isWhitespace(int cp) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * Unicode's White_Space property, as Rust's {@code char::is_whitespace} (and so Hugging Face's
   * BertPreTokenizer) has it: {@link #isWhitespace} plus vertical tab, form feed and NEL (U+0085),
   * controls that the cleaning step deletes before the pre-tokenizer could see them.
   */
  static boolean isWhiteSpaceProperty(int cp) {
    return cp == 0x0B || cp == 0x0C || cp == 0x85 || isWhitespace(cp);
  }

  /**
   * Control (Cc), format (Cf) and private-use (Co) characters, except tab, newline and carriage
   * return, which count as whitespace. Google drops every "C" category, including unassigned
   * code points (Cn); Hugging Face keeps those, and so do we.
   */
  static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.PRIVATE_USE;
  }

  /** The characters the cleaning step deletes: NUL, the replacement character U+FFFD, controls. */
  static boolean isRemovedByCleaning(int cp) {
    return cp == 0 || cp == 0xFFFD || isControl(cp);
  }

  /**
   * The ASCII symbols {@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~} and every Unicode punctuation
   * character (P*).
   */
  public static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64)
        || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  /**
   * CJK ideographs, which BERT treats as one word each. Google's fifth range starts at U+2B820;
   * Hugging Face's starts at U+2B920, and we follow Hugging Face.
   */
  static boolean isCjkIdeograph(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  /** Non-spacing marks (Mn), the accents that lower-casing strips after NFD decomposition. */
  static boolean isNonSpacingMark(int cp) {
    return Character.getType(cp) == Character.NON_SPACING_MARK;
  }
}
