package org.bertworkbench.core.tensor;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One float32 tensor as it lies in a checkpoint file, not yet handed to an engine.
 *
 * @param name Hugging Face name, with the {@code bert.} prefix ({@code bert.encoder.layer.0...})
 * @param shape the shape as stored
 * @param data little-endian float32 values, exactly {@code product(shape) * 4} bytes, usually a
 *     slice of a memory-mapped file
 * @param transposed true when the stored matrix is the transpose of Hugging Face's layout (a
 *     TensorFlow {@code kernel} is {@code [in, out]}, a PyTorch Linear weight {@code [out, in]})
 */
public record RawTensor(String name, long[] shape, ByteBuffer data, boolean transposed) {

  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The shape Hugging Face uses for this tensor. */
  public long[] hfShape() {
    if (!transposed) {
      return shape.clone();
    }
    return new long[] {shape[1], shape[0]};
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + (transposed ? " (transposed)" : "");
  }
}
