package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;

/**
 * The few operations every BERT block is built from, in one place: a dense layer, LayerNorm,
 * dropout and an embedding lookup, each as the paper and Hugging Face write them.
 */
public final class Ops {

  private Ops() {}

  /** {@code x W^T + b}, W in PyTorch's (out, in) layout: (..., in) -> (..., out). */
  public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /** LayerNorm over the last axis (of size {@code weight}'s length) with the given epsilon. */
  public static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, double epsilon) {
    return LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, (float) epsilon)
        .singletonOrThrow();
  }

  /** Dropout with probability {@code p} when training; {@code x} itself otherwise. */
  public static NDArray dropout(NDArray x, double p, boolean training) {
    return Dropout.dropout(x, (float) p, training).singletonOrThrow();
  }

  /** Rows of {@code table} (K, H) for the ids: (...) -> (..., H). */
  public static NDArray embedding(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }
}
