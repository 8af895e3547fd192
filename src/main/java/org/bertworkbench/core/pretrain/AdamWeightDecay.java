package org.bertworkbench.core.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.RawTensor;
import org.bertworkbench.core.checkpoint.SafetensorsReader;
import org.bertworkbench.core.checkpoint.SafetensorsWriter;
import org.bertworkbench.core.checkpoint.TensorData;
import org.bertworkbench.core.model.Engines;

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
 * Updates are made in place on the model's arrays; every temporary lives in the step's scope. The
 * state (m, v) can be saved as safetensors and restored for an exact resume.
 */
public final class AdamWeightDecay implements AutoCloseable {

  private final OptimizerSettings settings;
  private final NDManager manager;
  private final List<String> names = new ArrayList<>();
  private final List<NDArray> params = new ArrayList<>();
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private final boolean[] decays;

  /** Takes the model's parameters (by name), marks them as needing gradients, zero state. */
  public AdamWeightDecay(Map<String, NDArray> parameters, OptimizerSettings settings, NDManager parent) {
    this.settings = settings;
    this.manager = parent.newSubManager();
    decays = new boolean[parameters.size()];
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray p = e.getValue();
      p.setRequiresGradient(true);
      decays[names.size()] = usesWeightDecay(e.getKey());
      names.add(e.getKey());
      params.add(p);
      m.add(manager.zeros(p.getShape()));
      v.add(manager.zeros(p.getShape()));
    }
  }

  /** Google's exclusion list: {@code ["LayerNorm", "layer_norm", "bias"]}. */
  static boolean usesWeightDecay(String name) {
    return !(name.contains("LayerNorm") || name.contains("layer_norm") || name.contains("bias"));
  }

  /**
   * Applies one update from the gradients the last backward pass left, then zeroes them.
   *
   * @return the global gradient norm before clipping
   */
  public float step(NDManager scope, double learningRate) {
    // In-place updates of the weights must not be recorded (and PyTorch refuses them on leaves
    // that require gradients while recording is on, as it is by default on a new thread).
    Engines.disableGradientRecording();
    List<NDArray> grads = new ArrayList<>(params.size());
    NDArray sumSquares = null;
    for (NDArray p : params) {
      NDArray g = inScope(p.getGradient(), scope);
      grads.add(g);
      NDArray s = g.square().sum();
      sumSquares = sumSquares == null ? s : sumSquares.add(s);
    }
    float norm = (float) Math.sqrt(sumSquares.getFloat());
    float clip = (float) (settings.clipNorm() / Math.max(norm, settings.clipNorm()));
    float b1 = (float) settings.beta1();
    float b2 = (float) settings.beta2();
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = grads.get(i).mul(clip);
      m.get(i).muli(b1).addi(g.mul(1 - b1));
      v.get(i).muli(b2).addi(g.square().muli(1 - b2));
      NDArray denominator = inScope(v.get(i).sqrt(), scope).addi((float) settings.epsilon());
      NDArray update = inScope(m.get(i).div(denominator), scope);
      if (decays[i] && settings.weightDecay() > 0) {
        update.addi(inScope(p.mul((float) settings.weightDecay()), scope));
      }
      p.subi(update.muli((float) learningRate));
      grads.get(i).muli(0);
    }
    return norm;
  }

  private static NDArray inScope(NDArray a, NDManager scope) {
    a.attach(scope);
    return a;
  }

  /** Writes m and v ({@code m/NAME}, {@code v/NAME}) to a safetensors file. */
  public void save(Path file) throws IOException {
    Map<String, RawTensor> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put("m/" + names.get(i), raw("m/" + names.get(i), m.get(i)));
      out.put("v/" + names.get(i), raw("v/" + names.get(i), v.get(i)));
    }
    SafetensorsWriter.write(file, out);
  }

  /** Restores m and v saved by {@link #save}; every parameter must be there with its shape. */
  public void load(Path file) throws CheckpointException {
    Map<String, RawTensor> in = SafetensorsReader.read(file).tensors();
    for (int i = 0; i < names.size(); i++) {
      copy(in, "m/" + names.get(i), m.get(i), file);
      copy(in, "v/" + names.get(i), v.get(i), file);
    }
  }

  private static void copy(Map<String, RawTensor> in, String name, NDArray target, Path file)
      throws CheckpointException {
    RawTensor t = in.get(name);
    if (t == null || !new Shape(t.hfShape()).equals(target.getShape())) {
      throw new CheckpointException(file.toString(), "optimizer state lacks " + name + " of shape " + target.getShape());
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
