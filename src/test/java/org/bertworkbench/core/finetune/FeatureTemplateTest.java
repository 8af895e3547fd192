package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numeric features written into the text from a template. */
class FeatureTemplateTest {

  private static final List<String> FEATURES = List.of("price", "stars");

  @Test
  void valuesAreWrittenPlainly() {
    assertEquals("4", FeatureTemplate.format(4.0));
    assertEquals("12.5", FeatureTemplate.format(12.5));
    assertEquals("0.00001", FeatureTemplate.format(1e-5));
    assertEquals("-3.25", FeatureTemplate.format(-3.25));
    assertEquals("0", FeatureTemplate.format(-0.0));
    assertEquals("1000000000000000000000", FeatureTemplate.format(1e21));
  }

  @Test
  void render() {
    assertEquals("price 12.5 stars 4 (4 of 5)", FeatureTemplate.render("price {price} stars {stars} ({stars} of 5)",
        FEATURES, new double[] {12.5, 4}));
    assertEquals("costs $3 {not a feature", FeatureTemplate.render("costs ${price} {not a feature", FEATURES,
        new double[] {3, 1}));
  }

  @Test
  void problems() {
    assertNull(FeatureTemplate.problem("{price}", FEATURES));
    assertTrue(FeatureTemplate.problem(" ", FEATURES).contains("empty; write e.g. \"price {price} stars {stars}\""));
    assertTrue(FeatureTemplate.problem("{cost}", FEATURES).contains("names {cost}, which is not a feature column"));
    assertTrue(FeatureTemplate.problem("no placeholders", FEATURES).contains("names no feature"));
    assertThrows(IllegalArgumentException.class, () -> FeatureTemplate.render("{price}", FEATURES, new double[1]));
  }

  @Test
  void applyMakesTheFeaturesTheSecondSegment() {
    DataColumns cols = new DataColumns("review", null, "label", FEATURES, DataColumns.FeatureMode.TEXT_TEMPLATE,
        "price {price} stars {stars}");
    TextExample e = new TextExample(7, "Lovely soup.", null, "good", new double[] {9.5, 5});
    TextExample seen = FeatureTemplate.apply(cols, e);
    assertEquals("Lovely soup.", seen.textA());
    assertEquals("price 9.5 stars 5", seen.textB());
    assertEquals(7, seen.line());
    assertEquals("good", seen.label());
    assertArrayEquals(e.features(), seen.features());
    TextExample pair = new TextExample(8, "Q?", "A.", "x", new double[] {1, 2});
    assertEquals("A. price 1 stars 2", FeatureTemplate.apply(cols, pair).textB());
  }
}
