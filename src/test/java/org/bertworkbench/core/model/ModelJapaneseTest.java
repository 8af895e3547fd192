package org.bertworkbench.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.tensor.RawTensor;
import org.junit.jupiter.api.Test;

/** An input longer than the model reads, or weights of the wrong shape, are refused in Japanese too. */
class ModelJapaneseTest {

  static final BertConfig SHORT = BertConfig.of(50, 32, 1, 4, 64, 4, 2);

  private static void assertJapanese(String ja, String... kept) {
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    for (String k : kept) {
      assertTrue(ja.contains(k), ja + " should keep " + k);
    }
  }

  @Test
  void aTextLongerThanThePositionsIsRefusedInJapanese() {
    try (BertForPreTraining model = BertForPreTraining.random(SHORT, Device.cpu(), 3);
        NDManager m = model.newScope()) {
      int[] six = {2, 10, 11, 12, 13, 3};
      BertInput input = BertInput.of(m, six, new int[6], new int[] {1, 1, 1, 1, 1, 1});
      BadInputException e = assertThrows(BadInputException.class, () -> model.forward(input, ForwardOptions.INFERENCE));
      assertEquals("6 tokens is more than this model's 4 positions", e.getMessage());
      assertJapanese(UserMessages.of(e, Locale.JAPANESE), "6", "4");
    }
  }

  @Test
  void aWeightOfTheWrongShapeIsRefusedInJapanese() {
    Map<String, RawTensor> raw;
    try (BertForPreTraining model = BertForPreTraining.random(SHORT, Device.cpu(), 3)) {
      raw = new LinkedHashMap<>(model.weights().toRawTensors());
    }
    String name = "bert.pooler.dense.bias";
    raw.put(name, new RawTensor(name, new long[] {16},
        ByteBuffer.allocateDirect(16 * 4).order(ByteOrder.LITTLE_ENDIAN), false));
    BadInputException e = assertThrows(BadInputException.class,
        () -> BertForPreTraining.fromTensors(raw, SHORT, Device.cpu()).close());
    assertEquals(name + " has shape [16] but the config needs [32]", e.getMessage());
    assertJapanese(e.message(Locale.JAPANESE), name, "[16]", "[32]");
  }
}
