package org.bertworkbench.core.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.analysis.Aggregations;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.BertEmbeddings;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tensor.Engines;

/**
 * Attributions of one input's f (an {@link Objective}) to its tokens, split over the three
 * embedding lookups, with the baseline of the specification: word = {@code [PAD]}'s row
 * everywhere except where the input holds {@code [CLS]}, {@code [SEP]} or {@code [MASK]} (they keep
 * their own), segment = type 0's row, position = position 0's row. T = tokens, H = hidden.
 *
 * <p>Because the three parts are summed before anything else, ∂f/∂part is the same for each part:
 * the gradient with respect to the sum. A part's attribution at token t is the sum over hidden
 * dimensions of (that part's difference from the baseline) times the gradient.
 *
 * <p>Holds its arrays in a scope of its own: close it.
 */
public final class Attributor implements AutoCloseable {

  /** The default number of integrated-gradients steps. */
  public static final int DEFAULT_STEPS = 50;
  /** What one batch of interpolation steps may take for its backward pass, in bytes (an estimate). */
  static final long STEP_MEMORY_BUDGET = 768L << 20;

  private final BertModel bert;
  private final Objective objective;
  private final ForwardOptions options;
  private final NDManager scope;
  private final int length;
  private final int hidden;
  private final boolean hasSegments;
  private final boolean[] replaced; // tokens whose word part the baseline replaces
  private final float[][] parts; // token, segment, position, each T * H, row-major
  private final float[][] baseline; // the baseline's three parts
  private final float[] padRow; // (H) the [PAD] word row
  private final NDArray mask; // (1, T) int64
  private final double f;
  private final double fBaseline;

  /**
   * @param ids the input's vocabulary ids (no padding)
   * @param typeIds its segment ids
   * @param padId, clsId, sepId, maskId the special tokens' ids
   * @param options head switches (training and trace are turned off)
   */
  public Attributor(BertModel bert, NDManager parent, int[] ids, int[] typeIds, int padId, int clsId, int sepId,
      int maskId, Objective objective, ForwardOptions options) {
    this.bert = bert;
    this.objective = objective;
    this.options = options.withTraining(false).withTrace(false);
    this.scope = parent.newSubManager();
    this.length = ids.length;
    BertConfig config = bert.config();
    this.hidden = config.hiddenSize();
    this.hasSegments = bert.hasSegmentEmbeddings();
    replaced = new boolean[length];
    int[] baseIds = new int[length];
    for (int t = 0; t < length; t++) {
      boolean keep = ids[t] == clsId || ids[t] == sepId || ids[t] == maskId;
      replaced[t] = !keep;
      baseIds[t] = keep ? ids[t] : padId;
    }
    int[] positions = new int[length];
    for (int t = 0; t < length; t++) {
      positions[t] = t;
    }
    parts = lookUp(ids, typeIds, positions);
    baseline = lookUp(baseIds, new int[length], new int[length]);
    float[][] pad = lookUp(new int[] {padId}, new int[1], new int[1]);
    padRow = pad[0];
    mask = scope.ones(new Shape(1, length), DataType.INT64);
    double[] both = values(List.of(sum(parts), sum(baseline)));
    f = both[0];
    fBaseline = both[1];
  }

  /** f at the real input. */
  public double f() {
    return f;
  }

  /** f at the baseline. */
  public double fBaseline() {
    return fBaseline;
  }

  /** The target as resolved. */
  public Objective.Explained explained() {
    return objective.explained();
  }

  /** Tokens the baseline replaces (all but [CLS], [SEP] and [MASK]): the ones deletion curves remove. */
  public boolean[] replaced() {
    return replaced.clone();
  }

  /**
   * Integrated gradients: the straight path x(α) = x′ + α (x − x′) of all three parts together,
   * the right Riemann sum over α = k / N, k = 1..N, the steps run in batches of bounded memory.
   *
   * @throws BadInputException when {@code steps} ≤ 0
   */
  public Attribution integratedGradients(int steps, Progress progress) {
    if (steps <= 0) {
      throw new BadInputException(Message.of(Attributor.class, "Attributor.steps", steps));
    }
    float[] start = sum(baseline);
    float[] end = sum(parts);
    double[] grad = new double[length * hidden];
    int batch = stepsPerBatch();
    for (int k = 1; k <= steps; k += batch) {
      progress.checkCancelled();
      progress.report((k - 1) / (double) steps, Message.of(Attributor.class, "Attributor.stepping", k - 1, steps));
      int n = Math.min(batch, steps - k + 1);
      float[][] points = new float[n][];
      for (int i = 0; i < n; i++) {
        double alpha = (k + i) / (double) steps;
        float[] p = new float[start.length];
        for (int j = 0; j < p.length; j++) {
          p[j] = (float) (start[j] + alpha * (end[j] - start[j]));
        }
        points[i] = p;
      }
      addGradients(points, grad);
    }
    for (int j = 0; j < grad.length; j++) {
      grad[j] /= steps;
    }
    progress.report(1, Message.of(Attributor.class, "Attributor.stepping", steps, steps));
    Attribution a = split(Method.INTEGRATED_GRADIENTS, grad, true, steps);
    double total = Arrays.stream(a.total()).sum();
    return new Attribution(a.method(), a.token(), a.segment(), a.position(), a.total(),
        new Attribution.Completeness(total, f - fBaseline, total - (f - fBaseline)), steps);
  }

