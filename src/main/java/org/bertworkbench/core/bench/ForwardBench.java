package org.bertworkbench.core.bench;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;

/**
 * Times batch-1 forward passes of a loaded model, with and without the trace, and counts the
 * arithmetic they do. Results are medians after warm-up; nothing here asserts a time.
 */
public final class ForwardBench {

  private ForwardBench() {}

  /** Floating-point operations of one forward pass of T tokens (a multiply-add counts 2). */
  public static double forwardFlops(BertConfig c, int tokens) {
    double t = tokens;
    double h = c.hiddenSize();
    double i = c.intermediateSize();
    double perLayer = 2 * t * h * h * 4 // query, key, value, attention output
        + 2 * t * h * i * 2 // feed-forward in and out
        + 2 * t * t * h * 2; // scores and context, over all heads
    return c.numHiddenLayers() * perLayer + 2 * h * h; // + pooler on [CLS]
  }

  /**
   * Medians of two kinds of pass, interleaved run by run so that neither gains from running second
   * (caches, clock speed, the other core's load).
   */
  public static double[] medianForwardMsPair(BertForPreTraining model, int tokens, ForwardOptions first,
      ForwardOptions second, int warmup, int runs) {
    medianForwardMs(model, tokens, first, warmup, 1);
    medianForwardMs(model, tokens, second, warmup, 1);
    double[] a = new double[runs];
    double[] b = new double[runs];
    for (int r = 0; r < runs; r++) {
      a[r] = medianForwardMs(model, tokens, first, 0, 1);
      b[r] = medianForwardMs(model, tokens, second, 0, 1);
    }
    return new double[] {median(a), median(b)};
  }

  /** Median milliseconds of {@code runs} forward passes of {@code tokens} random tokens. */
  public static double medianForwardMs(BertForPreTraining model, int tokens, ForwardOptions options,
      int warmup, int runs) {
    int[] ids = randomIds(model.config().vocabSize(), tokens, 17);
    int[] types = new int[tokens];
    int[] mask = new int[tokens];
    Arrays.fill(mask, 1);
    for (int k = tokens / 2; k < tokens; k++) {
      types[k] = 1;
    }
    double[] times = new double[runs];
    for (int r = -warmup; r < runs; r++) {
      long start = System.nanoTime();
      try (NDManager scope = model.newScope()) {
        BertInput input = BertInput.of(scope, ids, types, mask);
        // Reading the result back forces the computation to finish.
        model.forward(input, options).sequenceOutput().get(0, 0, 0).getFloat();
      }
      if (r >= 0) {
        times[r] = (System.nanoTime() - start) / 1e6;
      }
    }
    return median(times);
  }

  /**
   * Memory after a number of passes: the process's resident size, the part of it the Java heap has
   * committed, and the rest (native: libtorch, tensors, code), in MiB.
   */
  public record MemorySample(int pass, long rssMb, long heapCommittedMb, long nativeMb) {}

  /** Memory sampled {@code samples} times over {@code passes} traced forward passes. */
  public static List<MemorySample> memoryOverPasses(BertForPreTraining model, int tokens, int passes,
      int samples) {
    List<MemorySample> out = new ArrayList<>();
    int every = Math.max(1, passes / samples);
    for (int p = 0; p < passes; p++) {
      medianForwardMs(model, tokens, ForwardOptions.TRACE, 0, 1);
      if ((p + 1) % every == 0) {
        long rss = ProcessMemory.residentMb();
        long heap = Runtime.getRuntime().totalMemory() >> 20;
        out.add(new MemorySample(p + 1, rss, heap, rss - heap));
      }
    }
    return out;
  }

  static int[] randomIds(int vocab, int tokens, long seed) {
    Random random = new Random(seed);
    int[] ids = new int[tokens];
    for (int k = 0; k < tokens; k++) {
      ids[k] = 1000 + random.nextInt(Math.max(1, vocab - 1000));
    }
    return ids;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
