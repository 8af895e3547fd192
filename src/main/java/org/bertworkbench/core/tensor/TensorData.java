package org.bertworkbench.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Views and copies of a {@link RawTensor}'s float32 data. */
public final class TensorData {

  private TensorData() {
  }

  /**
   * The tensor's bytes {@code [0, limit)} as a fresh little-endian buffer (position 0), sharing the
   * memory; safe to hand to an engine without disturbing the tensor's own buffer.
   */
  public static ByteBuffer bytes(RawTensor t) {
    ByteBuffer b = t.data().duplicate();
    b.position(0);
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The values in stored order as a float view (no copy). */
  public static FloatBuffer floats(RawTensor t) {
    return bytes(t).asFloatBuffer();
  }

  /**
   * The values in Hugging Face layout (transposed back if the tensor is {@link RawTensor#transposed()}),
   * copied into an array. Meant for small tensors and for writing.
   */
  public static float[] hfValues(RawTensor t) {
    FloatBuffer f = floats(t);
    float[] out = new float[f.remaining()];
    if (!t.transposed()) {
      f.get(out);
      return out;
    }
    int rows = (int) t.shape()[0];
    int cols = (int) t.shape()[1];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = f.get(r * cols + c);
      }
    }
    return out;
  }

  /** A tensor in Hugging Face layout holding {@code values} (a heap buffer, little-endian). */
  public static RawTensor of(String name, long[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new RawTensor(name, shape.clone(), b, false);
  }
}
