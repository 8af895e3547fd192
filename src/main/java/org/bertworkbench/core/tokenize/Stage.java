package org.bertworkbench.core.tokenize;

/** The steps of BERT's tokenizer, in order, with the words a student reads about each. */
enum Stage {
  RAW("raw", "Raw text",
      "This is the text exactly as typed. Special tokens typed in it, such as [MASK], are"
          + " highlighted: they are set aside now and pass through every later step untouched."),
  CLEANED("cleaned", "Clean up",
      "Invisible control characters, NUL and the replacement character \uFFFD are deleted, and"
          + " every kind of whitespace (tab, newline, non-breaking space) becomes a plain space."),
  CJK("cjk", "Space out Chinese characters",
      "Every CJK ideograph (Chinese hanzi, Japanese kanji, Korean hanja) gets a space on each"
          + " side, so each becomes a word of its own. Kana and Hangul are left alone."),
  LOWERCASE("lowercase", "Lower-case and strip accents",
      "This model is uncased: each character is decomposed, its accents are dropped and it is"
          + " lower-cased, so \"Café\" becomes \"cafe\"."),
  WHITESPACE("whitespace", "Split on whitespace",
      "The text is cut into words at every space; the spaces themselves are dropped."),
  PUNCTUATION("punctuation", "Split off punctuation",
      "Every punctuation mark and ASCII symbol becomes a word of its own, so \"don't!\" gives"
          + " don, ', t and !."),
  WORDPIECE("wordpiece", "WordPiece",
      "WordPiece splits each word into the longest pieces found in the vocabulary; pieces after"
          + " the first start with ##. A word that cannot be built from pieces, or is longer than"
          + " 100 characters, becomes [UNK]."),
  TRUNCATION("truncation", "Truncation",
      "BERT reads at most a fixed number of tokens, [CLS] and [SEP] included. Pieces are removed"
          + " from the end of the longer sentence, one at a time, until the input fits."),
  SPECIAL("special", "Add [CLS] and [SEP]",
      "[CLS] opens the input; the model's output for it stands for the whole input. [SEP]"
          + " closes each sentence."),
  IDS("ids", "Token ids",
      "Each token is replaced by its line number in vocab.txt: these numbers are what the model"
          + " actually receives."),
  SEGMENTS("segments", "Segment ids",
      "Each token is marked 0 if it belongs to the first sentence ([CLS] and the first [SEP]"
          + " included) and 1 if it belongs to the second, so the model can tell them apart."),
  POSITIONS("positions", "Positions",
      "Each token gets its position 0, 1, 2, ...; the model adds a learned vector for each"
          + " position, which is how it knows the word order."),
  PADDING("padding", "Padding and attention mask",
      "[PAD] tokens fill the input up to the maximum length, so inputs of different lengths fit"
          + " in one batch. The attention mask is 1 for real tokens and 0 for padding, which the"
          + " model ignores.");

  /** The explanation of {@link #LOWERCASE} for a cased model, which skips it. */
  static final String CASED_EXPLANATION = "This model is cased: capitals and accents carry"
      + " meaning for it, so they are kept and nothing changes here.";
  /** The explanation of {@link #LOWERCASE} for a tokenizer that lower-cases but keeps accents. */
  static final String LOWERCASE_ONLY_EXPLANATION = "This tokenizer lower-cases but keeps accents:"
      + " each character is lower-cased as it is, so \"Café\" becomes \"café\".";
  /** The explanation of {@link #LOWERCASE} for a tokenizer that strips accents but keeps capitals. */
  static final String ACCENTS_ONLY_EXPLANATION = "This tokenizer strips accents but keeps capitals:"
      + " each character is decomposed and its accents are dropped, so \"Café\" becomes \"Cafe\".";
  /** The explanation of {@link #CLEANED} for a tokenizer whose file turns cleaning off. */
  static final String NO_CLEANING_EXPLANATION = "This tokenizer does not clean the text"
      + " (clean_text is off): control characters are kept and whitespace is left as it is.";
  /** The explanation of {@link #CJK} for a tokenizer whose file turns it off. */
  static final String NO_CJK_EXPLANATION = "This tokenizer does not space out CJK ideographs"
      + " (handle_chinese_chars is off): they stay inside the words around them.";
  /** The explanation of {@link #PADDING} when no padding was asked for. */
  static final String NO_PADDING_EXPLANATION = "No padding was asked for, so the input keeps its"
      + " length and the attention mask is 1 for every token.";

  /** The explanation of {@link #LOWERCASE} when it strips accents, lower-cases, or both. */
  static String caseExplanation(boolean stripAccents, boolean lowercase) {
    return stripAccents && lowercase ? LOWERCASE.explanation
        : lowercase ? LOWERCASE_ONLY_EXPLANATION : stripAccents ? ACCENTS_ONLY_EXPLANATION : CASED_EXPLANATION;
  }

  final String id;
  final String title;
  final String explanation;

  Stage(String id, String title, String explanation) {
    this.id = id;
    this.title = title;
    this.explanation = explanation;
  }
}
