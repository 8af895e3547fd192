package org.bertworkbench.core.checkpoint;

/** Shape arithmetic shared by the readers and the schema. */
final class Shapes {

  private Shapes() {
  }

  /** The number of elements; {@link ArithmeticException} if it overflows a long. */
  static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }
}
