package org.bertworkbench.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.SafetensorsReader;
import org.bertworkbench.core.checkpoint.SafetensorsWriter;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/**
 * google-research/bert's {@code AdamWeightDecayOptimizer} ({@code optimization.py}) with its global
 * norm clipping: for each parameter p with gradient g, after {@code g *= clip / max(norm, clip)}
 * over all gradients,
 * <pre>
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   u = m / (sqrt(v) + eps)            (no bias correction, as Google's)
 *   u += decay p                       (decoupled; not for LayerNorm or bias parameters)
 *   p -= lr u
 * </pre>
 * Updates are made in place on the model's arrays (which must be contiguous, as trainable
 * {@code BertWeights} are); every temporary lives in the step's scope. The state (m, v) can be
 * saved as safetensors and restored for an exact resume.
 *
 * <p>Mixed precision ({@link #mixed}): the model computes with float16 working weights, which
 * receive float16 gradients of the loss times a {@link LossScale} S. The optimiser updates float32
 * masters: each gradient is widened to float32 and divided by S (folded into the clip factor);
 * when the global norm is not finite the step is skipped (weights, masters, m and v unchanged,
 * gradients zeroed) and S halves; otherwise the masters are updated as above and copied into the
 * working weights. m and v are float32; S is saved with them.
 */
public final class AdamWeightDecay implements AutoCloseable {

  /** Values at most in one in-place update; a slice of float32 is 4 MB. */
  static final long SLICE = 1L << 20;

  private final OptimizerSettings settings;
  private final NDManager manager;
  private final List<String> names = new ArrayList<>();
  private final List<NDArray> params = new ArrayList<>();
  /** Mixed precision: the float16 arrays the model computes with (and that hold the gradients). */
  private final List<NDArray> working = new ArrayList<>();
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private final boolean[] decays;
  private final LossScale lossScale;
  private boolean skipped;

  /** Takes the model's parameters (by name), marks them as needing gradients, zero state. */
  public AdamWeightDecay(Map<String, NDArray> parameters, OptimizerSettings settings, NDManager parent) {
    this(parameters, null, null, settings, parent);
  }

