package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bertworkbench.core.checkpoint.TensorSchema.Component;
import org.bertworkbench.core.config.BertConfig;
import org.junit.jupiter.api.Test;

class TensorSchemaTest {

  @Test
  void bertBaseHasTheKnownParameterCount() {
    TensorSchema base = TensorSchema.of(BertConfig.base(30522));
    assertEquals(23_837_184L, base.parameters(Component.EMBEDDINGS));
    assertEquals(7_087_872L, base.layerParameters());
    assertEquals(85_054_464L, base.parameters(Component.ENCODER));
    assertEquals(590_592L, base.parameters(Component.POOLER));
    assertEquals(109_482_240L, base.bertModelParameters());
    assertEquals(768 * 768 + 768 + 2 * 768 + 30522, base.parameters(Component.MLM_HEAD));
    assertEquals(2 * 768 + 2, base.parameters(Component.NSP_HEAD));
  }

  @Test
  void bertLargeHasTheKnownParameterCount() {
    assertEquals(335_141_888L, TensorSchema.of(BertConfig.large(30522)).bertModelParameters());
  }

  @Test
  void largeToBaseRatioIsShownExactAndAsThePaperRoundsIt() {
    TensorSchema.SizeRatio r = TensorSchema.largeVersusBase(30522);
    assertEquals(109_482_240L, r.baseParameters());
    assertEquals(335_141_888L, r.largeParameters());
    assertEquals("3.06", String.format("%.2f", r.exactRatio()));
    assertEquals("3.09", String.format("%.2f", r.paperRatio()));
    assertTrue(r.toString().contains("3.06x") && r.toString().contains("3.09x"), r.toString());
  }

  @Test
  void namesAndShapesFollowHuggingFace() {
    TensorSchema s = TensorSchema.of(Fixtures.TINY);
    assertEquals(5 + 2 * 16 + 2 + 5 + 2, s.specs().size());
    assertArrayEquals(new long[] {64, 32}, s.spec("bert.encoder.layer.1.intermediate.dense.weight").shape());
    assertArrayEquals(new long[] {32, 64}, s.spec("bert.encoder.layer.1.output.dense.weight").shape());
    assertArrayEquals(new long[] {2, 32}, s.spec("cls.seq_relationship.weight").shape());
    assertArrayEquals(new long[] {100}, s.spec("cls.predictions.bias").shape());
    assertNull(s.spec("cls.predictions.decoder.weight"));
    assertTrue(Component.ENCODER.required());
    assertFalse(Component.NSP_HEAD.required());
  }
}
