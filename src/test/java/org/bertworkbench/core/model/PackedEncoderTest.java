package org.bertworkbench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.bertworkbench.core.tensor.Engines;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packed encoder (one TorchScript call, oneDNN's packed weights) against the blocks it stands
 * in for, on read-only weights of a 2-layer model: every intermediate of a traced pass, padded
 * batches run in chunks, the causal mask, and where it must not be used.
 */
class PackedEncoderTest {

  static BertForPreTraining trainable;
  static BertForPreTraining frozen;

  @BeforeAll
  static void load() {
    trainable = BertForPreTraining.random(BertModelTest.TINY, Device.cpu(), 11);
    frozen = BertForPreTraining.fromTensors(trainable.weights().toRawTensors(), BertModelTest.TINY, Device.cpu());
  }

  @AfterAll
  static void close() {
    frozen.close();
    trainable.close();
  }

  @AfterEach
  void switchesBack() {
    System.clearProperty(PackedEncoder.SWITCH);
    System.clearProperty(PackedEncoder.ROWS_SWITCH);
  }

  @Test
  void aTracedPassEqualsTheBlocksInEveryIntermediate() {
    try (NDManager m = frozen.newScope()) {
      BertModel.Output packed = packedPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRACE));
      BertModel.Output blocks = blocksPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRACE));
      assertClose(blocks.sequenceOutput(), packed.sequenceOutput());
      assertClose(blocks.pooledOutput(), packed.pooledOutput());
      assertAllClose(blocks.trace().hiddenStates(), packed.trace().hiddenStates());
      assertAllClose(blocks.trace().attentions(), packed.trace().attentions());
      assertAllClose(blocks.trace().queries(), packed.trace().queries());
      assertAllClose(blocks.trace().keys(), packed.trace().keys());
      assertAllClose(blocks.trace().values(), packed.trace().values());
      // The padded keys of the second row get no attention on either path.
      float[] probs = packed.trace().attentions().get(1).get(1).toFloatArray(); // (N, T, T)
      for (int i = 6; i < probs.length; i += 8) {
        assertTrue(probs[i] < 1e-3f && probs[i + 1] < 1e-3f, "padding is attended: " + probs[i]);
      }
    }
  }

  @Test
  void anUntracedPassEqualsTheTracedOne() {
    try (NDManager m = frozen.newScope()) {
      BertModel.Output plain = packedPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.INFERENCE));
      BertModel.Output traced = packedPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRACE));
      assertArrayEquals(traced.sequenceOutput().toFloatArray(), plain.sequenceOutput().toFloatArray(), 0f);
      assertEquals(null, plain.trace());
    }
  }

  @Test
  void aBatchRunInChunksOfOneRowEqualsItRunWhole() {
    try (NDManager m = frozen.newScope()) {
      BertModel.Output whole = packedPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRACE));
      System.setProperty(PackedEncoder.ROWS_SWITCH, "8"); // 8 tokens a chunk: one row of the pair each
      BertModel.Output chunked = packedPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRACE));
      assertClose(whole.sequenceOutput(), chunked.sequenceOutput());
      assertAllClose(whole.trace().attentions(), chunked.trace().attentions());
      assertAllClose(whole.trace().values(), chunked.trace().values());
    }
  }

  @Test
  void theCausalMaskIsKept() {
    ForwardOptions causal = ForwardOptions.TRACE.withCausal(true);
    try (NDManager m = frozen.newScope()) {
      BertModel.Output packed = packedPass(() -> frozen.forward(BertModelTest.pair(m), causal));
      BertModel.Output blocks = blocksPass(() -> frozen.forward(BertModelTest.pair(m), causal));
      assertClose(blocks.sequenceOutput(), packed.sequenceOutput());
      assertAllClose(blocks.trace().attentions(), packed.trace().attentions());
      float[] first = packed.trace().attentions().get(0).get(0, 0, 0).toFloatArray(); // query 0
      assertEquals(1f, first[0], 1e-5f, "the first token attends only to itself");
    }
  }

  @Test
  void headMasksTrainableWeightsAndTrainingStayOnTheBlocks() {
    float[][] mask = {{1, 0, 1, 1}, {1, 1, 1, 1}};
    try (NDManager m = frozen.newScope(); NDManager t = trainable.newScope()) {
      blocksOnly(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRACE.withHeadMask(mask)));
      blocksOnly(() -> trainable.forward(BertModelTest.pair(t), ForwardOptions.INFERENCE));
      blocksOnly(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRAINING));
      float[][] allOn = {{1, 1, 1, 1}, {1, 1, 1, 1}};
      packedPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.INFERENCE.withHeadMask(allOn)));
    }
  }

  @Test
  void aPassFromASumThatTakesGradientsStaysOnTheBlocks() {
    try (NDManager m = frozen.newScope()) {
      BertInput in = BertModelTest.pair(m);
      NDArray sum = frozen.bert().embeddings().forward(in.inputIds(), in.tokenTypeIds(), false).sum().duplicate();
      sum.setRequiresGradient(true);
      try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
        NDArray out = blocksOnly(() -> frozen.bert().forwardFromSum(sum, in.attentionMask(), ForwardOptions.INFERENCE))
            .sequenceOutput();
        gc.backward(out.get(0, 1, 0)); // one coordinate: a LayerNorm output sums to a constant
      }
      assertTrue(sum.getGradient().abs().sum().getFloat() > 0, "the gradient reaches the sum");
    }
  }

  @Test
  void bfloat16PassesStayCloseToFloat32() {
    assumeTrue(PackedEncoder.bfloat16Hardware(), "this CPU has no bfloat16 arithmetic");
    try (BertForPreTraining low = BertForPreTraining.fromTensors(trainable.weights().toRawTensors(),
            BertModelTest.TINY, Device.cpu());
        NDManager m = frozen.newScope();
        NDManager n = low.newScope()) {
      low.bert().computeInBfloat16(true);
      BertModel.Output wide = packedPass(() -> frozen.forward(BertModelTest.pair(m), ForwardOptions.TRACE));
      BertModel.Output narrow = packedPass(() -> low.forward(BertModelTest.pair(n), ForwardOptions.TRACE));
      float hidden = maxDiff(wide.sequenceOutput(), narrow.sequenceOutput());
      float attention = maxDiff(wide.trace().attentions().get(1), narrow.trace().attentions().get(1));
      assertTrue(hidden > 0 && hidden < 0.1f, "hidden states differ by " + hidden);
      assertTrue(attention < 0.02f, "attention differs by " + attention);
      assertEquals(DataType.FLOAT32, narrow.trace().values().get(0).getDataType());
      low.bert().computeInBfloat16(false);
      BertModel.Output back = packedPass(() -> low.forward(BertModelTest.pair(n), ForwardOptions.INFERENCE));
      assertClose(wide.sequenceOutput(), back.sequenceOutput());
    }
  }

  private static float maxDiff(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }

  private static BertModel.Output packedPass(Supplier<BertModel.Output> pass) {
    long before = PackedEncoder.PASSES.get();
    BertModel.Output out = pass.get();
    assertEquals(before + 1, PackedEncoder.PASSES.get(), "the pass should have run packed");
    return out;
  }

  private static BertModel.Output blocksPass(Supplier<BertModel.Output> pass) {
    System.setProperty(PackedEncoder.SWITCH, "false");
    try {
      return blocksOnly(pass);
    } finally {
      System.clearProperty(PackedEncoder.SWITCH);
    }
  }

  private static BertModel.Output blocksOnly(Supplier<BertModel.Output> pass) {
    long before = PackedEncoder.PASSES.get();
    BertModel.Output out = pass.get();
    assertEquals(before, PackedEncoder.PASSES.get(), "the pass should have run on the blocks");
    return out;
  }

  private static void assertAllClose(List<NDArray> expected, List<NDArray> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertClose(expected.get(i), actual.get(i));
    }
  }

  private static void assertClose(NDArray expected, NDArray actual) {
    assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape());
    assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-5f);
  }
}
