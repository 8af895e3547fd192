package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The trace that shows each step of the tokenizer. */
class TokenizerTraceTest {

  private final BertTokenizer uncased = new BertTokenizer(BertTokenizerTest.VOCAB, true);
  private final BertTokenizer cased = new BertTokenizer(BertTokenizerTest.VOCAB, false);

  private TokenizerTrace trace(BertTokenizer tokenizer, String a, String b, int max, boolean pad) {
    return tokenizer.encodeWithTrace(a, b, max, pad).trace();
  }

  @Test
  void stepsInOrder() {
    List<String> ids = trace(uncased, "Hello", null, 16, false).steps().stream()
        .map(TraceStep::id).collect(Collectors.toList());
    assertEquals(List.of("raw", "cleaned", "cjk", "lowercase", "whitespace", "punctuation",
        "wordpiece", "truncation", "special", "ids", "segments", "positions", "padding"), ids);
    trace(uncased, "Hello", null, 16, false).steps().forEach(step -> {
      assertTrue(!step.title().isBlank() && !step.explanation().isBlank(), step.id());
    });
  }

  @Test
  void textStepsShowCharactersAndWhatChanged() {
    TokenizerTrace trace = trace(uncased, "A\tb\u0001\u4E2D[MASK]", "C", 16, false);
    assertEquals("A\tb\u0001\u4E2D[MASK]", trace.step("raw").row("A").text());
    assertEquals(Set.of(5, 6, 7, 8, 9, 10), trace.step("raw").row("A").changed());
    TraceRow cleaned = trace.step("cleaned").row("A");
    assertEquals("A b\u4E2D[MASK]", cleaned.text());
    assertEquals(Set.of(1), cleaned.changed());
    TraceRow cjk = trace.step("cjk").row("A");
    assertEquals("A b \u4E2D [MASK]", cjk.text());
    assertEquals(Set.of(3, 4, 5), cjk.changed());
    TraceRow lower = trace.step("lowercase").row("A");
    assertEquals("a b \u4E2D [MASK]", lower.text());
    assertEquals(Set.of(0), lower.changed());
    assertEquals("c", trace.step("lowercase").row("B").text());
  }

  @Test
  void casedModelsKeepTheTextAtTheLowerCaseStep() {
    TraceStep lower = trace(cased, "Caf\u00E9", null, 16, false).step("lowercase");
    assertEquals("Caf\u00E9", lower.row("A").text());
    assertEquals(Set.of(), lower.row("A").changed());
    assertTrue(lower.explanation().contains("cased"));
  }

  @Test
  void wordStepsMarkTheWordsTheyMade() {
    TokenizerTrace trace = trace(uncased, "hello you!", null, 16, false);
    assertEquals(List.of("hello", "you!"), trace.step("whitespace").row("A").cells());
    TraceRow punctuation = trace.step("punctuation").row("A");
    assertEquals(List.of("hello", "you", "!"), punctuation.cells());
    assertEquals(Set.of(1, 2), punctuation.changed());
  }

  @Test
  void wordPieceRecordsEveryLookUp() {
    TokenizerTrace trace = trace(uncased, "hello unaffable", null, 16, false);
    TraceRow pieces = trace.step("wordpiece").row("A");
    assertEquals(List.of("hello", "un", "##aff", "##able"), pieces.cells());
    assertEquals(Set.of(1, 2, 3), pieces.changed());

    WordPieceSearch search = trace.wordPieceSearches().get(1);
    assertEquals(1, search.wordIndex());
    assertEquals("unaffable", search.word());
    assertEquals(List.of("un", "##aff", "##able"), search.pieces());
    List<String> tried = search.attempts().stream()
        .map(WordPieceSearch.Attempt::candidate).collect(Collectors.toList());
    assertEquals(List.of("unaffable", "unaffabl", "unaffab", "unaffa", "unaff", "unaf", "una", "un",
        "##affable", "##affabl", "##affab", "##affa", "##aff", "##able"), tried);
    List<String> found = search.attempts().stream().filter(WordPieceSearch.Attempt::found)
        .map(WordPieceSearch.Attempt::candidate).collect(Collectors.toList());
    assertEquals(List.of("un", "##aff", "##able"), found);
  }

  @Test
  void typedSpecialTokensAreNotSearched() {
    TokenizerTrace trace = trace(uncased, "[MASK] x", null, 16, false);
    assertEquals(1, trace.wordPieceSearches().size());
    assertEquals(List.of("[UNK]"), trace.wordPieceSearches().get(0).pieces());
  }

  @Test
  void truncationSaysHowManyPiecesWentAndPairsHaveTwoRows() {
    TokenizerTrace trace = trace(uncased, "unwanted running", "how are", 8, false);
    TraceStep truncation = trace.step("truncation");
    assertEquals(List.of("un", "##want", "##ed"), truncation.row("A").cells());
    assertEquals(List.of("how", "are"), truncation.row("B").cells());
    assertTrue(truncation.explanation().contains("2 pieces were removed"),
        truncation.explanation());
  }

  @Test
  void assemblyStepsShowTheNumbers() {
    TokenizerTrace trace = trace(uncased, "hello", "you", 7, true);
    TraceRow special = trace.step("special").row("tokens");
    assertEquals(List.of("[CLS]", "hello", "[SEP]", "you", "[SEP]"), special.cells());
    assertEquals(Set.of(0, 2, 4), special.changed());
    assertEquals(List.of("2", "16", "3", "19", "3"), trace.step("ids").row("input ids").cells());
    TraceRow segments = trace.step("segments").row("token type ids");
    assertEquals(List.of("0", "0", "0", "1", "1"), segments.cells());
    assertEquals(Set.of(3, 4), segments.changed());
    assertEquals(List.of("0", "1", "2", "3", "4"),
        trace.step("positions").row("position ids").cells());
    TraceStep padding = trace.step("padding");
    assertEquals(List.of("1", "1", "1", "1", "1", "0", "0"),
        padding.row("attention mask").cells());
    assertEquals(Set.of(5, 6), padding.row("tokens").changed());
    assertEquals("[PAD]", padding.row("tokens").cells().get(6));
  }
}
