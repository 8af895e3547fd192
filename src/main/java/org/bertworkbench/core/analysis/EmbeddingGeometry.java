package org.bertworkbench.core.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * The geometry of BERT's input embeddings: how alike the 512 position vectors are, which vocabulary
 * tokens lie nearest a vector, the two segment vectors, and the check that the model's input really
 * is LayerNorm(token + segment + position).
 *
 * <p>Shapes: V = vocabulary, P = positions, H = hidden, T = tokens of one input. The large products
 * (P x P, V x H) run on the engine; the weights are never modified and never borrowed by a scope:
 * engine results are created in a scope of the caller's (first operand in the scope) and copied
 * out; the one view made of a weight table (its transpose) is closed at once.
 */
public final class EmbeddingGeometry {

  public static final String WORD = "bert.embeddings.word_embeddings.weight";
  public static final String POSITION = "bert.embeddings.position_embeddings.weight";
  public static final String SEGMENT = "bert.embeddings.token_type_embeddings.weight";
  public static final String LN_WEIGHT = "bert.embeddings.LayerNorm.weight";
  public static final String LN_BIAS = "bert.embeddings.LayerNorm.bias";

  /** A vocabulary row near a query vector. */
  public record Neighbour(int id, String token, float cosine) {}

  /**
   * The two checks shown next to the strips, as largest absolute differences over every value.
   *
   * @param sumMaxDifference |sum - (token + segment + position)|, summed in float32 as the model sums
   * @param layerNormMaxDifference |LayerNorm(sum), recomputed here in double - first layer's input|
   */
  public record Check(double sumMaxDifference, double layerNormMaxDifference) {}

  private EmbeddingGeometry() {}

  /** Cosine similarity of every position embedding with every other: [P][P]. */
  public static float[][] positionCosineMap(BertForPreTraining model) {
    try (NDManager scope = model.newScope()) {
      return cosineMap(scope, table(model, POSITION));
    }
  }

  /** The segment (token type) vectors, [S][H]: row 0 for sentence A, row 1 for sentence B. */
  public static float[][] segmentVectors(BertForPreTraining model) {
    NDArray t = table(model, SEGMENT);
    return rows(t.toFloatArray(), (int) t.getShape().get(0), (int) t.getShape().get(1));
  }

  /** The {@code k} vocabulary tokens whose word embeddings are nearest (cosine) to {@code query}. */
  public static List<Neighbour> nearestTokens(BertForPreTraining model, Vocab vocab, float[] query,
      int k, IntPredicate skip) {
    try (NDManager scope = model.newScope()) {
      return nearest(scope, table(model, WORD), query, k, skip, vocab::token);
    }
  }

  /** Cosine of every row of {@code table} (R, H) with every other row, computed in {@code scope}: [R][R]. */
  public static float[][] cosineMap(NDManager scope, NDArray table) {
    int r = (int) table.getShape().get(0);
    int h = (int) table.getShape().get(1);
    float[] flat = table.toFloatArray(); // a copy: the weights stay untouched
    float[] norms = rowNorms(flat, r, h);
    for (int i = 0; i < r; i++) {
      for (int d = 0; d < h; d++) {
        flat[i * h + d] /= norms[i];
      }
    }
    NDArray unit = scope.create(flat, new Shape(r, h)); // (R, H)
    NDArray cos = unit.matMul(unit.transpose()); // (R, R)
    return rows(cos.toFloatArray(), r, r);
  }

  /**
   * The {@code k} rows of {@code table} (R, H) with the largest cosine to {@code query} (H), best
   * first, skipping rows for which {@code skip} is true; {@code names} names a row.
   */
  public static List<Neighbour> nearest(NDManager scope, NDArray table, float[] query, int k,
      IntPredicate skip, IntFunction<String> names) {
    if (k <= 0) {
      return List.of();
    }
    float[] rowNorms = rowNorms(table);
    NDArray q = scope.create(query, new Shape(1, query.length)); // (1, H)
    NDArray tableT = table.transpose(); // (H, R), a view created in the weights' manager
    float[] dots;
    try {
      dots = q.matMul(tableT).toFloatArray(); // (1, R), in the scope
    } finally {
      tableT.close();
    }
    double qNorm = 0;
    for (float v : query) {
      qNorm += (double) v * v;
    }
    qNorm = Math.sqrt(qNorm) + 1e-12;
    float[] cos = new float[dots.length];
    for (int i = 0; i < dots.length; i++) {
      cos[i] = (float) (dots[i] / (qNorm * rowNorms[i]));
    }
    // Partial selection: keep the best k in a small sorted list.
    int[] best = new int[k];
    int filled = 0;
    for (int i = 0; i < cos.length; i++) {
      if (skip != null && skip.test(i)) {
        continue;
      }
      if (filled < best.length || cos[i] > cos[best[filled - 1]]) {
        int j = Math.min(filled, best.length - 1);
        while (j > 0 && cos[best[j - 1]] < cos[i]) {
          best[j] = best[j - 1];
          j--;
        }
        best[j] = i;
        filled = Math.min(filled + 1, best.length);
      }
    }
    List<Neighbour> out = new ArrayList<>();
    for (int j = 0; j < filled; j++) {
      out.add(new Neighbour(best[j], names.apply(best[j]), cos[best[j]]));
    }
    return out;
  }