  private AdamWeightDecay(Map<String, NDArray> parameters, Map<String, NDArray> masters, LossScale lossScale,
      OptimizerSettings settings, NDManager parent) {
    this.settings = settings;
    this.lossScale = lossScale;
    this.manager = parent.newSubManager();
    decays = new boolean[parameters.size()];
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray p = e.getValue();
      p.setRequiresGradient(true);
      decays[names.size()] = usesWeightDecay(e.getKey());
      names.add(e.getKey());
      if (masters != null) {
        NDArray master = masters.get(e.getKey());
        if (master == null || !master.getShape().equals(p.getShape()) || master.getDataType() != DataType.FLOAT32
            || p.getDataType() != DataType.FLOAT16) {
          throw new IllegalArgumentException("mixed precision needs a float16 weight and a float32 master of the "
              + "same shape for " + e.getKey());
        }
        working.add(p);
        p = master;
      }
      params.add(p);
      m.add(manager.zeros(p.getShape()));
      v.add(manager.zeros(p.getShape()));
    }
  }

  /**
   * Mixed precision: updates the float32 {@code masters} (by name, at least every name of {@code
   * working}) from the gradients of the float16 {@code working} weights, which must come from a
   * loss multiplied by {@code lossScale}'s value; copies the masters into the working weights.
   */
  public static AdamWeightDecay mixed(Map<String, NDArray> working, Map<String, NDArray> masters, LossScale lossScale,
      OptimizerSettings settings, NDManager parent) {
    return new AdamWeightDecay(working, masters, java.util.Objects.requireNonNull(lossScale), settings, parent);
  }

  /** The loss scale of a mixed-precision optimiser, or null in float32. */
  public LossScale lossScale() {
    return lossScale;
  }

  /** True when the last {@link #step} was skipped because the gradients overflowed (mixed precision). */
  public boolean skipped() {
    return skipped;
  }

  /** Google's exclusion list: {@code ["LayerNorm", "layer_norm", "bias"]}. */
  static boolean usesWeightDecay(String name) {
    return !(name.contains("LayerNorm") || name.contains("layer_norm") || name.contains("bias"));
  }

  /**
   * Applies one update from the gradients the last backward pass left, then zeroes them.
   *
   * <p>Done in place, in slices of at most {@link #SLICE} values (views, no copies), so that the
   * only temporaries are two slices (sqrt(v) + eps and the update; a few MB, reused by the
   * allocator) instead of several parameter-sized arrays per parameter (94 MB each for BERT-Base's word embeddings, memory the
   * system must hand out afresh every step), and each slice's passes run in the cache.
   *
   * @return the global gradient norm before clipping (unscaled); in mixed precision not finite
   *     when the step was skipped
   */
  public float step(NDManager scope, double learningRate) {
    // In-place updates of the weights must not be recorded (and PyTorch refuses them on leaves
    // that require gradients while recording is on, as it is by default on a new thread).
    Engines.disableGradientRecording();
    float scale = lossScale == null ? 1f : lossScale.value();
    List<NDArray> grads = new ArrayList<>(params.size());
    NDArray sumSquares = null;
    for (int i = 0; i < params.size(); i++) {
      NDArray g = inScope(gradientHolder(i).getGradient(), scope);
      grads.add(g);
      NDArray s = squaredNorm(g, scope); // () no temporary of g's size in float32
      sumSquares = sumSquares == null ? s : sumSquares.addi(s);
    }
    float norm = (float) (Math.sqrt(sumSquares.getFloat()) / scale);
    skipped = lossScale != null && !Float.isFinite(norm);
    if (lossScale != null) {
      if (skipped) {
        lossScale.overflowed();
        for (int i = 0; i < params.size(); i++) {
          Engines.zeroGradient(gradientHolder(i));
        }
        return norm;
      }
      lossScale.succeeded();
    }
    float clip = (float) (settings.clipNorm() / Math.max(norm, settings.clipNorm()));
    float b1 = (float) settings.beta1();
    float b2 = (float) settings.beta2();
    Coefficients k = new Coefficients(clip / scale * (1 - b1), b1, (1 - b2) / ((1 - b1) * (1 - b1)), b2,
        (float) settings.epsilon(), (float) learningRate, 1 - (float) (learningRate * settings.weightDecay()));
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      try (NDManager perParameter = scope.newSubManager()) {
        NDArray g = grads.get(i);
        if (lossScale != null) {
          g = inScope(g.toType(DataType.FLOAT32, false), perParameter); // scratch for the update
        }
        update(p, g, i, k, perParameter);
        if (lossScale != null) {
          // The updated master, rounded to float16, into the working weight (in place).
          NDArray w = working.get(i);
          flat(w, perParameter).set(new NDIndex().addSliceDim(0, w.size()), flat(p, perParameter));
        }
      }
      Engines.zeroGradient(gradientHolder(i));
    }
    return norm;
  }

  /** The array whose gradient backward fills: the parameter, or its float16 working copy. */
  private NDArray gradientHolder(int i) {
    return lossScale == null ? params.get(i) : working.get(i);
  }

  /** ||g||^2 as a float32 scalar in the scope (a float16 gradient is widened first: its square would overflow). */
  private static NDArray squaredNorm(NDArray g, NDManager scope) {
    if (g.getDataType() == DataType.FLOAT32) {
      return inScope(g.norm(), scope).square();
    }
    try (NDArray wide = g.toType(DataType.FLOAT32, false)) {
      return inScope(wide.norm(), scope).square();
    }
  }

  /** Parameter i's update, in slices of at most {@link #SLICE} values. */
  private void update(NDArray p, NDArray g, int i, Coefficients k, NDManager scope) {
    long n = p.size();
    if (n <= SLICE) {
      update(p, g, m.get(i), v.get(i), k, decays[i]);
      return;
    }
    NDArray[] flat = {flat(p, scope), flat(g, scope), flat(m.get(i), scope), flat(v.get(i), scope)};
    for (long from = 0; from < n; from += SLICE) {
      NDIndex slice = new NDIndex().addSliceDim(from, Math.min(n, from + SLICE));
      try (NDManager sub = scope.newSubManager()) {
        NDArray[] views = new NDArray[4];
        for (int j = 0; j < 4; j++) {
          views[j] = inScope(flat[j].get(slice), sub);
        }
        update(views[0], views[1], views[2], views[3], k, decays[i]);
      }
    }
  }

  /** The per-step numbers of the update, folded so that no extra pass is needed. */
  private record Coefficients(float gradScale, float beta1, float squareScale, float beta2, float epsilon,
      float learningRate, float decayFactor) {}

  /**
   * One update of p, m and v (same shape) from g, in place; g is used as scratch. With c the clip
   * factor: g becomes (1 - b1) c g; m = b1 m + g; g^2 scaled by (1 - b2) / (1 - b1)^2 is
   * (1 - b2) (c g)^2, added to b2 v; then p = p (1 - lr wd) - lr m / (sqrt(v) + eps), which is
   * Google's p - lr (u + wd p).
   */
  private static void update(NDArray p, NDArray g, NDArray m, NDArray v, Coefficients k, boolean decays) {
    g.muli(k.gradScale());
    m.muli(k.beta1()).addi(g);
    g.muli(g).muli(k.squareScale());
    v.muli(k.beta2()).addi(g);
    // The two temporaries, each at most a slice.
    try (NDArray denominator = v.sqrt().addi(k.epsilon()); NDArray u = m.div(denominator)) {
      if (decays) {
        p.muli(k.decayFactor());
      }
      p.subi(u.muli(k.learningRate()));
    }
  }

  private static NDArray inScope(NDArray a, NDManager scope) {
    a.attach(scope);
    return a;
  }

  /** A one-dimensional view of a (contiguous) array, closed with the scope. */
  private static NDArray flat(NDArray a, NDManager scope) {
    return inScope(a.reshape(-1), scope);
  }

  /**
   * Writes m and v ({@code m/NAME}, {@code v/NAME}) to a safetensors file, and in mixed precision
   * the loss scale ({@value #LOSS_SCALE}: the scale and its good-step count, float32 [2]).
   */
  public void save(Path file) throws IOException {
    // Each m and v copied out only when its turn comes: all at once they were BERT-Base's size twice over.
    Map<String, SafetensorsWriter.Deferred> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      NDArray mi = m.get(i);
      NDArray vi = v.get(i);
      String mName = "m/" + names.get(i);
      String vName = "v/" + names.get(i);
      out.put(mName, new SafetensorsWriter.Deferred(mi.getShape().getShape(), () -> raw(mName, mi)));
      out.put(vName, new SafetensorsWriter.Deferred(vi.getShape().getShape(), () -> raw(vName, vi)));
    }
    if (lossScale != null) {
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      b.putFloat(lossScale.value()).putFloat(lossScale.goodSteps()).flip();
      out.put(LOSS_SCALE, SafetensorsWriter.Deferred.of(new RawTensor(LOSS_SCALE, new long[] {2}, b, false)));
    }
    SafetensorsWriter.writeDeferred(file, out);
  }

  /** The loss scale's entry in the saved state. */
  static final String LOSS_SCALE = "loss_scale";

  /**
   * Restores m and v saved by {@link #save}; every parameter must be there with its shape. In
   * mixed precision also the loss scale, when the file has one (a run that trained in float32
   * until now starts from the scale it was given).
   */
  public void load(Path file) throws CheckpointException {
    Map<String, RawTensor> in = SafetensorsReader.read(file).tensors();
    for (int i = 0; i < names.size(); i++) {
      copy(in, "m/" + names.get(i), m.get(i), file);
      copy(in, "v/" + names.get(i), v.get(i), file);
    }
    RawTensor scale = in.get(LOSS_SCALE);
    if (lossScale != null && scale != null) {
      float[] s = TensorData.hfValues(scale);
      try {
        lossScale.restore(s[0], Math.round(s[1]));
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        throw new CheckpointException(file.toString(), Message.of(AdamWeightDecay.class, "badLossScale",
            CheckpointException.problemOf(e)), e);
      }
    }
  }

  private static void copy(Map<String, RawTensor> in, String name, NDArray target, Path file)
      throws CheckpointException {
    RawTensor t = in.get(name);
    if (t == null || !new Shape(t.hfShape()).equals(target.getShape())) {
      throw new CheckpointException(file.toString(), Message.of(AdamWeightDecay.class, "stateLacks", name,
          target.getShape()));
    }
    target.set(TensorData.hfValues(t));
  }

  private static RawTensor raw(String name, NDArray a) {
    return new RawTensor(name, a.getShape().getShape(), a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN), false);
  }

  @Override
  public void close() {
    manager.close();
  }
}
