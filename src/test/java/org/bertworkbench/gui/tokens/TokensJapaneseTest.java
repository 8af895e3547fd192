package org.bertworkbench.gui.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.TokenizerOptions;
import org.bertworkbench.core.tokenize.TokenizerTrace;
import org.bertworkbench.core.tokenize.TraceStep;
import org.bertworkbench.gui.draw.JapaneseScene;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Tokens view in Japanese: its controls, the tokenizer's steps (whose titles and explanations
 * core gives in English, translated here by step id and variant) and the step picture.
 */
@ExtendWith(ApplicationExtension.class)
class TokensJapaneseTest {

  TokensPane pane;

  @Start
  void start(Stage stage) {
    Language.use(Language.JA);
    pane = new TokensPane(new WorkbenchViewModel());
    stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 900, 600));
    stage.show();
  }

  @AfterEach
  void english() {
    Language.use(Language.EN);
  }

  /**
   * Every variant core writes: uncased and padded, cased and unpadded, truncated, and a
   * tokenizer.json's switches (lower-case only, accents only, cleaning and CJK spacing off).
   */
  static List<TraceStep> steps() {
    List<TraceStep> all = new ArrayList<>();
    for (TokenizerTrace t : List.of(
        new BertTokenizer(StepExportTest.VOCAB, true).encodeWithTrace(StepExportTest.A, StepExportTest.B, 16, true)
            .trace(),
        new BertTokenizer(StepExportTest.VOCAB, false).encodeWithTrace(StepExportTest.A, null, 64, false).trace(),
        new BertTokenizer(StepExportTest.VOCAB, true).encodeWithTrace(StepExportTest.A, StepExportTest.B, 7, false)
            .trace(),
        new BertTokenizer(StepExportTest.VOCAB, switches(false, false, false, true))
            .encodeWithTrace(StepExportTest.A, null, 64, false).trace(),
        new BertTokenizer(StepExportTest.VOCAB, switches(true, true, true, false))
            .encodeWithTrace(StepExportTest.A, null, 64, false).trace())) {
      all.addAll(t.steps());
    }
    return all;
  }

  /** Google's options with a tokenizer.json's four normaliser switches. */
  static TokenizerOptions switches(boolean clean, boolean cjk, boolean strip, boolean lower) {
    TokenizerOptions g = TokenizerOptions.bert(true);
    return new TokenizerOptions(clean, cjk, strip, lower, g.unkToken(), g.continuingPrefix(),
        g.maxInputCharsPerWord(), g.neverSplit(), g.single(), g.pair(), TokenizerOptions.Truncation.LONGEST_FIRST);
  }

  @Test
  void thePanesWordsAreJapanese() {
    List<String> texts = JapaneseScene.texts(pane.node());
    assertTrue(texts.size() >= 9, "buttons, the WordPiece line and six column titles: " + texts);
    assertEquals(List.of(), JapaneseScene.notJapanese(pane.node()));
    assertTrue(JapaneseScene.reads(pane.title()), pane.title());
  }

  @Test
  void inEnglishTheStepsSayWhatCoreSays() {
    Language.use(Language.EN);
    for (TraceStep step : steps()) {
      assertEquals(step.title(), TokensPane.stepTitle(step), step.id());
      assertEquals(step.explanation(), TokensPane.stepExplanation(step), step.id());
    }
  }

  @Test
  void inJapaneseEveryStepAndEveryVariantIsTranslated() {
    List<TraceStep> steps = steps();
    assertTrue(steps.stream().map(TraceStep::explanation).distinct().count() > steps.stream()
        .map(TraceStep::id).distinct().count(), "the traces hold variants (cased, no padding, truncated)");
    List<String> seen = new ArrayList<>();
    for (TraceStep step : steps) {
      String title = TokensPane.stepTitle(step);
      String text = TokensPane.stepExplanation(step);
      assertTrue(GuiBundlesTest.JAPANESE.matcher(title).find(), step.id() + ": " + title);
      assertTrue(GuiBundlesTest.JAPANESE.matcher(text).find(), step.id() + ": " + text);
      assertNotEquals(step.explanation(), text, step.id());
      seen.add(step.explanation() + "|" + text);
      if (step.id().equals("truncation")) {
        // Core's numbers carried over: "With at most 7 tokens, 6 pieces were removed here."
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(step.explanation());
        while (m.find()) {
          assertTrue(text.contains(m.group()), "truncation lost " + m.group() + ": " + text);
        }
      }
    }
    // Different English variants of a step never collapse into one Japanese text.
    assertEquals(seen.stream().map(s -> s.split("\\|")[0]).distinct().count(),
        seen.stream().map(s -> s.split("\\|")[1]).distinct().count(), String.join("\n", seen));
  }

  @Test
  void theStepPictureIsInJapanese() {
    TraceStep padding = steps().stream().filter(s -> s.id().equals("padding")).findFirst().orElseThrow();
    String svg = Exports.svg(new StepDrawing(padding, StepExportTest.A, StepExportTest.B, -1, null), 900, 400);
    for (String word : List.of("元の文A", "元の文B", "トークン", "アテンションマスク")) {
      assertTrue(svg.contains(word), word + " not drawn");
    }
    assertFalse(svg.contains("DejaVu Sans"), "a face without Japanese glyphs");
  }
}
