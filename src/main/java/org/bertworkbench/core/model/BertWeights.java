package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/**
 * Every parameter of a model, by its Hugging Face name ({@code bert.encoder.layer.0.attention.self.query.weight}).
 *
 * <p>Blocks ask for their parameters by name and shape; the weights come from a checkpoint when it
 * has them, or are initialised as BERT initialises them (normal with standard deviation
 * {@code initializer_range} for matrices, zeros for biases, ones for LayerNorm gains).
 *
 * <p>Precision: the arrays the blocks compute with are of {@link #dataType()}. In float16 (mixed
 * precision training), each trainable parameter also keeps a float32 master copy, made from the
 * checkpoint's float32 values before the cast: the optimiser updates the masters and copies them
 * into the float16 working arrays, and {@link #toRawTensors()} writes the masters.
 */
public final class BertWeights implements ParameterSource, AutoCloseable {

  /** How a parameter missing from the checkpoint is made. */
  public enum Init { NORMAL, ZEROS, ONES }

  private final NDManager manager;
  private Map<String, RawTensor> source;
  private final java.util.Set<String> sourceNames;
  private boolean sourceReleased;
  private final boolean initMissing;
  private final boolean ownCopies;
  private final double initializerRange;
  private final Random random;
  private final DataType dataType;
  private final Map<String, NDArray> params = new LinkedHashMap<>();
  private final Map<String, NDArray> masters = new LinkedHashMap<>();
  private final List<String> initialised = new ArrayList<>();

  private BertWeights(NDManager manager, Map<String, RawTensor> source, boolean initMissing,
      double initializerRange, WeightOptions options) {
    this.dataType = options.dataType();
    this.manager = manager;
    this.source = source;
    this.sourceNames = java.util.Set.copyOf(source.keySet());
    this.initMissing = initMissing;
    this.ownCopies = options.trainable();
    this.initializerRange = initializerRange;
    this.random = new Random(options.initSeed());
  }

  /**
   * Weights taken from a checkpoint: a required parameter it lacks is refused, an optional one (a
   * pooler, a head) initialised from {@code options}' seed.
   *
   * @param initializerRange the standard deviation of fresh matrices ({@code initializer_range})
   */
  public static BertWeights fromTensors(NDManager manager, Map<String, RawTensor> tensors,
      double initializerRange, WeightOptions options) {
    return new BertWeights(manager, tensors, false, initializerRange, options);
  }

  /** Fresh trainable float32 weights, BERT's initialisation, reproducible from the seed. */
  public static BertWeights random(NDManager manager, double initializerRange, long seed) {
    return new BertWeights(manager, Map.of(), true, initializerRange, WeightOptions.forTraining().withInitSeed(seed));
  }

  /** The type of the arrays the blocks compute with: FLOAT32, or FLOAT16 for mixed precision. */
  @Override
  public DataType dataType() {
    return dataType;
  }

  /**
   * The float32 master copy of each float16 trainable parameter, by name (the same order as {@link
   * #all()}); empty in float32. The optimiser updates these arrays in place.
   */
  public Map<String, NDArray> masters() {
    return Collections.unmodifiableMap(masters);
  }

  /** True when the source checkpoint holds this parameter. */
  public boolean inSource(String name) {
    return sourceNames.contains(name);
  }

  /** Read-only weights (the checkpoint's own bytes) never change. */
  @Override
  public boolean frozen() {
    return !ownCopies;
  }

  /** A parameter the source must hold (unless this store initialises what is missing). */
  @Override
  public NDArray param(String name, Init init, long... shape) {
    return param(name, init, initMissing, shape);
  }

  /** A parameter that is initialised when the source lacks it (a pooler or a head). */
  @Override
  public NDArray optionalParam(String name, Init init, long... shape) {
    return param(name, init, true, shape);
  }

  /**
   * A task head's parameter: taken from the source when it holds one of this name, otherwise
   * initialised from its own {@code seed} (so a fine-tuning run's seed, not the order in which
   * blocks were built, decides a fresh head).
   */
  public NDArray headParam(String name, Init init, long seed, long... shape) {
    return param(name, init, true, shape, new Random(seed));
  }

  /**
   * Frees the float32 masters (a data-parallel replica computes and takes gradients, but the main
   * copy's optimiser updates the masters; the replica's weights are copied from the main copy).
   */
  public void dropMasters() {
    masters.values().forEach(NDArray::close);
    masters.clear();
  }

