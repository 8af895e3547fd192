package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/** Small checkpoints made in memory for tests: a 2-layer, hidden-32 BERT with vocabulary 100. */
final class Fixtures {

  static final BertConfig TINY = BertConfig.of(100, 32, 2, 4, 64, 16, 2);

  private Fixtures() {
  }

  /** Random tensors for every tensor of the schema (all heads included). */
  static Map<String, RawTensor> randomTensors(BertConfig config, long seed) {
    Random r = new Random(seed);
    Map<String, RawTensor> out = new LinkedHashMap<>();
    for (TensorSchema.TensorSpec s : TensorSchema.of(config).specs().values()) {
      float[] v = new float[(int) s.parameters()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) r.nextGaussian() * 0.02f;
      }
      out.put(s.name(), TensorData.of(s.name(), s.shape(), v));
    }
    return out;
  }

  /** [PAD], [UNK], [CLS], [SEP], [MASK], then lowercase word pieces. */
  static List<String> vocab(int size) {
    List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    for (int i = v.size(); i < size; i++) {
      v.add(i % 2 == 0 ? "tok" + i : "##p" + i);
    }
    return v.subList(0, size);
  }

  /** A complete Hugging Face folder of the tiny model; returns its tensors. */
  static Map<String, RawTensor> writeHfFolder(Path dir) throws IOException {
    Map<String, RawTensor> tensors = randomTensors(TINY, 42);
    HfFolderWriter.write(dir, TINY, List.of("BertForPreTraining"), Map.of(), vocab(TINY.vocabSize()), true, tensors);
    return tensors;
  }

  /** The values in Hugging Face layout as raw int bits, for bit-exact comparison. */
  static int[] bits(RawTensor t) {
    float[] v = TensorData.hfValues(t);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }
}
