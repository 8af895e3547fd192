package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.finetune.FineTunedFolders;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The logit lens on Google's BERT-Base: its last layer is fill-mask, id for id and float for float,
 * with and without heads switched off; "paris" is not what the embeddings' output reads but is the
 * answer well before the last layer; an input without a mask and a model without a masked-LM head are
 * refused with their messages.
 */
class LogitLensTest {

  static LoadedBert bert;

  @BeforeAll
  static void load() throws Exception {
    bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE);
  }

  @AfterAll
  static void close() {
    bert.close();
  }

  static void assertLastLayerIsFillMask(String text, int topK, ForwardOptions options) {
    Encoding e = bert.encode(text, null, 128);
    LogitLens.Result lens = LogitLens.of(bert.model(), bert.vocab(), e, topK, options);
    List<FillMask.MaskPredictions> fill = FillMask.predict(bert.model(), bert.vocab(), e, topK, options);
    assertEquals(fill.size(), lens.masks().size(), "one lens per [MASK]");
    assertEquals(13, lens.states(), "the embeddings' output and 12 layers");
    for (int m = 0; m < fill.size(); m++) {
      LogitLens.Mask mask = lens.masks().get(m);
      assertEquals(fill.get(m).position(), mask.position());
      LogitLens.Layer last = mask.layers().get(12);
      assertEquals(12, last.layer());
      List<FillMask.Prediction> expected = fill.get(m).predictions();
      assertEquals(expected.size(), last.top().size());
      for (int i = 0; i < expected.size(); i++) {
        FillMask.Prediction p = expected.get(i);
        LogitLens.Candidate c = last.top().get(i);
        assertEquals(p.id(), c.id(), text + " mask " + m + " rank " + i);
        assertEquals(p.token(), c.token());
        assertEquals((float) p.score(), (float) c.probability(), 0f, "exactly the same float: " + p.token());
      }
      assertEquals(1, last.finalTokenRank());
      assertEquals(last.top().get(0).probability(), last.finalTokenProbability(), 0.0);
      for (LogitLens.Layer l : mask.layers()) {
        assertEquals(topK, l.top().size());
        for (int i = 1; i < l.top().size(); i++) {
          assertTrue(l.top().get(i - 1).probability() >= l.top().get(i).probability(), "sorted at " + l.layer());
        }
        boolean inTop = l.top().stream().anyMatch(c -> c.id() == mask.finalToken().id());
        assertEquals(inTop, l.finalTokenRank() <= topK, "rank and top-k agree at " + l.layer());
        if (l.finalTokenRank() == 1) {
          assertEquals(mask.finalToken().id(), l.top().get(0).id());
        }
      }
    }
  }

  @Test
  void theLastLayerIsFillMaskExactly() {
    assertLastLayerIsFillMask("Paris is the [MASK] of France.", 5, ForwardOptions.INFERENCE);
    assertLastLayerIsFillMask("The [MASK] sat on the [MASK] all day.", 10, ForwardOptions.INFERENCE);
  }

  @Test
  void withHeadsSwitchedOffTooAsFillMaskTakesThem() {
    float[][] mask = new float[12][12];
    for (float[] row : mask) {
      java.util.Arrays.fill(row, 1f);
    }
    mask[0][3] = 0f;
    mask[11][0] = 0f;
    assertLastLayerIsFillMask("Paris is the [MASK] of France.", 5, ForwardOptions.INFERENCE.withHeadMask(mask));
  }

  @Test
  void capitalAppearsInTheUpperLayers() {
    LogitLens.Result lens = LogitLens.of(bert, "Paris is the [MASK] of France.", null, 128, 5,
        ForwardOptions.INFERENCE);
    LogitLens.Mask m = lens.masks().get(0);
    assertEquals("capital", m.finalToken().token());
    assertEquals(4, m.position());
    List<LogitLens.Layer> layers = m.layers();
    for (int s = 0; s <= 4; s++) {
      assertTrue(layers.get(s).finalTokenRank() > 100, "the lower layers do not read capital yet: " + s);
    }
    for (int s = 10; s <= 12; s++) {
      assertEquals("capital", layers.get(s).top().get(0).token(), "read from the output of layer 9 on: " + s);
    }
    assertTrue(layers.get(0).finalTokenProbability() < layers.get(12).finalTokenProbability());
    for (LogitLens.Layer l : layers) {
      System.err.printf("lens %2d: capital p=%.4f rank %d, top %s%n", l.layer(), l.finalTokenProbability(),
          l.finalTokenRank(), l.top().get(0).token());
    }
  }

  @Test
  void noMaskIsRefusedInEitherLanguage() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> LogitLens.of(bert, "Paris is the capital of France.", null, 128, 5, ForwardOptions.INFERENCE));
    String en = UserMessages.of(e);
    assertTrue(en.startsWith("there is no [MASK] in the text: the logit lens"), en);
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(ja.startsWith("テキストに [MASK] がありません"), ja);
  }

  @Test
  void aModelWithoutItsOwnMlmHeadIsRefused() throws Exception {
    Path classifier = FineTunedFolders.classifier(Files.createTempDirectory("lens-classifier").resolve("model"));
    try (LoadedBert tuned = LoadedBert.open(classifier.toString(), Device.cpu(), Progress.NONE)) {
      BadInputException e = assertThrows(BadInputException.class,
          () -> LogitLens.of(tuned, "a [MASK] day", null, 128, 5, ForwardOptions.INFERENCE));
      assertEquals(FillMask.NO_MLM_HEAD, UserMessages.of(e));
      assertEquals(FillMask.noMlmHead().in(Locale.JAPANESE), UserMessages.of(e, Locale.JAPANESE));
    }
  }
}
