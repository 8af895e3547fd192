package org.bertworkbench.core.bench;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.pretrain.MaskDecision;
import org.bertworkbench.core.pretrain.ModelShape;
import org.bertworkbench.core.pretrain.PretrainingStep;
import org.bertworkbench.core.pretrain.TrainingInstance;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.train.AdamWeightDecay;
import org.bertworkbench.core.train.OptimizerSettings;

/**
 * Times the pretraining step the trainer runs ({@link PretrainingStep}: forward, MLM on the selected
 * positions + NSP, backward, Google's AdamWeightDecay with clipping) on a fresh model of a preset
 * and a fixed synthetic batch: every sequence {@code length} real tokens, {@code predictions}
 * selected positions each, NSP labels half and half. The same batch shape as
 * {@code src/bench/python/pytorch_pretrain_bench.py}. Nothing here asserts a time.
 */
public final class PretrainBench implements AutoCloseable {

  /** Token ids the synthetic batch draws from: above the special tokens and [unused] slots. */
  static final int FIRST_ID = 1000;

  private final BertForPreTraining model;
  private final AdamWeightDecay optimizer;
  private final PretrainingStep step;
  private final List<TrainingInstance> batch;
  private final double learningRate;
  private long steps;

  /**
   * A fresh model of {@code shape} with a vocabulary of {@code vocabSize}, dropout 0.1, and a batch
   * of {@code batchSize} sequences of {@code length} tokens with {@code predictions} selected each.
   */
  public PretrainBench(ModelShape shape, int vocabSize, int batchSize, int length, int predictions) {
    if (batchSize < 1 || length < 4 || predictions < 1 || predictions > length - 2 || vocabSize <= FIRST_ID) {
      throw new IllegalArgumentException("batch " + batchSize + ", length " + length + ", predictions "
          + predictions + ", vocabulary " + vocabSize + ": out of range");
    }
    OptimizerSettings settings = OptimizerSettings.paper(1000);
    learningRate = settings.learningRate();
    model = BertForPreTraining.random(shape.config(vocabSize, 0.1), Device.cpu(), 42);
    optimizer = new AdamWeightDecay(model.weights().all(), settings, model.weights().manager());
    step = new PretrainingStep(model, optimizer, 0);
    batch = syntheticBatch(vocabSize, batchSize, length, predictions, new Random(7));
  }

  /** Google's max_predictions_per_seq rule at this length: round(0.15 L), at most 20 per 128. */
  public static int predictionsAt(int length) {
    return Math.min((int) Math.rint(20 * length / 128.0), Math.max(1, (int) Math.rint(0.15 * length)));
  }

  /**
   * Each timed step: wall and process CPU milliseconds, and minor page faults.
   */
  public record Times(double[] wallMs, double[] cpuMs, long[] faults) {}

  /** {@code runs} steps timed after {@code warmup} untimed ones. */
  public Times time(int warmup, int runs) {
    Times t = new Times(new double[runs], new double[runs], new long[runs]);
    for (int r = -warmup; r < runs; r++) {
      long start = System.nanoTime();
      long cpu = ProcessMemory.cpuNanos();
      long faults = ProcessMemory.minorFaults();
      step.run(batch, learningRate, ++steps);
      if (r >= 0) {
        t.wallMs()[r] = (System.nanoTime() - start) / 1e6;
        t.cpuMs()[r] = (ProcessMemory.cpuNanos() - cpu) / 1e6;
        t.faults()[r] = ProcessMemory.minorFaults() - faults;
      }
    }
    return t;
  }

  /** Parameters of the model, the tied decoder counted once. */
  public long parameters() {
    return model.weights().count("");
  }

  /** Real tokens in the batch. */
  public long tokensPerStep() {
    return batch.stream().mapToLong(TrainingInstance::length).sum();
  }

  static List<TrainingInstance> syntheticBatch(int vocab, int batchSize, int length, int predictions,
      Random random) {
    List<TrainingInstance> out = new ArrayList<>(batchSize);
    for (int b = 0; b < batchSize; b++) {
      int[] tokens = new int[length];
      int[] segments = new int[length];
      MaskDecision[] decisions = new MaskDecision[length];
      for (int i = 0; i < length; i++) {
        tokens[i] = FIRST_ID + random.nextInt(vocab - FIRST_ID);
        segments[i] = i < length / 2 ? 0 : 1;
        decisions[i] = MaskDecision.NONE;
      }
      List<Integer> candidates = new ArrayList<>();
      for (int i = 1; i < length - 1; i++) {
        candidates.add(i);
      }
      java.util.Collections.shuffle(candidates, random);
      int[] positions = candidates.subList(0, predictions).stream().mapToInt(Integer::intValue).sorted().toArray();
      int[] labels = new int[predictions];
      for (int j = 0; j < predictions; j++) {
        labels[j] = FIRST_ID + random.nextInt(vocab - FIRST_ID);
        decisions[positions[j]] = MaskDecision.MASK;
      }
      out.add(new TrainingInstance(tokens, tokens.clone(), segments, decisions, b % 2 == 1, positions, labels));
    }
    return out;
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
  }
}
