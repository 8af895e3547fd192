package org.bertworkbench.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.UserMessages;
import org.junit.jupiter.api.Test;

/** A learning rate or a saved loss scale that cannot be used is refused in Japanese too; English as before. */
class TrainJapaneseTest {

  @Test
  void aLearningRateThatIsNotPositiveIsRefusedInJapanese() {
    BadInputException e = assertThrows(BadInputException.class, () -> OptimizerSettings.paper(100).withLearningRate(0));
    assertEquals("learning rate must be positive, got 0.0", e.getMessage());
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.contains("0.0"), ja);
  }

  @Test
  void aSavedLossScaleBelowOneIsRefusedInJapanese() {
    LossScale s = new LossScale(LossScale.DEFAULT_INITIAL);
    BadInputException e = assertThrows(BadInputException.class, () -> s.restore(0.5f, 3));
    assertEquals("a loss scale must be finite and at least 1, got 0.5", e.getMessage());
    String ja = e.message(Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.contains("0.5"), ja);
  }
}
