package org.bertworkbench.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.RawTensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shapes, trace and masking on a 2-layer, hidden-32 model with random weights. */
class BertModelTest {

  static final BertConfig TINY = BertConfig.of(50, 32, 2, 4, 64, 40, 2);
  static BertForPreTraining model;

  @BeforeAll
  static void load() {
    model = BertForPreTraining.random(TINY, Device.cpu(), 7);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static BertInput pair(NDManager m) {
    int[][] ids = {{2, 10, 11, 12, 3, 20, 21, 3}, {2, 13, 14, 3, 25, 3, 0, 0}};
    int[][] types = {{0, 0, 0, 0, 0, 1, 1, 1}, {0, 0, 0, 0, 1, 1, 0, 0}};
    int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 0, 0}};
    return BertInput.of(m, ids, types, mask);
  }

  @Test
  void shapesOfABatch() {
    try (NDManager m = model.newScope()) {
      BertModel.Output out = model.forward(pair(m), ForwardOptions.TRACE);
      assertArrayEquals(new long[] {2, 8, 32}, out.sequenceOutput().getShape().getShape());
      assertArrayEquals(new long[] {2, 32}, out.pooledOutput().getShape().getShape());
      BertTrace trace = out.trace();
      assertEquals(2, trace.attentions().size());
      assertEquals(3, trace.hiddenStates().size());
      assertArrayEquals(new long[] {2, 4, 8, 8}, trace.attentions().get(0).getShape().getShape());
      assertArrayEquals(new long[] {2, 8, 32}, trace.positionEmbeddings().getShape().getShape());
      assertArrayEquals(new long[] {2, 4, 8, 8}, trace.queries().get(1).getShape().getShape());
    }
  }

  @Test
  void eachHiddenStateIsWhatThatManyLayersCompute() {
    // A model of the same weights cut after its first layer must output hidden state 1 of the full
    // model; the full model's last hidden state is its untraced output, computed again.
    BertConfig oneLayer = BertConfig.of(50, 32, 1, 4, 64, 40, 2);
    try (BertForPreTraining cut = BertForPreTraining.fromTensors(model.weights().toRawTensors(), oneLayer, Device.cpu());
        NDManager m = model.newScope();
        NDManager c = cut.newScope()) {
      BertTrace trace = model.forward(pair(m), ForwardOptions.TRACE).trace();
      float[] afterOne = cut.forward(pair(c), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      assertArrayEquals(afterOne, trace.hiddenStates().get(1).toFloatArray(), 1e-6f);
      float[] untraced = model.forward(pair(m), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      assertArrayEquals(untraced, trace.hiddenStates().get(2).toFloatArray(), 0f);
      assertTrue(Math.abs(afterOne[0] - untraced[0]) > 1e-4, "the second layer changes the vectors");
      BertTrace cutTrace = cut.forward(pair(c), ForwardOptions.TRACE).trace();
      assertArrayEquals(cutTrace.attentions().get(0).toFloatArray(), trace.attentions().get(0).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void thePretrainingPassReturnsTheSameTraceAndScoresAtTheAskedPositions() {
    try (NDManager m = model.newScope()) {
      long[] positions = {2, 8 + 4}; // sequence 0 token 2, sequence 1 token 4
      BertForPreTraining.PreTrainingOutput out = model.forward(pair(m), ForwardOptions.TRACE, positions);
      BertTrace plain = model.forward(pair(m), ForwardOptions.TRACE).trace();
      assertEquals(2, out.trace().attentions().size());
      assertArrayEquals(plain.attentions().get(1).toFloatArray(), out.trace().attentions().get(1).toFloatArray(), 0f);
      assertArrayEquals(new long[] {2, 50}, out.mlmLogits().getShape().getShape());
      assertArrayEquals(new long[] {2, 2}, out.nspLogits().getShape().getShape());
      NDArray second = model.mlmLogitsAt(plain.hiddenStates().get(2).get(1), new long[] {4}); // (1, V)
      assertArrayEquals(second.toFloatArray(), out.mlmLogits().get(1).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void sumIsExactlyTheThreePartsAndFirstHiddenStateIsItsLayerNorm() {
    try (NDManager m = model.newScope()) {
      BertTrace trace = model.forward(pair(m), ForwardOptions.TRACE).trace();
      float[] sum = trace.embeddingSum().toFloatArray();
      float[] token = trace.tokenEmbeddings().toFloatArray();
      float[] segment = trace.segmentEmbeddings().toFloatArray();
      float[] position = trace.positionEmbeddings().toFloatArray();
      for (int i = 0; i < sum.length; i++) {
        assertEquals(token[i] + segment[i] + position[i], sum[i], 0f, "element " + i);
      }
      // LayerNorm by hand: gain 1, bias 0 at initialisation.
      float[] normalised = trace.embeddingOutput().toFloatArray();
      int h = TINY.hiddenSize();
      for (int row = 0; row < sum.length / h; row++) {
        double mean = 0;
        for (int j = 0; j < h; j++) {
          mean += sum[row * h + j];
        }
        mean /= h;
        double var = 0;
        for (int j = 0; j < h; j++) {
          var += Math.pow(sum[row * h + j] - mean, 2);
        }
        var /= h;
        for (int j = 0; j < h; j++) {
          double expected = (sum[row * h + j] - mean) / Math.sqrt(var + TINY.layerNormEps());
          assertEquals(expected, normalised[row * h + j], 1e-5);
        }
      }
    }
  }

  @Test
  void paddingGetsNoAttentionAndRowsSumToOne() {
    try (NDManager m = model.newScope()) {
      NDArray probs = model.forward(pair(m), ForwardOptions.TRACE).trace().attentions().get(1);
      NDArray toPadding = probs.get(new NDIndex("1, :, :, 6:"));
      assertEquals(0f, toPadding.sum().getFloat(), 1e-6f);
      float[] rowSums = probs.sum(new int[] {-1}).toFloatArray();
      for (float s : rowSums) {
        assertEquals(1f, s, 1e-5f);
      }
    }
  }

  @Test
  void paddingDoesNotChangeTheRealTokens() {
    try (NDManager m = model.newScope()) {
      int[] ids = {2, 13, 14, 3, 25, 3};
      int[] types = {0, 0, 0, 0, 1, 1};
      BertInput alone = BertInput.of(m, ids, types, new int[] {1, 1, 1, 1, 1, 1});
      float[] a = model.forward(alone, ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      float[] b = model.forward(pair(m), ForwardOptions.INFERENCE).sequenceOutput()
          .get(new NDIndex("1, :6, :")).toFloatArray();
      assertArrayEquals(a, b, 1e-5f);
    }
  }

  @Test
  void traceChangesNothing() {
    try (NDManager m = model.newScope()) {
      float[] plain = model.forward(pair(m), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      float[] traced = model.forward(pair(m), ForwardOptions.TRACE).sequenceOutput().toFloatArray();
      assertArrayEquals(plain, traced, 0f);
    }
  }

  @Test
  void causalMaskHidesTheFuture() {
    try (NDManager m = model.newScope()) {
      ForwardOptions causal = ForwardOptions.TRACE.withCausal(true);
      NDArray probs = model.forward(pair(m), causal).trace().attentions().get(0);
      float[][] first = matrix(probs.get(new NDIndex("0, 0")));
      for (int q = 0; q < 8; q++) {
        for (int k = q + 1; k < 8; k++) {
          assertEquals(0f, first[q][k], 1e-7f);
        }
      }
    }
  }

  @Test
  void headMaskZeroesThatHeadOnlyAndAllOnesChangesNothing() {
    try (NDManager m = model.newScope()) {
      float[] plain = model.forward(pair(m), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      float[][] ones = {{1, 1, 1, 1}, {1, 1, 1, 1}};
      float[] same = model.forward(pair(m), ForwardOptions.INFERENCE.withHeadMask(ones))
          .sequenceOutput().toFloatArray();
      assertArrayEquals(plain, same, 0f);
      float[][] off = {{1, 0, 1, 1}, {1, 1, 1, 1}};
      BertTrace trace = model.forward(pair(m), ForwardOptions.TRACE.withHeadMask(off)).trace();
      assertEquals(0f, trace.attentions().get(0).get(new NDIndex(":, 1")).abs().sum().getFloat(), 0f);
      assertTrue(trace.attentions().get(0).get(new NDIndex(":, 0")).sum().getFloat() > 1f);
      float[] masked = trace.hiddenStates().get(2).toFloatArray();
      assertNotEquals(plain[0], masked[0]);
    }
  }

  @Test
  void parameterCountsAddUpAndTensorsRoundTrip() {
    Map<String, Long> counts = model.parameterCounts();
    long h = 32, v = 50, i = 64;
    long embeddings = v * h + 40 * h + 2 * h + 2 * h;
    long layer = 4 * (h * h + h) + 2 * h + (h * i + i) + (i * h + h) + 2 * h;
    assertEquals(embeddings, counts.get("embeddings"));
    assertEquals(2 * layer, counts.get("encoder"));
    assertEquals(h * h + h, counts.get("pooler"));
    assertEquals(h * h + h + 2 * h + v, counts.get("mlm_head"));
    assertEquals(2 * h + 2, counts.get("nsp_head"));
    Map<String, RawTensor> raw = model.weights().toRawTensors();
    try (BertForPreTraining copy = BertForPreTraining.fromTensors(raw, TINY, Device.cpu());
        NDManager m = copy.newScope()) {
      assertTrue(copy.initialised().isEmpty());
      // The read-only copy would run packed (equal within 1e-5, PackedEncoderTest); on the blocks the
      // round-tripped tensors must give the very same numbers.
      System.setProperty(PackedEncoder.SWITCH, "false");
      float[] a;
      try {
        a = copy.forward(pair(m), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      } finally {
        System.clearProperty(PackedEncoder.SWITCH);
      }
      try (NDManager m2 = model.newScope()) {
        float[] b = model.forward(pair(m2), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
        assertArrayEquals(b, a, 0f);
      }
    }
  }

  @Test
  void aMissingEncoderTensorIsRefusedAndAMissingHeadIsInitialised() {
    Map<String, RawTensor> raw = new java.util.HashMap<>(model.weights().toRawTensors());
    raw.remove("cls.seq_relationship.weight");
    try (BertForPreTraining copy = BertForPreTraining.fromTensors(raw, TINY, Device.cpu())) {
      assertEquals(java.util.List.of("cls.seq_relationship.weight"), copy.initialised());
    }
    raw.remove("bert.encoder.layer.1.output.dense.weight");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BertForPreTraining.fromTensors(raw, TINY, Device.cpu()));
    assertTrue(e.getMessage().contains("bert.encoder.layer.1.output.dense.weight"), e.getMessage());
  }

  @Test
  void aTransposedKernelLoadsTheSameAsViewAndAsTrainableCopy() {
    Map<String, RawTensor> raw = new java.util.HashMap<>(model.weights().toRawTensors());
    String name = "bert.encoder.layer.0.intermediate.dense.weight";
    float[] hf = org.bertworkbench.core.tensor.TensorData.hfValues(raw.get(name)); // (I, H)
    long[] shape = raw.get(name).shape();
    float[] kernel = new float[hf.length]; // TensorFlow's (H, I)
    for (int r = 0; r < shape[0]; r++) {
      for (int c = 0; c < shape[1]; c++) {
        kernel[(int) (c * shape[0] + r)] = hf[(int) (r * shape[1] + c)];
      }
    }
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocateDirect(kernel.length * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(kernel);
    raw.put(name, new RawTensor(name, new long[] {shape[1], shape[0]}, bytes, true));
    try (BertForPreTraining view = BertForPreTraining.fromTensors(raw, TINY, Device.cpu(), WeightOptions.readOnly());
        BertForPreTraining copy = BertForPreTraining.fromTensors(raw, TINY, Device.cpu(), WeightOptions.forTraining());
        NDManager m = model.newScope()) {
      float[] expected = model.forward(pair(m), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      try (NDManager a = view.newScope(); NDManager b = copy.newScope()) {
        assertArrayEquals(expected, view.forward(pair(a), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray(), 1e-5f);
        assertArrayEquals(expected, copy.forward(pair(b), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray(), 1e-5f);
      }
      assertTrue(copy.weights().all().get(name).getShape().equals(new ai.djl.ndarray.types.Shape(shape)));
    }
  }

  @Test
  void geluIsTheExactErfForm() {
    try (NDManager m = model.newScope()) {
      float[] xs = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f};
      float[] ys = ai.djl.nn.Activation.gelu(m.create(xs)).toFloatArray();
      for (int k = 0; k < xs.length; k++) {
        double exact = 0.5 * xs[k] * (1 + erf(xs[k] / Math.sqrt(2)));
        assertEquals(exact, ys[k], 1e-6, "gelu(" + xs[k] + ")");
      }
    }
  }

  static float[][] matrix(NDArray a) {
    int rows = (int) a.getShape().get(0);
    int cols = (int) a.getShape().get(1);
    float[] flat = a.toFloatArray();
    float[][] out = new float[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  /** erf by its Taylor series, accurate to 1e-12 on |x| <= 3. */
  static double erf(double x) {
    double sum = 0;
    double term = x;
    for (int n = 0; n < 200; n++) {
      sum += term / (2 * n + 1);
      term *= -x * x / (n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
