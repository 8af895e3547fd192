package org.bertworkbench.core.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.model.BertInput;

/**
 * A batch of {@link EncodedInput} rows in one computation's scope, padded to its longest row
 * (padding is masked out of attention and out of every loss). Shapes: B = rows, T = tokens,
 * F = appended features.
 *
 * @param rows the rows, in batch order
 * @param input ids, segments and attention mask, (B, T) each
 * @param features (B, F) standardised features in the model's type, or null when the head appends none
 * @param paragraphBias QA: (B, T) float32, 0 at paragraph tokens, -10000 elsewhere (the softmax
 *     runs over paragraph positions only; it is added to the float32 logits, after the model);
 *     null for other tasks
 */
public record Batch(List<EncodedInput> rows, BertInput input, NDArray features, NDArray paragraphBias) {

  /** Score added outside the paragraph, as BERT's attention mask does. */
  static final float OUTSIDE = -10000f;

  /** Pads the rows with {@code padId} and moves them into {@code scope}, for a float32 model. */
  public static Batch of(NDManager scope, List<EncodedInput> rows, int padId) {
    return of(scope, rows, padId, DataType.FLOAT32);
  }

  /**
   * Pads the rows with {@code padId} and moves them into {@code scope}; the numeric features in
   * the model's type ({@code dataType}: a float32 array would lift a float16 forward pass to float32).
   */
  public static Batch of(NDManager scope, List<EncodedInput> rows, int padId, DataType dataType) {
    int b = rows.size();
    int t = rows.stream().mapToInt(EncodedInput::length).max().orElseThrow();
    int[][] ids = new int[b][t];
    int[][] types = new int[b][t];
    int[][] mask = new int[b][t];
    for (int i = 0; i < b; i++) {
      EncodedInput r = rows.get(i);
      Arrays.fill(ids[i], padId);
      System.arraycopy(r.inputIds(), 0, ids[i], 0, r.length());
      System.arraycopy(r.tokenTypeIds(), 0, types[i], 0, r.length());
      Arrays.fill(mask[i], 0, r.length(), 1);
    }
    NDArray features = null;
    int f = rows.get(0).features().length;
    if (f > 0) {
      float[] flat = new float[b * f];
      for (int i = 0; i < b; i++) {
        System.arraycopy(rows.get(i).features(), 0, flat, i * f, f);
      }
      features = scope.create(flat, new Shape(b, f)); // (B, F)
      if (dataType != DataType.FLOAT32) {
        features = features.toType(dataType, false);
      }
    }
    NDArray paragraph = null;
    if (rows.get(0).charStarts() != null) {
      float[] bias = new float[b * t];
      Arrays.fill(bias, OUTSIDE);
      for (int i = 0; i < b; i++) {
        int[] starts = rows.get(i).charStarts();
        for (int k = 0; k < starts.length; k++) {
          if (starts[k] >= 0) {
            bias[i * t + k] = 0f;
          }
        }
      }
      paragraph = scope.create(bias, new Shape(b, t)); // (B, T)
    }
    return new Batch(rows, BertInput.of(scope, ids, types, mask), features, paragraph);
  }

  public int size() {
    return rows.size();
  }

  /** Padded length T. */
  public int length() {
    return (int) input.length();
  }
}
