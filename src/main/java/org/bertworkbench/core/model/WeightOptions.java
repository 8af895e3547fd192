package org.bertworkbench.core.model;

import ai.djl.ndarray.types.DataType;

/**
 * How a model's weights are made from a checkpoint.
 *
 * @param trainable copy every tensor into the engine's own contiguous memory in Hugging Face
 *     layout, so that it can take gradients and be updated in place; otherwise the checkpoint's
 *     mapped bytes are used as they are (read-only, no copy)
 * @param dataType what the blocks compute in: FLOAT32, or FLOAT16 for mixed precision (float16
 *     working weights, with float32 masters when trainable)
 * @param initSeed the seed of the one random stream that initialises, in the blocks' order, the
 *     optional parameters a checkpoint lacks (a pooler, a pretraining head): the same checkpoint
 *     always gets the same fresh parameters
 */
public record WeightOptions(boolean trainable, DataType dataType, long initSeed) {

  /** The seed fresh optional parameters get unless told otherwise (what the workbench has always used). */
  public static final long DEFAULT_INIT_SEED = 42;

  public WeightOptions {
    if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT16) {
      throw new IllegalArgumentException("weights are float32 or float16, not " + dataType);
    }
  }

  /** The checkpoint's own bytes, read-only, in float32: for looking, not training. */
  public static WeightOptions readOnly() {
    return new WeightOptions(false, DataType.FLOAT32, DEFAULT_INIT_SEED);
  }

  /** Own float32 copies that take gradients: for training. */
  public static WeightOptions forTraining() {
    return new WeightOptions(true, DataType.FLOAT32, DEFAULT_INIT_SEED);
  }

  /** These options computing in {@code type} (FLOAT32, or FLOAT16 for mixed precision). */
  public WeightOptions computingIn(DataType type) {
    return new WeightOptions(trainable, type, initSeed);
  }

  /** These options with another seed for fresh optional parameters. */
  public WeightOptions withInitSeed(long seed) {
    return new WeightOptions(trainable, dataType, seed);
  }
}
