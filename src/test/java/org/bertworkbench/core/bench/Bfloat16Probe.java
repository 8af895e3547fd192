package org.bertworkbench.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.bertworkbench.core.tensor.Engines;

/** Run in a child JVM by {@link Bfloat16UnavailableTest}: makes one bfloat16 array, prints its type. */
public final class Bfloat16Probe {

  private Bfloat16Probe() {}

  public static void main(String[] args) {
    try (NDManager m = Engines.pytorch().newBaseManager()) {
      NDArray x = m.ones(new Shape(4, 4));
      System.out.println("float32 array made");
      System.out.flush();
      NDArray b = x.toType(DataType.BFLOAT16, false);
      System.out.println("bfloat16 array made: " + b.getDataType());
    }
  }
}
