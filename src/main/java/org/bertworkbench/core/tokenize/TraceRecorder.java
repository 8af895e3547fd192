package org.bertworkbench.core.tokenize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Collects the steps of one tokenizer run. The recorder {@link #OFF} ignores everything, so
 * plain encoding pays nothing for the trace.
 */
final class TraceRecorder {

  /** A recorder that records nothing. */
  static final TraceRecorder OFF = new TraceRecorder(false);

  private final boolean on;
  private final List<TraceStep> steps = new ArrayList<>();
  private final List<WordPieceSearch> searches = new ArrayList<>();

  private TraceRecorder(boolean on) {
    this.on = on;
  }

  /** A recorder that records. */
  static TraceRecorder recording() {
    return new TraceRecorder(true);
  }

  /** What was recorded. */
  TokenizerTrace trace() {
    return new TokenizerTrace(steps, searches);
  }

  /** A text step: one row of characters per sentence, marking those the step changed. */
  void text(Stage stage, List<NormalizedText> texts) {
    textStep(stage, stage.explanation, texts, true);
  }

  /** A text step explained in words of its own (a variant of the stage's explanation). */
  void text(Stage stage, String explanation, List<NormalizedText> texts) {
    textStep(stage, explanation, texts, true);
  }

  /** A text step that was skipped and left the texts as they were. */
  void unchangedText(Stage stage, String explanation, List<NormalizedText> texts) {
    textStep(stage, explanation, texts, false);
  }

  private void textStep(
      Stage stage, String explanation, List<NormalizedText> texts, boolean showChanges) {
    if (!on) {
      return;
    }
    List<TraceRow> rows = new ArrayList<>();
    for (int s = 0; s < texts.size(); s++) {
      NormalizedText text = texts.get(s);
      rows.add(row(sentenceLabel(s), text.length(),
          i -> Character.toString(text.codePoint(i)), i -> showChanges && text.isChanged(i)));
    }
    steps.add(new TraceStep(stage.id, stage.title, explanation, rows));
  }

  /** A word step: one row of words per sentence; the words not in {@code before} changed. */
  void words(Stage stage, List<List<Word>> words, List<List<Word>> before) {
    if (!on) {
      return;
    }
    Set<Word> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    before.forEach(kept::addAll);
    List<TraceRow> rows = new ArrayList<>();
    for (int s = 0; s < words.size(); s++) {
      List<Word> row = words.get(s);
      rows.add(row(sentenceLabel(s), row.size(),
          i -> row.get(i).text(), i -> !kept.contains(row.get(i))));
    }
    steps.add(new TraceStep(stage.id, stage.title, stage.explanation, rows));
  }

  /** A place for WordPiece to record its look-ups, or null when not recording. */
  List<WordPieceSearch.Attempt> attempts() {
    return on ? new ArrayList<>() : null;
  }

  /** How WordPiece split one ordinary word. */
  void search(
      int wordIndex, Word word, List<WordPieceSearch.Attempt> attempts, List<Piece> pieces) {
    if (on && !word.isSpecial()) {
      searches.add(new WordPieceSearch(
          wordIndex, word.text(), attempts, pieces.stream().map(Piece::token).toList()));
    }
  }

  /** The WordPiece step: a piece changed unless it is its whole word, unaltered. */
  void wordPieces(List<List<Word>> words, List<List<Piece>> pieces) {
    if (!on) {
      return;
    }
    List<Word> allWords = new ArrayList<>();
    words.forEach(allWords::addAll);
    pieceStep(Stage.WORDPIECE, Stage.WORDPIECE.explanation, pieces,
        piece -> !piece.token().equals(allWords.get(piece.wordIndex()).text()));
  }

  /** The truncation step: the pieces left. */
  void truncation(List<List<Piece>> pieces, int removed, int maxLength) {
    if (!on) {
      return;
    }
    String result = removed == 0
        ? " With at most " + maxLength + " tokens, nothing had to be removed here."
        : " With at most " + maxLength + " tokens, " + removed + " pieces were removed here.";
    pieceStep(Stage.TRUNCATION, Stage.TRUNCATION.explanation + result, pieces, piece -> false);
  }

  private void pieceStep(Stage stage, String explanation, List<List<Piece>> pieces,
      Predicate<Piece> changed) {
    List<TraceRow> rows = new ArrayList<>();
    for (int s = 0; s < pieces.size(); s++) {
      List<Piece> row = pieces.get(s);
      rows.add(row(sentenceLabel(s), row.size(),
          i -> row.get(i).token(), i -> changed.test(row.get(i))));
    }
    steps.add(new TraceStep(stage.id, stage.title, explanation, rows));
  }

  /**
   * The steps that build the model's input from the pieces: special tokens, ids, segments,
   * positions and padding. The first {@code unpadded} tokens of the encoding are real.
   */
  void assembled(Encoding encoding, int unpadded, boolean padded) {
    if (!on) {
      return;
    }
    List<String> tokens = encoding.tokens();
    TraceRow realTokens = row("tokens", unpadded, tokens::get, i -> false);
    steps.add(new TraceStep(Stage.SPECIAL.id, Stage.SPECIAL.title, Stage.SPECIAL.explanation,
        List.of(row("tokens", unpadded, tokens::get, i -> encoding.wordIds()[i] < 0))));
    numberStep(Stage.IDS, realTokens, "input ids", encoding.inputIds(), unpadded, i -> true);
    numberStep(Stage.SEGMENTS, realTokens, "token type ids", encoding.tokenTypeIds(), unpadded,
        i -> encoding.tokenTypeIds()[i] == 1);
    numberStep(Stage.POSITIONS, realTokens, "position ids", encoding.positionIds(), unpadded,
        i -> true);

    int length = encoding.length();
    IntPredicate isPadding = i -> i >= unpadded;
    String explanation = padded ? Stage.PADDING.explanation : Stage.NO_PADDING_EXPLANATION;
    steps.add(new TraceStep(Stage.PADDING.id, Stage.PADDING.title, explanation, List.of(
        row("tokens", length, tokens::get, isPadding),
        numberRow("input ids", encoding.inputIds(), length, isPadding),
        numberRow("token type ids", encoding.tokenTypeIds(), length, isPadding),
        numberRow("attention mask", encoding.attentionMask(), length, isPadding))));
  }

  private void numberStep(Stage stage, TraceRow tokens, String label, int[] numbers, int length,
      IntPredicate changed) {
    steps.add(new TraceStep(stage.id, stage.title, stage.explanation,
        List.of(tokens, numberRow(label, numbers, length, changed))));
  }

  private static TraceRow numberRow(String label, int[] numbers, int length, IntPredicate changed) {
    return row(label, length, i -> Integer.toString(numbers[i]), changed);
  }

  private static TraceRow row(
      String label, int size, IntFunction<String> cell, IntPredicate changed) {
    List<String> cells = new ArrayList<>(size);
    Set<Integer> changedCells = new HashSet<>();
    for (int i = 0; i < size; i++) {
      cells.add(cell.apply(i));
      if (changed.test(i)) {
        changedCells.add(i);
      }
    }
    return new TraceRow(label, cells, changedCells);
  }

  private static String sentenceLabel(int sentence) {
    return sentence == 0 ? "A" : "B";
  }
}
