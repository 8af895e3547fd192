package org.bertworkbench.core.explain;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicLong;
import org.bertworkbench.core.bench.ProcessMemory;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (issue 15): integrated gradients with 50 steps on a 128-token input on
 * BERT-Base — seconds, and the process's resident memory at its peak while they run (sampled every
 * 10 ms) next to before — with the same run's 50 plain forward passes of that input as the
 * baseline, so the figure to compare is the ratio. Printed, never asserted. Run on an idle machine:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=AttributionBench}
 */
@Tag("bench")
class AttributionBench {

  static final int TOKENS = 128;
  static final int STEPS = 50;

  @Test
  void integratedGradientsOn128TokensOfBertBase() throws Exception {
    try (LoadedBert bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE)) {
      String text = text(bert);
      Encoding e = bert.encode(text, null, TOKENS);
      if (e.length() != TOKENS) {
        throw new IllegalStateException(e.length() + " tokens");
      }
      try (NDManager scope = bert.model().newScope()) {
        BertInput input = BertInput.of(scope, e.inputIds(), e.tokenTypeIds(), e.attentionMask());
        bert.model().forward(input, ForwardOptions.INFERENCE).sequenceOutput().toFloatArray(); // warm-up
        long start = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
          try (NDManager step = scope.newSubManager()) {
            BertInput in = BertInput.of(step, e.inputIds(), e.tokenTypeIds(), e.attentionMask());
            bert.model().forward(in, ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
          }
        }
        double forwardSeconds = (System.nanoTime() - start) / 1e9;

        try (Attributor a = Explain.attributor(bert, text, null, Target.MLM, ForwardOptions.INFERENCE)) {
          a.integratedGradients(2, Progress.NONE); // warm-up of the backward pass
          long before = ProcessMemory.residentMb();
          AtomicLong peak = new AtomicLong(before);
          Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
              peak.accumulateAndGet(ProcessMemory.residentMb(), Math::max);
              try {
                Thread.sleep(10);
              } catch (InterruptedException stop) {
                return;
              }
            }
          });
          sampler.setDaemon(true);
          sampler.start();
          start = System.nanoTime();
          Attribution ig = a.integratedGradients(STEPS, Progress.NONE);
          double igSeconds = (System.nanoTime() - start) / 1e9;
          sampler.interrupt();
          sampler.join();
          System.out.printf("integrated gradients, BERT-Base, %d tokens, %d steps in batches of %d, %d cores: %.1f s;"
              + " %d plain forward passes %.1f s; ratio %.2f; resident memory %,d MB before, peak %,d MB (+%,d MB);"
              + " completeness error %.4f of f(x) - f(x') %.4f%n", TOKENS, STEPS, a.stepsPerBatch(),
              Runtime.getRuntime().availableProcessors(), igSeconds, STEPS, forwardSeconds, igSeconds / forwardSeconds,
              before, peak.get(), peak.get() - before, ig.completeness().error(), ig.completeness().difference());
        }
      }
    }
  }

  /** A text of exactly {@link #TOKENS} pieces with one [MASK], made of plain English words. */
  static String text(LoadedBert bert) {
    String[] words = ("the old city by the river has a market where people buy bread fruit and fish every morning "
        + "before the sun is high and the streets fill with music").split(" ");
    StringBuilder s = new StringBuilder("paris is the [MASK] of france .");
    int i = 0;
    while (bert.encode(s + " " + words[i % words.length], null, 10_000).length() <= TOKENS) {
      s.append(' ').append(words[i++ % words.length]);
    }
    return s.toString();
  }
}