  /** Gradient × input: the sum over hidden dimensions of x · ∂f/∂x at the real input, per part. */
  public Attribution gradientTimesInput() {
    double[] grad = new double[length * hidden];
    addGradients(new float[][] {sum(parts)}, grad);
    return split(Method.GRAD_X_INPUT, grad, false, 0);
  }

  /**
   * Occlusion: for each token, f(x) − f(x with that token's word part replaced by [PAD]'s row),
   * segment and position unchanged. The word part carries the whole number.
   */
  public Attribution occlusion(Progress progress) {
    float[] x = sum(parts);
    double[] out = new double[length];
    int batch = Math.max(1, stepsPerBatch() * 4); // no backward: four times the steps fit
    for (int t0 = 0; t0 < length; t0 += batch) {
      progress.checkCancelled();
      progress.report(t0 / (double) length, Message.of(Attributor.class, "Attributor.occluding", t0, length));
      List<float[]> rows = new ArrayList<>();
      for (int t = t0; t < Math.min(length, t0 + batch); t++) {
        float[] p = x.clone();
        for (int h = 0; h < hidden; h++) {
          p[t * hidden + h] += padRow[h] - parts[0][t * hidden + h];
        }
        rows.add(p);
      }
      double[] v = values(rows);
      for (int i = 0; i < v.length; i++) {
        out[t0 + i] = f - v[i];
      }
    }
    return new Attribution(Method.OCCLUSION, out.clone(), null, null, out, null, 0);
  }

  /** The target position's attention to each token, the mean over the last layer's heads. */
  public Attribution attention() {
    float[][][] perLayer = attentionPerLayer();
    float[] row = perLayer[perLayer.length - 1][objective.explained().position()];
    return new Attribution(Method.ATTENTION, null, null, null, toDouble(row), null, 0);
  }

  /** Attention rollout through every layer, read at the target position. */
  public Attribution rollout() {
    float[][][] rolled = Aggregations.rollout(attentionPerLayer());
    float[] row = rolled[rolled.length - 1][objective.explained().position()];
    return new Attribution(Method.ROLLOUT, null, null, null, toDouble(row), null, 0);
  }

  /** The method's attribution at this input. */
  public Attribution run(Method method, int steps, Progress progress) {
    return switch (method) {
      case INTEGRATED_GRADIENTS -> integratedGradients(steps, progress);
      case GRAD_X_INPUT -> gradientTimesInput();
      case OCCLUSION -> occlusion(progress);
      case ATTENTION -> attention();
      case ROLLOUT -> rollout();
    };
  }

  /**
   * f after deleting tokens in {@code order}, one more at a time: point k replaces the word part
   * of the first k tokens of the order by [PAD]'s row. Point 0 is f(x).
   */
  public double[] deletion(int[] order) {
    float[] x = sum(parts);
    List<float[]> rows = new ArrayList<>(order.length + 1);
    rows.add(x.clone());
    float[] p = x.clone();
    for (int t : order) {
      for (int h = 0; h < hidden; h++) {
        p[t * hidden + h] += padRow[h] - parts[0][t * hidden + h];
      }
      rows.add(p.clone());
    }
    double[] out = new double[rows.size()];
    int batch = Math.max(1, stepsPerBatch() * 4);
    for (int i = 0; i < rows.size(); i += batch) {
      double[] v = values(rows.subList(i, Math.min(rows.size(), i + batch)));
      System.arraycopy(v, 0, out, i, v.length);
    }
    return out;
  }

