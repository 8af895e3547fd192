package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attribution methods on the bundled tiny model, each checked against a computation that does
 * not share its path: occlusion and deletion points against f recomputed from token ids (the
 * [PAD] id in place of a token gives exactly the [PAD] row as its word part), completeness
 * against the number of steps.
 */
class AttributorTest {

  static final String TEXT = "the cat sat on the [MASK] .";
  static LoadedBert tiny;

  @BeforeAll
  static void open() throws Exception {
    tiny = LoadedBert.open("sample-tiny", Device.cpu(), Progress.NONE);
  }

  @AfterAll
  static void close() {
    tiny.close();
  }

  @Test
  void completenessErrorShrinksAsTheStepsGrow() {
    try (Attributor a = Explain.attributor(tiny, TEXT, null, Target.MLM, ForwardOptions.INFERENCE)) {
      double few = Math.abs(a.integratedGradients(4, Progress.NONE).completeness().error());
      double many = Math.abs(a.integratedGradients(64, Progress.NONE).completeness().error());
      double more = Math.abs(a.integratedGradients(256, Progress.NONE).completeness().error());
      assertTrue(many < few && more < many, few + " > " + many + " > " + more);
      Attribution.Completeness c = a.integratedGradients(256, Progress.NONE).completeness();
      assertEquals(a.f() - a.fBaseline(), c.difference(), 1e-12);
      assertTrue(Math.abs(c.error()) < 0.05 * Math.abs(c.difference()) + 1e-6, c.toString());
    }
  }

  @Test
  void theTotalIsThePartsSumAndSpecialTokensGetNoShareFromTheWordPart() {
    try (Attributor a = Explain.attributor(tiny, TEXT, null, Target.MLM, ForwardOptions.INFERENCE)) {
      Attribution ig = a.integratedGradients(8, Progress.NONE);
      for (int t = 0; t < ig.total().length; t++) {
        assertEquals(ig.token()[t] + ig.segment()[t] + ig.position()[t], ig.total()[t], 1e-12);
      }
      boolean[] replaced = a.replaced();
      assertTrue(!replaced[0] && !replaced[replaced.length - 1], "[CLS] and [SEP] keep their own word part");
      assertEquals(0, ig.token()[0], 1e-12);
      assertEquals(0, ig.position()[0], 1e-12, "position 0 is its own baseline");
    }
  }

  @Test
  void occlusionEqualsFRecomputedFromTheIdsWithPadInPlace() {
    Encoding e = tiny.encode(TEXT, null, 512);
    try (Attributor a = Explain.attributor(tiny, TEXT, null, Target.MLM, ForwardOptions.INFERENCE)) {
      Attribution occ = a.occlusion(Progress.NONE);
      assertNull(occ.segment());
      Objective.Explained x = a.explained();
      double f = direct(e.inputIds(), e.tokenTypeIds(), x.position(), x.id());
      assertEquals(f, a.f(), 1e-5);
      for (int t = 0; t < e.length(); t++) {
        int[] ids = e.inputIds().clone();
        ids[t] = tiny.vocab().padId();
        assertEquals(f - direct(ids, e.tokenTypeIds(), x.position(), x.id()), occ.total()[t], 1e-5, "token " + t);
      }
    }
  }

  @Test
  void deletionPointsEqualFRecomputedAfterEachReplacement() {
    Encoding e = tiny.encode(TEXT, null, 512);
    try (Attributor a = Explain.attributor(tiny, TEXT, null, Target.MLM, ForwardOptions.INFERENCE)) {
      Attribution ig = a.integratedGradients(16, Progress.NONE);
      int[] order = a.orderBy(ig.total());
      double[] curve = a.deletion(order);
      assertEquals(order.length + 1, curve.length);
      int[] ids = e.inputIds().clone();
      Objective.Explained x = a.explained();
      assertEquals(direct(ids, e.tokenTypeIds(), x.position(), x.id()), curve[0], 1e-5);
      for (int k = 0; k < order.length; k++) {
        ids[order[k]] = tiny.vocab().padId();
        assertEquals(direct(ids, e.tokenTypeIds(), x.position(), x.id()), curve[k + 1], 1e-5, "point " + (k + 1));
      }
      int[] random = a.randomOrder(new Random(3));
      int[] sorted = random.clone();
      Arrays.sort(sorted);
      int[] eligible = order.clone();
      Arrays.sort(eligible);
      assertArrayEquals(eligible, sorted, "a random order removes the same tokens");
    }
  }

  @Test
  void badInputGetsOneClearMessageEach() {
    BadInputException noMask = assertThrows(BadInputException.class,
        () -> Explain.attributor(tiny, "the cat sat .", null, Target.MLM, ForwardOptions.INFERENCE));
    assertTrue(noMask.getMessage().contains("no [MASK]"), noMask.getMessage());
    assertTrue(UserMessages.of(noMask, Locale.JAPANESE).contains("[MASK] がありません"));
    BadInputException outside = assertThrows(BadInputException.class, () -> Explain.attributor(tiny, TEXT, null,
        Target.MLM.withToken("zzzqqq"), ForwardOptions.INFERENCE));
    assertTrue(outside.getMessage().contains("\"zzzqqq\" is not one token of the vocabulary"), outside.getMessage());
    try (Attributor a = Explain.attributor(tiny, TEXT, null, Target.MLM, ForwardOptions.INFERENCE)) {
      for (int steps : new int[] {0, -3}) {
        BadInputException e = assertThrows(BadInputException.class, () -> a.integratedGradients(steps, Progress.NONE));
        assertTrue(e.getMessage().contains("must be 1 or more, not " + steps), e.getMessage());
      }
    }
    BadInputException task = assertThrows(BadInputException.class,
        () -> Explain.attributor(tiny, TEXT, null, Target.parse("class:1"), ForwardOptions.INFERENCE));
    assertTrue(task.getMessage().contains("this model offers mlm, nsp, similarity"), task.getMessage());
    BadInputException spec = assertThrows(BadInputException.class, () -> Target.parse("tag:3"));
    assertTrue(spec.getMessage().contains("not of the form tag:P:K"), spec.getMessage());
  }

  /** The mlm probability of {@code id} at {@code position}, from ids through the ordinary forward pass. */
  static double direct(int[] ids, int[] types, int position, int id) {
    BertForPreTraining m = tiny.model();
    try (NDManager scope = m.newScope()) {
      int[] mask = new int[ids.length];
      Arrays.fill(mask, 1);
      NDArray seq = m.forward(BertInput.of(scope, ids, types, mask), ForwardOptions.INFERENCE).sequenceOutput().get(0);
      return m.mlmLogitsAt(seq, new long[] {position}).softmax(-1).getFloat(0, id);
    }
  }
}
