package org.bertworkbench.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.UserMessages;
import org.junit.jupiter.api.Test;

/**
 * Sizes a BERT cannot have (typed in the pretraining wizard, or read from a config.json) are
 * refused in the window's language; the English sentence, an IllegalArgumentException's, is as before.
 */
class BertConfigJapaneseTest {

  @Test
  void headsThatDoNotDivideTheHiddenSizeAreRefusedInJapanese() {
    BadInputException e = assertThrows(BadInputException.class, () -> BertConfig.of(100, 64, 2, 5, 256, 16, 2));
    assertEquals("num_attention_heads 5 does not divide hidden_size 64", e.getMessage());
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.contains("num_attention_heads 5") && ja.contains("hidden_size 64"), ja);
  }

  @Test
  void aValueOutOfRangeNamesItsKeyAndValueInBothLanguages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BertConfig.of(100, 64, 2, 4, 256, 16, 2).withDropout(1.5));
    assertEquals("hidden_dropout_prob must be in [0, 1), got 1.5", e.getMessage());
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.contains("hidden_dropout_prob") && ja.contains("1.5") && ja.contains("[0, 1)"), ja);
    assertEquals(e.getMessage(), UserMessages.of(e, Locale.ENGLISH));
  }
}
