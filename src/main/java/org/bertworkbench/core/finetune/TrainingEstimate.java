package org.bertworkbench.core.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.Engines;

/**
 * How long a fine-tuning run will take, before it is launched: the model's size times the tokens
 * it will see (the usual 6 x parameters x tokens for a training step, plus attention's T^2 part),
 * divided by what this machine's engine was measured to multiply in a short matrix product. An
 * estimate: the batches are counted padded to the maximum length (shorter inputs train faster),
 * and dev evaluations and checkpoints are not counted.
 *
 * @param seconds the estimated training time
 * @param flopsPerSecond the speed used (measured, not the peak of the device)
 * @param steps optimiser steps of the run
 */
public record TrainingEstimate(double seconds, double flopsPerSecond, long steps) {

  /**
   * Training reaches about this share of a bare matrix product's speed: backward, the optimiser
   * and the small operations between matrix products (BERT-Base fine-tuning on a CPU with
   * PyTorch runs at about a third to a half of a large GEMM's rate).
   */
  static final double TRAINING_EFFICIENCY = 0.4;

  /** Floating-point operations of one training step (forward and backward) on {@code batch} rows of {@code length} tokens. */
  public static double stepFlops(BertConfig c, int batch, int length) {
    double h = c.hiddenSize();
    double perLayer = 4 * h * h + 2 * h * c.intermediateSize(); // Q, K, V, output; the feed-forward's two
    double tokens = (double) batch * length;
    double dense = 6 * c.numHiddenLayers() * perLayer * tokens; // 2 per multiply-add, x3 with backward
    double attention = 6 * c.numHiddenLayers() * 2 * length * h * tokens; // Q K^T and P V
    return dense + attention;
  }

  /** The run's estimate at a measured speed. */
  public static TrainingEstimate of(BertConfig c, int examples, int epochs, int batch, int maxLength,
      double flopsPerSecond) {
    long stepsPerEpoch = (examples + batch - 1) / batch;
    long steps = stepsPerEpoch * epochs;
    double seconds = steps * stepFlops(c, batch, maxLength) / (flopsPerSecond * TRAINING_EFFICIENCY);
    return new TrainingEstimate(seconds, flopsPerSecond, steps);
  }

  /**
   * The length a batch is padded to, guessed without a tokenizer: about 1.3 word pieces a word
   * (English WordPiece) plus [CLS] and [SEP]s, the 90th percentile of the examples (a batch pads
   * to its longest input), at most the maximum length.
   */
  public static int typicalLength(java.util.List<? extends Example> examples, int maxLength) {
    if (examples.isEmpty()) {
      return maxLength;
    }
    int[] lengths = examples.stream().mapToInt(e -> Math.min(maxLength, (int) Math.ceil(3 + 1.3 * words(e)))).sorted()
        .toArray();
    return lengths[Math.min(lengths.length - 1, (int) (0.9 * lengths.length))];
  }

  private static int words(Example e) {
    String text = e instanceof TextExample t ? t.textA() + (t.textB() == null ? "" : " " + t.textB())
        : e instanceof QaExample q ? q.question() + " " + q.context() : String.join(" ", ((TagExample) e).words());
    return text.isBlank() ? 0 : text.trim().split("\\s+").length;
  }

  /**
   * Measures the engine's speed on the device: a (512, 768) x (768, 3072) float product, the
   * shape of BERT-Base's feed-forward, repeated for about a quarter of a second.
   */
  public static double measureFlops(Device device) {
    try (NDManager m = Engines.newManager(device)) {
      NDArray a = m.randomUniform(-1, 1, new Shape(512, 768)); // (T, H)
      NDArray b = m.randomUniform(-1, 1, new Shape(768, 3072)); // (H, 4H)
      a.matMul(b).toFloatArray(); // warm-up: the engine's first call pays for its set-up
      double flops = 2.0 * 512 * 768 * 3072;
      int runs = 0;
      long start = System.nanoTime();
      long elapsed;
      do {
        try (NDArray p = a.matMul(b)) { // (T, 4H)
          p.getFloat(0, 0); // waits for the product
        }
        runs++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < 250_000_000L && runs < 200);
      return runs * flops / (elapsed / 1e9);
    }
  }
}