  /** Tables remembered (a model has one word-embedding table; the window holds two models at most). */
  private static final int REMEMBERED_TABLES = 4;

  /**
   * Row lengths by the table's uid, never by the array itself: DJL's {@code NDArray.equals} compares
   * contents and its {@code hashCode} is 0, so a map keyed by arrays compares every lookup with every
   * remembered table, element by element, and fails on the table of a model closed since ("Native
   * resource has been released already"). A uid is never reused.
   */
  private static final Map<String, float[]> ROW_NORMS = Collections.synchronizedMap(
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > REMEMBERED_TABLES;
        }
      });

  /** The length of every row of a weight table, computed once per table and remembered. */
  static float[] rowNorms(NDArray table) {
    float[] cached = ROW_NORMS.get(table.getUid());
    if (cached != null) {
      return cached;
    }
    NDArray n = table.norm(new int[] {1}); // (R), created in the weights' manager: closed at once
    float[] norms;
    try {
      norms = n.toFloatArray();
    } finally {
      n.close();
    }
    for (int i = 0; i < norms.length; i++) {
      norms[i] += 1e-12f;
    }
    ROW_NORMS.put(table.getUid(), norms);
    return norms;
  }

  private static float[] rowNorms(float[] flat, int r, int h) {
    float[] norms = new float[r];
    for (int i = 0; i < r; i++) {
      double s = 0;
      for (int d = 0; d < h; d++) {
        s += (double) flat[i * h + d] * flat[i * h + d];
      }
      norms[i] = (float) Math.sqrt(s) + 1e-12f;
    }
    return norms;
  }

  /** The numeric check: the sum is exactly the three parts, and the model's input is its LayerNorm. */
  public static Check check(Inspection x, float[] gamma, float[] beta, double epsilon) {
    double sumDiff = 0;
    double lnDiff = 0;
    for (int t = 0; t < x.embeddingSum().length; t++) {
      float[] sum = x.embeddingSum()[t];
      for (int d = 0; d < sum.length; d++) {
        float expected = x.tokenEmbeddings()[t][d] + x.segmentEmbeddings()[t][d] + x.positionEmbeddings()[t][d];
        sumDiff = Math.max(sumDiff, Math.abs((double) expected - sum[d]));
      }
      double[] ln = layerNorm(sum, gamma, beta, epsilon);
      for (int d = 0; d < sum.length; d++) {
        lnDiff = Math.max(lnDiff, Math.abs(ln[d] - x.hiddenStates()[0][t][d]));
      }
    }
    return new Check(sumDiff, lnDiff);
  }

  /** The check with the model's own LayerNorm parameters and epsilon. */
  public static Check check(BertForPreTraining model, Inspection x) {
    return check(x, table(model, LN_WEIGHT).toFloatArray(), table(model, LN_BIAS).toFloatArray(),
        model.config().layerNormEps());
  }

  /** LayerNorm of one vector, in double: (x - mean) / sqrt(var + eps) * gamma + beta. */
  public static double[] layerNorm(float[] x, float[] gamma, float[] beta, double epsilon) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (float v : x) {
      var += (v - mean) * (v - mean);
    }
    var /= x.length;
    double inv = 1 / Math.sqrt(var + epsilon);
    double[] out = new double[x.length];
    for (int d = 0; d < x.length; d++) {
      out[d] = (x[d] - mean) * inv * gamma[d] + beta[d];
    }
    return out;
  }

  /** Euclidean length of every row. */
  public static double[] norms(float[][] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = norm(rows[i]);
    }
    return out;
  }

  public static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    double n = norm(a) * norm(b);
    return n == 0 ? 0 : dot / n;
  }

  private static NDArray table(BertForPreTraining model, String name) {
    NDArray t = model.weights().all().get(name);
    if (t == null) {
      throw new IllegalStateException("the model has no " + name);
    }
    return t;
  }

  private static float[][] rows(float[] flat, int r, int c) {
    float[][] out = new float[r][c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(flat, i * c, out[i], 0, c);
    }
    return out;
  }
}
