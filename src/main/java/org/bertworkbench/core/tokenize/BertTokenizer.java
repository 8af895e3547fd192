package org.bertworkbench.core.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * BERT's tokenizer: Google's BasicTokenizer followed by WordPiece, as in google-research/bert
 * {@code tokenization.py} and Hugging Face's {@code BertNormalizer}, {@code BertPreTokenizer} and
 * {@code WordPiece}.
 *
 * <p>The steps, in order: clean the text, space out CJK ideographs, lower-case and strip accents
 * (uncased models only), split on whitespace, split off punctuation, cut each word into WordPiece
 * pieces, truncate, add [CLS] and [SEP], and pad. The special tokens [PAD], [UNK], [CLS], [SEP] and
 * [MASK] typed in the text are kept as single tokens, as Hugging Face does with its special added
 * tokens. Where Google and Hugging Face disagree on a character class, this class follows Hugging
 * Face (see {@code CharClasses}).
 *
 * <p>A tokenizer read from Hugging Face's {@code tokenizer.json} ({@link TokenizerJson}) follows that
 * file's {@link TokenizerOptions}: each normaliser switch on its own, its WordPiece settings, added
 * tokens, template and Hugging Face's truncation rule.
 *
 * <p>{@link #encode} is cheap enough to run on every key stroke; {@link #encodeWithTrace} also
 * records every step for display. Instances are immutable and thread-safe.
 */
public final class BertTokenizer {

  private final Vocab vocab;
  private final TokenizerOptions options;
  private final WordPiece wordPiece;

  /**
   * Google's BERT tokenizer ({@link TokenizerOptions#bert}).
   *
   * @param vocab the vocabulary of the model
   * @param lowerCase true for uncased models: lower-case and strip accents
   */
  public BertTokenizer(Vocab vocab, boolean lowerCase) {
    this(vocab, TokenizerOptions.bert(lowerCase));
  }

  /**
   * A tokenizer with these options.
   *
   * @throws IllegalArgumentException if the vocabulary lacks the unknown token, a token of a
   *     template or a token never to split
   */
  public BertTokenizer(Vocab vocab, TokenizerOptions options) {
    this.vocab = vocab;
    this.options = options;
    List<String> needed = new ArrayList<>(options.neverSplit());
    needed.add(options.unkToken());
    options.pair().stream().filter(TokenizerOptions.TemplateItem::isSpecial).forEach(t -> needed.add(t.token()));
    options.single().stream().filter(TokenizerOptions.TemplateItem::isSpecial).forEach(t -> needed.add(t.token()));
    for (String token : needed) {
      if (!vocab.contains(token)) {
        throw new IllegalArgumentException("the vocabulary has no token " + token);
      }
    }
    this.wordPiece = new WordPiece(vocab, options.unkToken(), options.continuingPrefix(),
        options.maxInputCharsPerWord());
  }

  /** The vocabulary. */
  public Vocab vocab() {
    return vocab;
  }

  /** Whether this tokenizer lower-cases (uncased models). */
  public boolean lowerCase() {
    return options.lowercase();
  }

  /** How this tokenizer tokenizes. */
  public TokenizerOptions options() {
    return options;
  }

  /** The word pieces of a text, without [CLS], [SEP], truncation or padding. */
  public List<String> tokenize(String text) {
    return pieces(List.of(text), TraceRecorder.OFF).get(0).stream().map(Piece::token).toList();
  }

  /**
   * Encodes one sentence or a pair of sentences for the model.
   *
   * @param textA the first sentence, not null
   * @param textB the second sentence, or null for a single sentence
   * @param maxLength the most tokens allowed, [CLS] and [SEP] included; at least 2 (3 for a
   *     pair), the number of special tokens of the template. Use {@link Integer#MAX_VALUE} for no
   *     limit (and no padding).
   * @param padToMaxLength whether to fill the input with [PAD] up to {@code maxLength}
   */
  public Encoding encode(String textA, String textB, int maxLength, boolean padToMaxLength) {
    return encode(textA, textB, maxLength, padToMaxLength, TraceRecorder.OFF);
  }

  /** Like {@link #encode(String, String, int, boolean)}, and records every step. */
  public TracedEncoding encodeWithTrace(
      String textA, String textB, int maxLength, boolean padToMaxLength) {
    TraceRecorder trace = TraceRecorder.recording();
    Encoding encoding = encode(textA, textB, maxLength, padToMaxLength, trace);
    return new TracedEncoding(encoding, trace.trace());
  }

  /**
   * The text of some ids: tokens separated by spaces, "##" pieces glued to the piece before.
   *
   * @param skipSpecialTokens whether to leave out [PAD], [UNK], [CLS], [SEP] and [MASK]
   */
  public String decode(int[] ids, boolean skipSpecialTokens) {
    StringBuilder text = new StringBuilder();
    for (int id : ids) {
      String token = vocab.token(id);
      if (skipSpecialTokens && Vocab.SPECIAL_TOKENS.contains(token)) {
        continue;
      }
      String prefix = options.continuingPrefix();
      if (!prefix.isEmpty() && token.startsWith(prefix) && text.length() > 0) {
        text.append(token, prefix.length(), token.length());
      } else {
        text.append(text.length() > 0 ? " " : "").append(token);
      }
    }
    return text.toString();
  }

  private Encoding encode(
      String textA, String textB, int maxLength, boolean padToMaxLength, TraceRecorder trace) {
    Objects.requireNonNull(textA, "textA");
    List<String> texts = textB == null ? List.of(textA) : List.of(textA, textB);
    boolean forPair = textB != null;
    int specialCount = options.specialCount(forPair);
    if (maxLength < specialCount) {
      throw new BadInputException(Message.of(BertTokenizer.class, "noRoom", maxLength, specialCount));
    }
    List<List<Piece>> pieces = pieces(texts, trace);
    int budget = maxLength == Integer.MAX_VALUE ? Integer.MAX_VALUE : maxLength - specialCount;
    int removed = options.truncation() == TokenizerOptions.Truncation.GOOGLE
        ? truncate(pieces, budget) : truncateLongestFirst(pieces, budget);
    trace.truncation(pieces, removed, maxLength);

    List<Piece> all = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (TokenizerOptions.TemplateItem item : options.template(forPair)) {
      List<Piece> added = item.isSpecial() ? List.of(special(item.token())) : pieces.get(item.sequence());
      all.addAll(added);
      added.forEach(p -> types.add(item.typeId()));
    }
    int unpadded = all.size();
    int length = padToMaxLength ? maxLength : unpadded;
    Encoding encoding = assemble(all, types, length, removed);
    trace.assembled(encoding, unpadded, padToMaxLength);
    return encoding;
  }

  /** Runs every step up to WordPiece on each sentence. */
  private List<List<Piece>> pieces(List<String> texts, TraceRecorder trace) {
    List<NormalizedText> text = map(texts,
        t -> NormalizedText.original(t, options.neverSplit()));
    trace.text(Stage.RAW, text);
    if (options.cleanText()) {
      text = map(text, BertNormalizer::clean);
      trace.text(Stage.CLEANED, text);
    } else {
      trace.unchangedText(Stage.CLEANED, Stage.NO_CLEANING_EXPLANATION, text);
    }
    if (options.handleChineseChars()) {
      text = map(text, BertNormalizer::spaceOutCjk);
      trace.text(Stage.CJK, text);
    } else {
      trace.unchangedText(Stage.CJK, Stage.NO_CJK_EXPLANATION, text);
    }
    boolean strip = options.stripAccents();
    boolean lower = options.lowercase();
    if (strip || lower) {
      text = map(text, t -> BertNormalizer.caseAndAccents(t, strip, lower));
      trace.text(Stage.LOWERCASE, Stage.caseExplanation(strip, lower), text);
    } else {
      trace.unchangedText(Stage.LOWERCASE, Stage.CASED_EXPLANATION, text);
    }
    List<List<Word>> words = map(text, BertPreTokenizer::splitOnWhitespace);
    trace.words(Stage.WHITESPACE, words, List.of());
    List<List<Word>> split = map(words, BertPreTokenizer::splitOnPunctuation);
    trace.words(Stage.PUNCTUATION, split, words);

    List<List<Piece>> pieces = new ArrayList<>();
    int wordIndex = 0;
    for (List<Word> sentence : split) {
      List<Piece> sentencePieces = new ArrayList<>();
      for (Word word : sentence) {
        List<WordPieceSearch.Attempt> attempts = trace.attempts();
        List<Piece> wordPieces = wordPiece.split(word, wordIndex, attempts);
        trace.search(wordIndex, word, attempts, wordPieces);
        sentencePieces.addAll(wordPieces);
        wordIndex++;
      }
      pieces.add(sentencePieces);
    }
    trace.wordPieces(split, pieces);
    return pieces;
  }

  /**
   * Removes pieces from the end of the longer sentence (of B when they are equally long), one at
   * a time, until at most {@code budget} are left, as Google's {@code _truncate_seq_pair}. When
   * both sentences must be cut and the budget is odd, Google gives the extra piece to A, while
   * Hugging Face's "longest_first" gives it to the sentence that was longer to begin with (B on a
   * tie). We keep Google's rule, which BERT was trained with.
   *
   * @return how many pieces were removed
   */
  private static int truncate(List<List<Piece>> sentences, int budget) {
    int removed = 0;
    List<Piece> a = sentences.get(0);
    List<Piece> b = sentences.size() > 1 ? sentences.get(1) : List.of();
    while (a.size() + b.size() > budget) {
      List<Piece> longer = a.size() > b.size() ? a : b;
      longer.remove(longer.size() - 1);
      removed++;
    }
    return removed;
  }

  /**
   * Hugging Face's {@code longest_first}: when a pair does not fit, the shorter sentence keeps
   * {@code min(its length, budget / 2)} pieces and the longer one the rest, except that when both
   * are longer than half, A and B keep half each and the extra piece of an odd budget goes to the
   * longer (to B when they are equally long). A single sentence keeps its first {@code budget}.
   *
   * @return how many pieces were removed
   */
  private static int truncateLongestFirst(List<List<Piece>> sentences, int budget) {
    List<Piece> a = sentences.get(0);
    List<Piece> b = sentences.size() > 1 ? sentences.get(1) : new ArrayList<>();
    int total = a.size() + b.size();
    if (total <= budget) {
      return 0;
    }
    boolean swap = a.size() > b.size();
    int n1 = Math.min(a.size(), b.size());
    int n2 = n1 > budget ? n1 : Math.max(n1, budget - n1);
    if (n1 + n2 > budget) {
      n1 = budget / 2;
      n2 = n1 + budget % 2;
    }
    keepFirst(a, swap ? n2 : n1);
    keepFirst(b, swap ? n1 : n2);
    return total - a.size() - b.size();
  }

  private static void keepFirst(List<Piece> pieces, int n) {
    if (pieces.size() > n) {
      pieces.subList(n, pieces.size()).clear();
    }
  }

  /** [CLS], [SEP] or [PAD]: a token that comes from no word of the text. */
  private Piece special(String token) {
    return new Piece(token, vocab.id(token), -1, -1, -1);
  }

  /**
   * The encoding of {@code pieces}, of the template's type ids {@code typeIds}, padded to
   * {@code length} with [PAD] of type 0.
   */
  private Encoding assemble(List<Piece> pieces, List<Integer> typeIds, int length, int removed) {
    List<String> tokens = new ArrayList<>(length);
    int[] ids = new int[length];
    int[] types = new int[length];
    int[] mask = new int[length];
    int[] starts = new int[length];
    int[] ends = new int[length];
    int[] words = new int[length];
    for (int i = 0; i < length; i++) {
      boolean real = i < pieces.size();
      Piece piece = real ? pieces.get(i) : special(Vocab.PAD);
      tokens.add(piece.token());
      ids[i] = piece.id();
      types[i] = real ? typeIds.get(i) : 0;
      mask[i] = real ? 1 : 0;
      starts[i] = piece.start();
      ends[i] = piece.end();
      words[i] = piece.wordIndex();
    }
    return new Encoding(tokens, ids, types, mask, starts, ends, words, removed > 0, removed);
  }

  private static <T, R> List<R> map(List<T> list, Function<T, R> f) {
    return list.stream().map(f).toList();
  }
}
