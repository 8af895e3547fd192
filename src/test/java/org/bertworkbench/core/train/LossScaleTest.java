package org.bertworkbench.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The README's loss-scale rules: 2^16 at the start, halved when the gradients overflow, doubled after
 * 2,000 good steps in a row, never below 1.
 */
class LossScaleTest {

  @Test
  void startsAt2To16DoublesAfter2000GoodStepsAndHalvesNotBelowOne() {
    LossScale s = new LossScale(LossScale.DEFAULT_INITIAL);
    assertEquals(0x1p16f, s.value());
    for (int i = 0; i < 1999; i++) {
      s.succeeded();
    }
    assertEquals(0x1p16f, s.value(), "1,999 good steps are not enough");
    s.succeeded();
    assertEquals(0x1p17f, s.value(), "doubled at the 2,000th");
    for (int i = 0; i < 1999; i++) {
      s.succeeded();
    }
    s.overflowed();
    assertEquals(0x1p16f, s.value(), "halved");
    s.succeeded();
    assertEquals(1, s.goodSteps(), "an overflow starts the count again");
    for (int i = 0; i < 40; i++) {
      s.overflowed();
    }
    assertEquals(1f, s.value(), "never below 1");
  }
}
