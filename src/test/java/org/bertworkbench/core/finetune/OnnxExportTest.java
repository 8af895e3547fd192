package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.TokenizerJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX export run in ONNX Runtime gives our numbers: BERT-Base's hidden states and pooled
 * output, two inputs of different lengths in one padded batch (dynamic batch and sequence); and
 * fine-tuned heads on the bundled tiny model, whose logits give the {@link Predictor}'s
 * probabilities. The tokenizer.json beside the model reads back as the model's tokenizer.
 */
class OnnxExportTest {

  private static final String[] TEXTS = {"The capital of France is [MASK].",
      "Héllo, wörld! 東京 is big; naïve café-au-lait costs $3.50 (roughly)."};

  @TempDir
  Path dir;

  @Test
  void bertBaseHiddenStatesAndPooledOutputEqualOurs() throws Exception {
    try (LoadedBert bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE)) {
      OnnxExport.Result r = OnnxExport.export(bert, dir.resolve("base/model.onnx"));
      assertEquals(List.of("last_hidden_state", "pooler_output"), r.outputs());
      assertEquals(dir.resolve("base/tokenizer.json"), r.tokenizer());
      Encoding a = bert.encode(TEXTS[0], null, 128);
      Encoding b = bert.encode(TEXTS[1], "a second sentence", 128);
      assertTrue(a.length() != b.length());
      Encoding[] batch = {a, b};
      int t = Math.max(a.length(), b.length());
      long[][][] in = inputs(batch, t, bert.vocab().padId());
      float[] hidden;
      float[] pooled;
      try (NDManager m = bert.model().newScope()) {
        BertModel.Output out = bert.model().bert().forward(BertInput.of(m, ints(in[0]), ints(in[2]), ints(in[1])),
            ForwardOptions.INFERENCE);
        hidden = out.sequenceOutput().toFloatArray();
        pooled = out.pooledOutput().toFloatArray();
      }
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession s = env.createSession(r.model().toString(), new OrtSession.SessionOptions());
          OnnxTensor ids = OnnxTensor.createTensor(env, in[0]);
          OnnxTensor mask = OnnxTensor.createTensor(env, in[1]);
          OnnxTensor types = OnnxTensor.createTensor(env, in[2]);
          OrtSession.Result out = s.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
        float[][][] h = (float[][][]) out.get("last_hidden_state").orElseThrow().getValue();
        float[][] p = (float[][]) out.get("pooler_output").orElseThrow().getValue();
        assertEquals(768, h[0][0].length);
        assertEquals(t, h[0].length);
        assertTrue(maxDiff(flat(h), hidden) <= 1e-4, "last_hidden_state: " + maxDiff(flat(h), hidden));
        assertTrue(maxDiff(flat(p), pooled) <= 1e-4, "pooler_output: " + maxDiff(flat(p), pooled));
        // And what inspect shows: each input alone, unpadded, its last hidden state.
        for (int i = 0; i < batch.length; i++) {
          float[][][] states = Inspection.of(bert.model(), batch[i], ForwardOptions.INFERENCE).hiddenStates();
          float[][] last = states[states.length - 1];
          float[][] theirs = Arrays.copyOf(h[i], batch[i].length());
          assertTrue(maxDiff(flat(theirs), flat(last)) <= 1e-4, "inspect, input " + i + ": "
              + maxDiff(flat(theirs), flat(last)));
        }
      }
      assertTokenizerReadsBack(r.tokenizer(), bert.tokenizer());
    }
  }

  @Test
  void classifierLogitsGivePredictorsProbabilities() throws Exception {
    try (FinetuneModel model = model(TaskKind.CLASSIFY, FeatureMode.NONE)) {
      OnnxExport.Result r = OnnxExport.export(model, dir.resolve("classify.onnx"));
      assertEquals(List.of("logits"), r.outputs());
      List<Example> examples = List.of(ModelInputs.unlabelled(model.head(), 1, "the cat sat on the mat .", null,
          null), ModelInputs.unlabelled(model.head(), 2, "a dog", null, null));
      float[][] logits = (float[][]) run(model, r.model(), examples, null).get("logits");
      List<Prediction> ours = new Predictor(model).predict(examples, Progress.NONE);
      for (int i = 0; i < examples.size(); i++) {
        assertClose(((ClassPrediction) ours.get(i)).probabilities(), softmax(logits[i]), 1e-5);
      }
      assertTokenizerReadsBack(r.tokenizer(), model.tokenizer());
    }
  }

  @Test
  void classifierWithAppendedFeaturesStandardisesThemInTheGraph() throws Exception {
    try (FinetuneModel model = model(TaskKind.CLASSIFY, FeatureMode.CLS_CONCAT)) {
      OnnxExport.Result r = OnnxExport.export(model, dir.resolve("features.onnx"));
      double[][] raw = {{5.0, -1.0}, {100.0, 0.25}};
      List<Example> examples = List.of(ModelInputs.unlabelled(model.head(), 1, "cheap and good", null, raw[0]),
          ModelInputs.unlabelled(model.head(), 2, "the cat sat on the mat .", null, raw[1]));
      float[][] features = {{5f, -1f}, {100f, 0.25f}};
      float[][] logits = (float[][]) run(model, r.model(), examples, features).get("logits");
      List<Prediction> ours = new Predictor(model).predict(examples, Progress.NONE);
      for (int i = 0; i < examples.size(); i++) {
        assertClose(((ClassPrediction) ours.get(i)).probabilities(), softmax(logits[i]), 1e-5);
      }
      // The features matter: other values give other probabilities.
      float[][] other = (float[][]) run(model, r.model(), examples, new float[][] {{0f, 0f}, {0f, 0f}}).get("logits");
      assertTrue(Math.abs(softmax(other[1])[0] - softmax(logits[1])[0]) > 1e-4);
    }
  }

  @Test
  void taggerLogitsGivePredictorsConfidences() throws Exception {
    try (FinetuneModel model = model(TaskKind.TAG, FeatureMode.NONE)) {
      OnnxExport.Result r = OnnxExport.export(model, dir.resolve("tag.onnx"));
      List<Example> examples = List.of(ModelInputs.unlabelled(model.head(), 1, "John lives in Paris", null, null),
          ModelInputs.unlabelled(model.head(), 2, "unbelievable", null, null));
      List<EncodedInput> rows = model.encoder().encode(examples, false).inputs();
      float[][][] logits = (float[][][]) run(model, r.model(), examples, null).get("logits");
      List<Prediction> ours = new Predictor(model).predict(examples, Progress.NONE);
      for (int i = 0; i < examples.size(); i++) {
        TagPrediction p = (TagPrediction) ours.get(i);
        double[] confidence = new double[p.words().size()];
        int[] words = rows.get(i).wordIds();
        for (int k = 0; k < words.length; k++) {
          if (words[k] >= 0) {
            double[] probs = softmax(logits[i][k]);
            confidence[words[k]] = Arrays.stream(probs).max().orElseThrow();
          }
        }
        assertClose(p.confidence(), confidence, 1e-5);
      }
    }
  }

  @Test
  void qaLogitsGivePredictorsStartAndEndProbabilities() throws Exception {
    try (FinetuneModel model = model(TaskKind.QA, FeatureMode.NONE)) {
      OnnxExport.Result r = OnnxExport.export(model, dir.resolve("qa.onnx"));
      assertEquals(List.of("start_logits", "end_logits"), r.outputs());
      List<Example> examples = List.of(ModelInputs.unlabelled(model.head(), 1, "who sat on the mat ?",
          "the cat sat on the mat .", null));
      EncodedInput row = model.encoder().encode(examples, false).inputs().get(0);
      Map<String, Object> out = run(model, r.model(), examples, null);
      float[] start = ((float[][]) out.get("start_logits"))[0];
      float[] end = ((float[][]) out.get("end_logits"))[0];
      SpanPrediction ours = (SpanPrediction) new Predictor(model).predict(examples, Progress.NONE).get(0);
      List<Integer> paragraph = new ArrayList<>();
      for (int k = 0; k < row.length(); k++) {
        if (row.charStarts()[k] >= 0) {
          paragraph.add(k);
        }
      }
      double[] startP = softmaxOver(start, paragraph);
      double[] endP = softmaxOver(end, paragraph);
      assertEquals(paragraph.size(), ours.tokens().size());
      for (int j = 0; j < paragraph.size(); j++) {
        assertEquals(ours.tokens().get(j).startProbability(), startP[j], 1e-5);
        assertEquals(ours.tokens().get(j).endProbability(), endP[j], 1e-5);
      }
    }
  }

  @Test
  void aFolderIsNoFileToWrite() throws Exception {
    try (FinetuneModel model = model(TaskKind.CLASSIFY, FeatureMode.NONE)) {
      Files.createDirectories(dir.resolve("folder"));
      BadInputException e = assertThrows(BadInputException.class,
          () -> OnnxExport.export(model, dir.resolve("folder")));
      assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }
  }

  private FinetuneModel model(TaskKind task, FeatureMode features) throws Exception {
    List<String> labels = switch (task) {
      case TAG -> List.of("O", "B-X", "I-X");
      case QA -> List.of();
      default -> List.of("neg", "pos", "mixed");
    };
    boolean concat = features == FeatureMode.CLS_CONCAT;
    HeadConfig head = new HeadConfig(task, labels, features, concat ? List.of("price", "stars") : null,
        concat ? new double[] {3.0, 0.5} : null, concat ? new double[] {2.0, 0.75} : null, null, 64, null);
    Path folder = dir.resolve(task.name().toLowerCase(java.util.Locale.ROOT) + "-" + features);
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(SampleModel.NAME), head, Device.cpu(), 5)) {
      m.save(folder);
    }
    return FinetuneModel.open(folder.toString(), Device.cpu());
  }

  /** The examples as the Predictor encodes them, padded into one batch and run in ONNX Runtime. */
  private static Map<String, Object> run(FinetuneModel model, Path onnx, List<Example> examples, float[][] features)
      throws Exception {
    List<EncodedInput> rows = model.encoder().encode(examples, false).inputs();
    int t = rows.stream().mapToInt(EncodedInput::length).max().orElseThrow();
    long[][] ids = new long[rows.size()][t];
    long[][] types = new long[rows.size()][t];
    long[][] mask = new long[rows.size()][t];
    for (int b = 0; b < rows.size(); b++) {
      Arrays.fill(ids[b], model.tokenizer().vocab().padId());
      for (int k = 0; k < rows.get(b).length(); k++) {
        ids[b][k] = rows.get(b).inputIds()[k];
        types[b][k] = rows.get(b).tokenTypeIds()[k];
        mask[b][k] = 1;
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    List<OnnxTensor> tensors = new ArrayList<>();
    try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
      Map<String, OnnxTensor> in = new HashMap<>();
      in.put("input_ids", OnnxTensor.createTensor(env, ids));
      in.put("attention_mask", OnnxTensor.createTensor(env, mask));
      in.put("token_type_ids", OnnxTensor.createTensor(env, types));
      if (features != null) {
        in.put("features", OnnxTensor.createTensor(env, features));
      }
      tensors.addAll(in.values());
      assertEquals(in.keySet(), s.getInputNames());
      Map<String, Object> out = new HashMap<>();
      try (OrtSession.Result r = s.run(in)) {
        r.forEach(e -> {
          try {
            out.put(e.getKey(), e.getValue().getValue());
          } catch (ai.onnxruntime.OrtException x) {
            throw new IllegalStateException(x);
          }
        });
      }
      return out;
    } finally {
      tensors.forEach(OnnxTensor::close);
    }
  }

  /** The written tokenizer.json, read back by our reader, tokenizes as the model's own tokenizer. */
  private static void assertTokenizerReadsBack(Path file, BertTokenizer expected) {
    BertTokenizer back = TokenizerJson.read(file).tokenizer();
    assertEquals(expected.vocab().tokens(), back.vocab().tokens());
    for (String text : TEXTS) {
      Encoding e = expected.encode(text, "and a pair [SEP] here", 64, false);
      Encoding g = back.encode(text, "and a pair [SEP] here", 64, false);
      assertEquals(e.tokens(), g.tokens(), text);
      assertEquals(Arrays.toString(e.inputIds()), Arrays.toString(g.inputIds()));
      assertEquals(Arrays.toString(e.tokenTypeIds()), Arrays.toString(g.tokenTypeIds()));
    }
  }

  /** input_ids, attention_mask, token_type_ids, padded to {@code t}. */
  private static long[][][] inputs(Encoding[] batch, int t, int padId) {
    long[][][] out = new long[3][batch.length][t];
    for (int b = 0; b < batch.length; b++) {
      Arrays.fill(out[0][b], padId);
      for (int k = 0; k < batch[b].length(); k++) {
        out[0][b][k] = batch[b].inputIds()[k];
        out[1][b][k] = batch[b].attentionMask()[k];
        out[2][b][k] = batch[b].tokenTypeIds()[k];
      }
    }
    return out;
  }

  private static int[][] ints(long[][] a) {
    int[][] out = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = Arrays.stream(a[i]).mapToInt(x -> (int) x).toArray();
    }
    return out;
  }

  private static float[] flat(float[][][] a) {
    List<Float> out = new ArrayList<>();
    for (float[][] x : a) {
      for (float[] y : x) {
        for (float z : y) {
          out.add(z);
        }
      }
    }
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  private static float[] flat(float[][] a) {
    return flat(new float[][][] {a});
  }

  private static double maxDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }

  private static double[] softmax(float[] logits) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < logits.length; i++) {
      all.add(i);
    }
    return softmaxOver(logits, all);
  }

  private static double[] softmaxOver(float[] logits, List<Integer> at) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i : at) {
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    double[] out = new double[at.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.exp(logits[at.get(j)] - max);
      sum += out[j];
    }
    for (int j = 0; j < out.length; j++) {
      out[j] /= sum;
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, "at " + i + ": " + Arrays.toString(expected) + " vs "
          + Arrays.toString(actual));
    }
  }
}
