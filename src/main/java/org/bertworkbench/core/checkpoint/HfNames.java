package org.bertworkbench.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Brings Hugging Face tensor names to one form: the {@code bert.} prefix (a bare {@code BertModel}
 * save has none), LayerNorm {@code weight}/{@code bias} (old saves say {@code gamma}/{@code beta}),
 * and no tied decoder (its weight is the word embeddings, its bias {@code cls.predictions.bias}).
 */
final class HfNames {

  private static final String DECODER_WEIGHT = "cls.predictions.decoder.weight";
  private static final String DECODER_BIAS = "cls.predictions.decoder.bias";
  private static final String MLM_BIAS = "cls.predictions.bias";

  private HfNames() {
  }

  static String normalize(String name) {
    String n = name;
    if (n.startsWith("embeddings.") || n.startsWith("encoder.") || n.startsWith("pooler.")) {
      n = "bert." + n;
    }
    if (n.contains("LayerNorm.") && n.endsWith(".gamma")) {
      n = n.substring(0, n.length() - "gamma".length()) + "weight";
    } else if (n.contains("LayerNorm.") && n.endsWith(".beta")) {
      n = n.substring(0, n.length() - "beta".length()) + "bias";
    }
    return n;
  }

  /** The tensors renamed; refuses two stored names that mean the same tensor. */
  static Map<String, RawTensor> normalizeAll(String file, Map<String, RawTensor> stored) throws CheckpointException {
    Map<String, RawTensor> out = new LinkedHashMap<>();
    Map<String, String> storedNameOf = new LinkedHashMap<>();
    RawTensor decoderBias = null;
    for (RawTensor t : stored.values()) {
      if (t.name().equals(DECODER_WEIGHT)) {
        continue;
      }
      if (t.name().equals(DECODER_BIAS)) {
        decoderBias = t;
        continue;
      }
      String n = normalize(t.name());
      String earlier = storedNameOf.put(n, t.name());
      if (earlier != null) {
        throw new CheckpointException(file, Message.of(HfNames.class, "storedTwice", n, earlier, t.name()));
      }
      out.put(n, new RawTensor(n, t.shape(), t.data(), t.transposed()));
    }
    if (decoderBias != null && !out.containsKey(MLM_BIAS)) {
      out.put(MLM_BIAS, new RawTensor(MLM_BIAS, decoderBias.shape(), decoderBias.data(), false));
    }
    return out;
  }
}
