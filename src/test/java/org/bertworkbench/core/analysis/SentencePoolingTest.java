package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentence-transformers folder made here from the bundled sample model (its weights, config and
 * vocabulary, plus modules.json, 1_Pooling/config.json, a Normalize module and
 * sentence_bert_config.json): the pooling it says is read, and each mode's vectors equal a direct
 * computation from the model's last hidden states, one sentence at a time; long inputs are cut to
 * max_seq_length; what the workbench cannot run is refused in one line.
 */
class SentencePoolingTest {

  static final Path SAMPLE = Path.of("sample-data/pretrain/tiny-model");
  static final List<String> SENTENCES = List.of("the cat sat on the mat .", "a dog ran", "the cat",
      "she said that the book , which he had lent her , was lost .");

  @TempDir
  Path dir;

  @Test
  void eachModeOfAModulesJsonFolderEqualsADirectComputation() throws Exception {
    for (String mode : List.of("mean", "cls", "max")) {
      for (boolean normalize : List.of(true, false)) {
        Path folder = sentenceFolder(dir.resolve(mode + normalize), mode, normalize, 0);
        try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE)) {
          SentencePooling p = SentencePooling.of(bert);
          assertEquals(new SentencePooling(SentencePooling.Mode.parse(mode), normalize, 0,
              SentencePooling.FROM_MODULES), p);
          assertEquals(512, p.limit(bert), "no max_seq_length: the position limit");
          List<SentenceEmbedding.Embedded> got = SentenceEmbedding.embed(bert, SENTENCES, p, p.limit(bert), 3,
              ForwardOptions.INFERENCE, Progress.NONE);
          for (int i = 0; i < SENTENCES.size(); i++) {
            float[] want = direct(bert, SENTENCES.get(i), 512, mode, normalize);
            assertEquals(want.length, got.get(i).vector().length);
            double diff = SentenceEmbeddingLangchain4jTest.maxDiff(want, got.get(i).vector());
            assertTrue(diff <= 1e-5, mode + "/" + normalize + " on \"" + SENTENCES.get(i) + "\": " + diff);
            assertEquals(normalize, Math.abs(SentenceEmbeddingLangchain4jTest.norm(got.get(i).vector()) - 1) < 1e-5,
                "unit length only when normalised");
          }
        }
      }
    }
  }

  @Test
  void maxSeqLengthCutsLongInputsAndTheNoticeSaysSo() throws Exception {
    Path folder = sentenceFolder(dir.resolve("short"), "mean", true, 8);
    try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE)) {
      SentencePooling p = SentencePooling.of(bert);
      assertEquals(8, p.maxSeqLength());
      assertEquals(8, p.limit(bert));
      String longer = SENTENCES.get(3);
      List<SentenceEmbedding.Embedded> got = SentenceEmbedding.embed(bert, List.of(longer, "a dog ran"), p,
          p.limit(bert), 2, ForwardOptions.INFERENCE, Progress.NONE);
      SentenceEmbedding.Embedded cut = got.get(0);
      assertTrue(cut.truncated());
      assertEquals(8, cut.tokens().size());
      assertEquals("[SEP]", cut.tokens().get(7));
      int whole = bert.encode(longer, null, 512).length();
      assertEquals(whole - 8, cut.removedPieces());
      assertFalse(got.get(1).truncated());
      double diff = SentenceEmbeddingLangchain4jTest.maxDiff(direct(bert, longer, 8, "mean", true), cut.vector());
      assertTrue(diff <= 1e-5, "the vector is the truncated input's: " + diff);
      String note = SentenceEmbedding.truncationNotice(4, 8, cut).english();
      assertEquals("input 4 is longer than the model's limit of 8 word pieces ([CLS] and [SEP] included): its last "
          + (whole - 8) + " pieces were cut off", note);
      assertTrue(BundleChecks.JAPANESE.matcher(SentenceEmbedding.truncationNotice(4, 8, cut).in(Locale.JAPANESE))
          .find());
      // --pooling keeps the model's normalisation and limit
      SentencePooling cls = p.withMode(SentencePooling.Mode.CLS);
      assertEquals(new SentencePooling(SentencePooling.Mode.CLS, true, 8, SentencePooling.FROM_OPTION), cls);
    }
  }

  @Test
  void aPlainModelPoolsByTheMeanUnnormalised() throws Exception {
    try (LoadedBert bert = LoadedBert.open(SAMPLE.toString(), Device.cpu(), Progress.NONE)) {
      assertEquals(new SentencePooling(SentencePooling.Mode.MEAN, false, 0, SentencePooling.FROM_DEFAULT),
          SentencePooling.of(bert));
    }
  }

  @Test
  void whatTheWorkbenchCannotRunIsRefusedInOneLine() throws Exception {
    Path folder = sentenceFolder(dir.resolve("bad"), "mean", true, 0);
    Path modules = folder.resolve("modules.json");
    Files.writeString(modules, """
        [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
         {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
         {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]""");
    assertEquals(modules + ": module sentence_transformers.models.Dense is not one the workbench runs (it runs "
        + "Transformer, Pooling and Normalize)", refusal(folder));

    Files.writeString(modules, "{\"not\": \"a list\"}");
    assertEquals(modules + ": not a JSON list of modules", refusal(folder));

    Files.writeString(modules, "[{\"path\": \"\", \"type\": \"sentence_transformers.models.Transformer\"}]");
    assertTrue(refusal(folder).startsWith(modules + ": no Pooling module (modules: Transformer)"), refusal(folder));

    Files.writeString(modules, "[{\"path\": \"../elsewhere\", \"type\": \"sentence_transformers.models.Pooling\"}]");
    assertTrue(refusal(folder).contains("a module without a \"type\" and a relative \"path\""), refusal(folder));

    Path pooling = sentenceFolder(dir.resolve("two"), "mean", false, 0).resolve("1_Pooling/config.json");
    Files.writeString(pooling, "{\"word_embedding_dimension\": 128, \"pooling_mode_mean_tokens\": true, "
        + "\"pooling_mode_cls_token\": true}");
    String two = refusal(pooling.getParent().getParent());
    assertTrue(two.startsWith(pooling + ": pooling modes turned on: ") && two.contains("pooling_mode_cls_token")
        && two.contains("pooling_mode_mean_tokens") && two.contains("exactly one"), two);

    Files.writeString(pooling, "{\"word_embedding_dimension\": 384, \"pooling_mode_mean_tokens\": true}");
    assertEquals(pooling + ": word_embedding_dimension 384 is not the model's hidden size 128",
        refusal(pooling.getParent().getParent()));

    Files.delete(pooling);
    assertEquals(pooling + ": no such file", refusal(pooling.getParent().getParent()));

    BadInputException mode = assertThrows(BadInputException.class, () -> SentencePooling.Mode.parse("avg"));
    assertEquals("--pooling takes mean, cls or max, got \"avg\"", mode.getMessage());
    assertTrue(BundleChecks.JAPANESE.matcher(mode.message(Locale.JAPANESE)).find());
  }

  @Test
  void pooledValuesOfAHandMadeMatrix() {
    float[][] tokens = {{1, 2}, {3, -4}, {100, 100}};
    int[] mask = {1, 1, 0};
    assertEquals(List.of(2f, -1f), list(SentenceEmbedding.pool(tokens, mask, SentencePooling.Mode.MEAN, false)));
    assertEquals(List.of(1f, 2f), list(SentenceEmbedding.pool(tokens, mask, SentencePooling.Mode.CLS, false)));
    assertEquals(List.of(3f, 2f), list(SentenceEmbedding.pool(tokens, mask, SentencePooling.Mode.MAX, false)));
    float[] unit = SentenceEmbedding.pool(tokens, mask, SentencePooling.Mode.MAX, true);
    assertEquals(3 / Math.sqrt(13), unit[0], 1e-7);
    assertEquals(2 / Math.sqrt(13), unit[1], 1e-7);
    assertEquals(List.of(0f, 0f), list(SentenceEmbedding.pool(new float[][] {{0, 0}}, new int[] {1},
        SentencePooling.Mode.CLS, true)), "a zero vector stays zero");
    assertEquals(1.0, SentenceEmbedding.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-12);
    assertEquals(0.0, SentenceEmbedding.cosine(new float[] {1, 0}, new float[] {0, 3}), 1e-12);
  }

  private static List<Float> list(float[] v) {
    Float[] boxed = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      boxed[i] = v[i];
    }
    return List.of(boxed);
  }

  private static String refusal(Path folder) throws Exception {
    try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE)) {
      return assertThrows(BadInputException.class, () -> SentencePooling.of(bert)).getMessage();
    }
  }

  /**
   * The sentence's vector computed directly: the model run on the sentence alone (no padding), its
   * last hidden states pooled by hand.
   */
  static float[] direct(LoadedBert bert, String text, int limit, String mode, boolean normalize) {
    Encoding e = bert.encode(text, null, limit);
    float[] flat;
    try (NDManager m = bert.model().newScope()) {
      flat = bert.model().forward(BertInput.of(m, e.inputIds(), e.tokenTypeIds(), e.attentionMask()),
          ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
    }
    int h = bert.model().config().hiddenSize();
    int t = e.length();
    double[] v = new double[h];
    for (int d = 0; d < h; d++) {
      double acc = mode.equals("max") ? Double.NEGATIVE_INFINITY : 0;
      for (int i = 0; i < (mode.equals("cls") ? 1 : t); i++) {
        double x = flat[i * h + d];
        acc = mode.equals("max") ? Math.max(acc, x) : acc + x;
      }
      v[d] = mode.equals("mean") ? acc / t : acc;
    }
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = normalize ? Math.sqrt(norm) : 1;
    float[] out = new float[h];
    for (int d = 0; d < h; d++) {
      out[d] = (float) (v[d] / norm);
    }
    return out;
  }

  /** A sentence-transformers folder: the sample's files, modules.json, its modules' configs. */
  static Path sentenceFolder(Path folder, String mode, boolean normalize, int maxSeqLength) throws Exception {
    Files.createDirectories(folder.resolve("1_Pooling"));
    for (String f : List.of("config.json", "vocab.txt", "model.safetensors", "tokenizer_config.json")) {
      Files.copy(SAMPLE.resolve(f), folder.resolve(f));
    }
    StringBuilder modules = new StringBuilder("""
        [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
         {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}""");
    if (normalize) {
      Files.createDirectories(folder.resolve("2_Normalize"));
      modules.append(",\n {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Normalize\", "
          + "\"type\": \"sentence_transformers.models.Normalize\"}");
    }
    Files.writeString(folder.resolve("modules.json"), modules.append("]\n").toString());
    Files.writeString(folder.resolve("1_Pooling/config.json"), String.format(Locale.ROOT, """
        {"word_embedding_dimension": 128, "pooling_mode_cls_token": %b, "pooling_mode_mean_tokens": %b,
         "pooling_mode_max_tokens": %b, "pooling_mode_mean_sqrt_len_tokens": false}
        """, mode.equals("cls"), mode.equals("mean"), mode.equals("max")));
    if (maxSeqLength > 0) {
      Files.writeString(folder.resolve("sentence_bert_config.json"),
          "{\"max_seq_length\": " + maxSeqLength + ", \"do_lower_case\": false}");
    }
    return folder;
  }
}
