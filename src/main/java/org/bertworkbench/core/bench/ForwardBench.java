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

  /** One timed forward pass; returns when its outputs are computed. */
  @FunctionalInterface
  public interface Pass {
    void run();
  }

  /**
   * A batch of random tokens: row r drawn with seed 17 + r (row 0 is the batch-1 input), the second
   * half of every row in segment B, no padding.
   */
  public record Batch(int[][] ids, int[][] types, int[][] mask) {

    public static Batch random(int vocab, int batch, int tokens) {
      int[][] ids = new int[batch][];
      int[][] types = new int[batch][tokens];
      int[][] mask = new int[batch][tokens];
      for (int r = 0; r < batch; r++) {
        ids[r] = randomIds(vocab, tokens, 17 + r);
        Arrays.fill(mask[r], 1);
        Arrays.fill(types[r], tokens / 2, tokens, 1);
      }
      return new Batch(ids, types, mask);
    }

    public int size() {
      return ids.length;
    }

    public int tokens() {
      return ids[0].length;
    }

    /** Row-major int64 copies of ids, types and mask, as ONNX Runtime takes them. */
    public long[][] asLongs() {
      return new long[][] {flat(ids), flat(types), flat(mask)};
    }

    private static long[] flat(int[][] rows) {
      long[] out = new long[rows.length * rows[0].length];
      for (int r = 0; r < rows.length; r++) {
        for (int k = 0; k < rows[r].length; k++) {
          out[r * rows[r].length + k] = rows[r][k];
        }
      }
      return out;
    }
  }

  /** Our forward pass of {@code batch}, in its own scope, the result read back to force it to finish. */
  public static Pass ours(BertForPreTraining model, Batch batch, ForwardOptions options) {
    return () -> {
      try (NDManager scope = model.newScope()) {
        BertInput input = batch.size() == 1
            ? BertInput.of(scope, batch.ids()[0], batch.types()[0], batch.mask()[0])
            : BertInput.of(scope, batch.ids(), batch.types(), batch.mask());
        model.forward(input, options).sequenceOutput().get(0, 0, 0).getFloat();
      }
    };
  }

  /** ONNX Runtime's pass of the same batch. */
  public static Pass onnxRuntime(OnnxRuntimeBaseline ort, Batch batch) {
    long[][] longs = batch.asLongs();
    return () -> ort.run(longs[0], longs[1], longs[2], batch.size(), batch.tokens());
  }

  /**
   * Median milliseconds of each pass, the passes interleaved run by run so that none gains from
   * running second (caches, clock speed, the other core's load).
   */
  public static double[] interleavedMedians(List<Pass> passes, int warmup, int runs) {
    for (int w = 0; w < warmup; w++) {
      passes.forEach(Pass::run);
    }
    double[][] times = new double[passes.size()][runs];
    for (int r = 0; r < runs; r++) {
      for (int p = 0; p < passes.size(); p++) {
        long start = System.nanoTime();
        passes.get(p).run();
        times[p][r] = (System.nanoTime() - start) / 1e6;
      }
    }
    double[] medians = new double[passes.size()];
    for (int p = 0; p < medians.length; p++) {
      medians[p] = median(times[p]);
    }
    return medians;
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
    Pass traced = ours(model, Batch.random(model.config().vocabSize(), 1, tokens), ForwardOptions.TRACE);
    for (int p = 0; p < passes; p++) {
      traced.run();
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
