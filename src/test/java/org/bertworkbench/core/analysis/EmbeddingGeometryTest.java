package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.bertworkbench.core.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cosine map, nearest rows and the LayerNorm check on hand-made tables. */
class EmbeddingGeometryTest {

  static NDManager weights;
  static NDArray table; // 4 rows in 2-D: east, north-east (twice as long), north, west

  @BeforeAll
  static void table() {
    weights = Engines.newManager(Device.cpu());
    table = weights.create(new float[] {1, 0, 2, 2, 0, 3, -1, 0}, new Shape(4, 2));
  }

  @AfterAll
  static void close() {
    weights.close();
  }

  @Test
  void cosineMapOfKnownDirections() {
    try (NDManager scope = weights.newSubManager()) {
      float[][] cos = EmbeddingGeometry.cosineMap(scope, table);
      double s = Math.sqrt(0.5);
      assertArrayEquals(new float[] {1, (float) s, 0, -1}, cos[0], 1e-6f);
      assertArrayEquals(new float[] {(float) s, 1, (float) s, (float) -s}, cos[1], 1e-6f);
      assertArrayEquals(new float[] {0, (float) s, 1, 0}, cos[2], 1e-6f);
      assertEquals(-1, cos[3][0], 1e-6f);
    }
    // The weights were read, never changed, and no result was left in their manager.
    assertArrayEquals(new float[] {1, 0, 2, 2, 0, 3, -1, 0}, table.toFloatArray());
    assertEquals(1, weights.getManagedArrays().size());
  }

  @Test
  void nearestRowsByCosineNotByLength() {
    List<String> names = List.of("east", "north-east", "north", "west");
    try (NDManager scope = weights.newSubManager()) {
      // A query pointing a little north of east: east first, then north-east, then north.
      List<EmbeddingGeometry.Neighbour> near =
          EmbeddingGeometry.nearest(scope, table, new float[] {10, 1}, 3, null, names::get);
      assertEquals(List.of("east", "north-east", "north"), near.stream().map(EmbeddingGeometry.Neighbour::token).toList());
      assertEquals(10 / Math.sqrt(101), near.get(0).cosine(), 1e-6);
      // Skipping a row (the query's own token, say).
      List<EmbeddingGeometry.Neighbour> skipped =
          EmbeddingGeometry.nearest(scope, table, new float[] {10, 1}, 2, i -> i == 0, names::get);
      assertEquals(List.of("north-east", "north"), skipped.stream().map(EmbeddingGeometry.Neighbour::token).toList());
    }
  }

  @Test
  void layerNormAndTheCheck() {
    float[] gamma = {1, 2, 1, 1};
    float[] beta = {0, 0, 0, 0.5f};
    double[] ln = EmbeddingGeometry.layerNorm(new float[] {1, 2, 3, 4}, gamma, beta, 0);
    // mean 2.5, variance 1.25
    double sd = Math.sqrt(1.25);
    assertArrayEquals(new double[] {-1.5 / sd, 2 * -0.5 / sd, 0.5 / sd, 1.5 / sd + 0.5}, ln, 1e-12);

    float[][] tok = {{0.5f, 1, 1, 2}};
    float[][] seg = {{0.25f, 0.5f, 1, 1}};
    float[][] pos = {{0.25f, 0.5f, 1, 1}};
    float[][] sum = {{1, 2, 3, 4}};
    float[][] input = {{(float) ln[0], (float) ln[1], (float) ln[2], (float) ln[3] + 0.001f}};
    Inspection x = new Inspection(tok, seg, pos, sum, input, new float[0][][][], new float[][][] {input});
    EmbeddingGeometry.Check check = EmbeddingGeometry.check(x, gamma, beta, 0);
    assertEquals(0.0, check.sumMaxDifference());
    assertEquals(0.001, check.layerNormMaxDifference(), 1e-6);
  }
}