  /**
   * Lets go of the checkpoint once every parameter is made, when they are copies ({@code trainable}):
   * its memory-mapped file (BERT-Base: 440 MB, resident while mapped) can then be unmapped while a
   * fine-tuning runs. Read-only weights are the mapped bytes themselves and keep them either way.
   */
  public void releaseSource() {
    if (ownCopies) {
      source = Map.of();
      sourceReleased = true;
    }
  }

  /** Names of the parameters that were initialised because the source lacked them. */
  public List<String> initialised() {
    return Collections.unmodifiableList(initialised);
  }

  private NDArray param(String name, Init init, boolean mayInit, long[] shape) {
    return param(name, init, mayInit, shape, random);
  }

  private NDArray param(String name, Init init, boolean mayInit, long[] shape, Random rng) {
    NDArray existing = params.get(name);
    if (existing != null) {
      return existing;
    }
    if (sourceReleased) {
      throw new IllegalStateException(name + " asked for after the checkpoint was let go");
    }
    RawTensor raw = source.get(name);
    NDArray array;
    if (raw != null) {
      if (!Arrays.equals(raw.hfShape(), shape)) {
        throw new BadInputException(Message.of(BertWeights.class, "shapeNeeds", name,
            Arrays.toString(raw.hfShape()), Arrays.toString(shape)));
      }
      if (ownCopies) {
        array = manager.create(TensorData.hfValues(raw), new Shape(shape));
      } else {
        array = manager.create(TensorData.bytes(raw), new Shape(raw.shape()), DataType.FLOAT32);
        if (raw.transposed()) {
          // A TensorFlow kernel [in, out]; keep the stored bytes and view them as [out, in].
          array = array.transpose();
        }
      }
    } else if (mayInit) {
      array = initialise(init, shape, rng);
      if (!sourceNames.isEmpty()) {
        initialised.add(name);
      }
    } else {
      throw new BadInputException(Message.of(BertWeights.class, "noTensor", name));
    }
    array.setName(name);
    if (dataType != DataType.FLOAT32) {
      NDArray working = array.toType(dataType, true);
      working.setName(name);
      if (ownCopies) {
        masters.put(name, array);
      } else {
        array.close();
      }
      array = working;
    }
    params.put(name, array);
    return array;
  }

  private NDArray initialise(Init init, long[] shape, Random rng) {
    Shape s = new Shape(shape);
    switch (init) {
      case ZEROS:
        return manager.zeros(s);
      case ONES:
        return manager.ones(s);
      default:
        float[] values = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < values.length; i++) {
          // BERT's truncated normal: redraw beyond two standard deviations.
          double g;
          do {
            g = rng.nextGaussian();
          } while (Math.abs(g) > 2);
          values[i] = (float) (g * initializerRange);
        }
        return manager.create(values, s);
    }
  }

  /** Every parameter, in the order the blocks asked for them. */
  public Map<String, NDArray> all() {
    return Collections.unmodifiableMap(params);
  }

  /** Total number of scalars whose names start with {@code prefix} ("" for all). */
  public long count(String prefix) {
    long n = 0;
    for (Map.Entry<String, NDArray> e : params.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        n += e.getValue().getShape().size();
      }
    }
    return n;
  }

  /**
   * The parameters as raw little-endian float32 tensors in Hugging Face layout, for writing to
   * disk: the masters where there are masters.
   */
  public Map<String, RawTensor> toRawTensors() {
    Map<String, RawTensor> out = new LinkedHashMap<>();
    for (String name : params.keySet()) {
      out.put(name, float32Tensor(name));
    }
    return out;
  }

  /**
   * One parameter as a raw little-endian float32 tensor: its master in mixed precision, else the
   * array itself (a float16 array without master is widened).
   */
  public RawTensor float32Tensor(String name) {
    NDArray a = masters.getOrDefault(name, params.get(name));
    if (a == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    if (a.getDataType() == DataType.FLOAT32) {
      return new RawTensor(name, a.getShape().getShape(), a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN), false);
    }
    try (NDArray wide = a.toType(DataType.FLOAT32, true)) {
      return new RawTensor(name, a.getShape().getShape(), wide.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN), false);
    }
  }

  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}
