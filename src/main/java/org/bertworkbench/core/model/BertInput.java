package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A batch of encoded inputs (B = batch, T = tokens), all int64 of shape (B, T).
 *
 * @param inputIds vocabulary ids
 * @param tokenTypeIds segment ids, 0 for sentence A, 1 for sentence B
 * @param attentionMask 1 for real tokens, 0 for padding
 */
public record BertInput(NDArray inputIds, NDArray tokenTypeIds, NDArray attentionMask) {

  /** One sequence, batch of one. */
  public static BertInput of(NDManager manager, int[] ids, int[] typeIds, int[] mask) {
    return of(manager, new int[][] {ids}, new int[][] {typeIds}, new int[][] {mask});
  }

  /** A batch; every row must have the same length (pad first). */
  public static BertInput of(NDManager manager, int[][] ids, int[][] typeIds, int[][] mask) {
    return new BertInput(toLong(manager, ids), toLong(manager, typeIds), toLong(manager, mask));
  }

  private static NDArray toLong(NDManager manager, int[][] rows) {
    int t = rows[0].length;
    long[] flat = new long[rows.length * t];
    for (int b = 0; b < rows.length; b++) {
      if (rows[b].length != t) {
        throw new IllegalArgumentException("row " + b + " has " + rows[b].length + " tokens, row 0 has " + t);
      }
      for (int i = 0; i < t; i++) {
        flat[b * t + i] = rows[b][i];
      }
    }
    return manager.create(flat, new ai.djl.ndarray.types.Shape(rows.length, t));
  }

  public long batchSize() {
    return inputIds.getShape().get(0);
  }

  public long length() {
    return inputIds.getShape().get(1);
  }
}
