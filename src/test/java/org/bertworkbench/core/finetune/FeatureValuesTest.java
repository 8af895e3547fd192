package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.junit.jupiter.api.Test;

/** The numeric features a fine-tuned model reads, taken from --feature NAME=VALUE (predict, Spark predict). */
class FeatureValuesTest {

  static final HeadConfig WITH_FEATURES = new HeadConfig(TaskKind.CLASSIFY, List.of("neg", "pos"),
      FeatureMode.CLS_CONCAT, List.of("price", "stars"), new double[] {10, 3}, new double[] {2, 1}, null, 64, null);

  @Test
  void theValuesComeInTheModelsOrder() {
    assertArrayEquals(new double[] {12.5, 4},
        ModelInputs.featureValues(WITH_FEATURES, Map.of("stars", 4.0, "price", 12.5)));
    HeadConfig none = new HeadConfig(TaskKind.CLASSIFY, List.of("neg", "pos"), null, null, null, null, null, 64, null);
    assertEquals(0, ModelInputs.featureValues(none, null).length);
  }

  @Test
  void aMissingOneIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelInputs.featureValues(WITH_FEATURES, Map.of("price", 1.0)));
    assertTrue(e.getMessage().contains("price, stars") && e.getMessage().contains("--feature NAME=VALUE"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelInputs.featureValues(WITH_FEATURES, null));
  }
}
