package org.bertworkbench.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 and bge-small-zh-v1.5 from langchain4j's jars, imported from ONNX into our own
 * blocks, give the hidden states ONNX Runtime gives running the jar's own graph on the same ids.
 */
class OnnxModelsTest {

  /** The largest difference allowed between our last hidden state and ONNX Runtime's. */
  static final double TOLERANCE = 1e-4;

  @Test
  void allMiniLmL6V2EqualsOnnxRuntime() throws Exception {
    double diff = compare("all-minilm-l6-v2", List.of(
        new String[] {"The quick brown fox jumps over the lazy dog.", null},
        new String[] {"How old are you?", "What is your age?"},
        new String[] {"Unbelievably, antidisestablishmentarianism splits into many pieces!", null},
        new String[] {"Café déjà vu — naïve façade.", null}), 6, 384, 12);
    System.err.println("all-minilm-l6-v2: max |ours - ONNX Runtime| = " + diff);
  }

  @Test
  void bgeSmallZhV15EqualsOnnxRuntime() throws Exception {
    double diff = compare("bge-small-zh-v1.5", List.of(
        new String[] {"今天天气很好，我们去公园散步吧。", null},
        new String[] {"机器学习是人工智能的一个分支。", "深度学习使用多层神经网络。"},
        new String[] {"東京は日本の首都です。", null},
        new String[] {"BERT 模型 uses WordPiece 分词 2024 年", null}), 4, 512, 8);
    System.err.println("bge-small-zh-v1.5: max |ours - ONNX Runtime| = " + diff);
  }

  /** Loads {@code name}, checks its config, runs each input and a padded batch of all both ways; the max diff. */
  private static double compare(String name, List<String[]> inputs, int layers, int hidden, int heads)
      throws Exception {
    ModelCatalog.KnownModel known = ModelCatalog.find(name).orElseThrow();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (LoadedBert bert = LoadedBert.open(name, Device.cpu(), Progress.NONE);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(onnxEntry(known.jar()), options)) {
      assertEquals(Checkpoint.SOURCE_ONNX, bert.source());
      assertEquals(layers, bert.model().config().numHiddenLayers());
      assertEquals(hidden, bert.model().config().hiddenSize());
      assertEquals(heads, bert.model().config().numAttentionHeads());
      assertEquals(known.config(), bert.model().config(), "the catalog's config is the one the graph gives");
      assertEquals(known.lowerCase(), bert.tokenizer().lowerCase());
      assertTrue(bert.notes().stream().anyMatch(n -> n.startsWith("no pooler")), bert.notes().toString());
      double worst = 0;
      Encoding[] all = new Encoding[inputs.size()];
      for (int i = 0; i < inputs.size(); i++) {
        all[i] = bert.encode(inputs.get(i)[0], inputs.get(i)[1], 128);
        assertTrue(all[i].tokens().stream().noneMatch("[UNK]"::equals) || name.startsWith("bge"),
            all[i].tokens().toString());
        worst = Math.max(worst, maxDiff(bert, env, session, new Encoding[] {all[i]}));
      }
      worst = Math.max(worst, maxDiff(bert, env, session, all));
      assertTrue(worst <= TOLERANCE, name + ": max difference " + worst);
      return worst;
    }
  }

  /** The inputs padded to one length, run through our blocks and ONNX Runtime; the largest |difference|. */
  private static double maxDiff(LoadedBert bert, OrtEnvironment env, OrtSession session, Encoding[] batch)
      throws Exception {
    int length = 0;
    for (Encoding e : batch) {
      length = Math.max(length, e.length());
    }
    int[][] ids = new int[batch.length][length];
    int[][] types = new int[batch.length][length];
    int[][] mask = new int[batch.length][length];
    long[][] ids64 = new long[batch.length][length];
    long[][] types64 = new long[batch.length][length];
    long[][] mask64 = new long[batch.length][length];
    for (int b = 0; b < batch.length; b++) {
      for (int t = 0; t < batch[b].length(); t++) {
        ids[b][t] = batch[b].inputIds()[t];
        types[b][t] = batch[b].tokenTypeIds()[t];
        mask[b][t] = batch[b].attentionMask()[t];
        ids64[b][t] = ids[b][t];
        types64[b][t] = types[b][t];
        mask64[b][t] = mask[b][t];
      }
    }
    float[] ours;
    try (NDManager m = bert.model().newScope()) {
      ours = bert.model().forward(BertInput.of(m, ids, types, mask), ForwardOptions.INFERENCE).sequenceOutput()
          .toFloatArray();
    }
    float[][][] theirs;
    try (OnnxTensor i = OnnxTensor.createTensor(env, ids64);
        OnnxTensor a = OnnxTensor.createTensor(env, mask64);
        OnnxTensor s = OnnxTensor.createTensor(env, types64);
        OrtSession.Result r = session.run(Map.of("input_ids", i, "attention_mask", a, "token_type_ids", s))) {
      theirs = (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
    }
    int hidden = theirs[0][0].length;
    assertEquals(batch.length * length * hidden, ours.length);
    double worst = 0;
    for (int b = 0; b < batch.length; b++) {
      for (int t = 0; t < length; t++) {
        for (int d = 0; d < hidden; d++) {
          worst = Math.max(worst, Math.abs(ours[(b * length + t) * hidden + d] - theirs[b][t][d]));
        }
      }
    }
    return worst;
  }

  /** The jar's own .onnx entry, read as ONNX Runtime would be given it (not our extracted copy). */
  private static byte[] onnxEntry(Path jar) throws Exception {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements();) {
        ZipEntry e = en.nextElement();
        if (e.getName().endsWith(".onnx")) {
          try (InputStream in = z.getInputStream(e)) {
            return in.readAllBytes();
          }
        }
      }
    }
    throw new AssertionError("no .onnx entry in " + jar);
  }
}