  /** The replaceable tokens in decreasing order of {@code scores} (ties by position). */
  public int[] orderBy(double[] scores) {
    List<Integer> tokens = new ArrayList<>();
    for (int t = 0; t < length; t++) {
      if (replaced[t]) {
        tokens.add(t);
      }
    }
    tokens.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
    return tokens.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The replaceable tokens in a random order from {@code random}. */
  public int[] randomOrder(Random random) {
    int[] order = orderBy(new double[length]);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** How many interpolation steps one batch runs: bounded by an estimate of backward's memory. */
  int stepsPerBatch() {
    BertConfig c = bert.config();
    long t = length;
    long perLayer = t * c.hiddenSize() * 4L * 14 + c.numAttentionHeads() * t * t * 4L * 4
        + t * c.intermediateSize() * 4L * 4;
    long perStep = Math.max(1, perLayer * c.numHiddenLayers());
    return (int) Math.max(1, Math.min(64, STEP_MEMORY_BUDGET / perStep));
  }

  /** Adds ∂f/∂sum at each of {@code points} (T * H each) to {@code grad}. */
  private void addGradients(float[][] points, double[] grad) {
    try (NDManager step = scope.newSubManager()) {
      float[] flat = new float[points.length * length * hidden];
      for (int i = 0; i < points.length; i++) {
        System.arraycopy(points[i], 0, flat, i * length * hidden, length * hidden);
      }
      NDArray sums = step.create(flat, new Shape(points.length, length, hidden)); // (B, T, H)
      NDArray masks = step.ones(new Shape(points.length, length), DataType.INT64); // (B, T)
      sums.setRequiresGradient(true);
      try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
        NDArray values = objective.values(sums, masks); // (B)
        gc.backward(values.sum());
      }
      float[] g = sums.getGradient().toFloatArray();
      int n = length * hidden;
      for (int i = 0; i < points.length; i++) {
        for (int j = 0; j < n; j++) {
          grad[j] += g[i * n + j];
        }
      }
    }
  }

  /** f at each of {@code points} (T * H each), without gradients. */
  private double[] values(List<float[]> points) {
    try (NDManager step = scope.newSubManager()) {
      float[] flat = new float[points.size() * length * hidden];
      for (int i = 0; i < points.size(); i++) {
        System.arraycopy(points.get(i), 0, flat, i * length * hidden, length * hidden);
      }
      NDArray sums = step.create(flat, new Shape(points.size(), length, hidden));
      NDArray masks = step.ones(new Shape(points.size(), length), DataType.INT64);
      float[] v = objective.values(sums, masks).toType(DataType.FLOAT32, false).toFloatArray();
      return toDouble(v);
    }
  }

  /** Each part's share: the sum over h of (part − baseline part, or part alone) · grad. */
  private Attribution split(Method method, double[] grad, boolean fromBaseline, int steps) {
    double[][] share = new double[3][length];
    for (int p = 0; p < 3; p++) {
      for (int t = 0; t < length; t++) {
        double s = 0;
        for (int h = 0; h < hidden; h++) {
          int j = t * hidden + h;
          double x = parts[p][j] - (fromBaseline ? baseline[p][j] : 0);
          s += x * grad[j];
        }
        share[p][t] = s;
      }
    }
    double[] total = new double[length];
    for (int t = 0; t < length; t++) {
      total[t] = share[0][t] + (hasSegments ? share[1][t] : 0) + share[2][t];
    }
    return new Attribution(method, share[0], hasSegments ? share[1] : null, share[2], total, null, steps);
  }

  private float[][][] attentionPerLayer() {
    try (NDManager step = scope.newSubManager()) {
      NDArray sums = step.create(sum(parts), new Shape(1, length, hidden));
      BertTrace trace = bert.forwardFromSum(sums, mask.duplicate(), options.withTrace(true)).trace();
      float[][][] out = new float[trace.attentions().size()][][];
      for (int l = 0; l < out.length; l++) {
        float[] mean = trace.attentions().get(l).get(0).mean(new int[] {0}).toFloatArray(); // (T, T)
        out[l] = new float[length][];
        for (int q = 0; q < length; q++) {
          out[l][q] = Arrays.copyOfRange(mean, q * length, (q + 1) * length);
        }
      }
      return out;
    }
  }

  /** The three lookups at these ids, each flattened to T * H. */
  private float[][] lookUp(int[] ids, int[] types, int[] positions) {
    try (NDManager step = scope.newSubManager()) {
      BertEmbeddings.Parts p = bert.embeddingParts(longs(step, ids), longs(step, types), longs(step, positions));
      return new float[][] {p.token().toFloatArray(), p.segment().toFloatArray(), p.position().toFloatArray()};
    }
  }

  private static NDArray longs(NDManager m, int[] values) {
    long[] v = new long[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = values[i];
    }
    return m.create(v, new Shape(1, v.length));
  }

  private static float[] sum(float[][] threeParts) {
    float[] out = new float[threeParts[0].length];
    for (int j = 0; j < out.length; j++) {
      out[j] = threeParts[0][j] + threeParts[1][j] + threeParts[2][j];
    }
    return out;
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  @Override
  public void close() {
    scope.close();
  }
}
