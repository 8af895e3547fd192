package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 and bge-small-zh-v1.5 sentence embeddings, made by our blocks and pooling, equal
 * langchain4j's own embedding models (their ONNX graph run by ONNX Runtime, their mean or [CLS]
 * pooling, their normalisation) on English, Chinese, Japanese and mixed sentences: cosine at least
 * {@value #MIN_COSINE}, every value within {@value #MAX_DIFF}. Batched runs equal one-at-a-time runs.
 */
class SentenceEmbeddingLangchain4jTest {

  static final double MIN_COSINE = 0.99999;
  static final double MAX_DIFF = 1e-4;
  /** Batched against one at a time: the same computation up to float rounding of padded rows. */
  static final double BATCH_DIFF = 1e-5;

  /** Short enough (under 128 pieces) that langchain4j neither splits nor truncates them. */
  static final List<String> SENTENCES = List.of(
      "A man is eating food.",
      "The quick brown fox jumps over the lazy dog.",
      "How do I reset my password if I forgot my e-mail address?",
      "Sentence embeddings map whole sentences to points in a vector space, so that similar meanings lie close.",
      "It's 3:45 p.m. and the train to Zurich leaves from platform 9!",
      "Unbelievably, antidisestablishmentarianism splits into many word pieces.",
      "Café déjà vu: naïve façades in São Paulo.",
      "今天天气很好，我们去公园散步吧。",
      "机器学习是人工智能的一个分支，深度学习使用多层神经网络。",
      "北京是中华人民共和国的首都。",
      "東京は日本の首都です。",
      "私は毎朝コーヒーを飲みます。",
      "吾輩は猫である。名前はまだ無い。",
      "BERT 模型 uses WordPiece 分词, 2024 年",
      "I love 寿司 and ラーメン.",
      "Hi");

  @Test
  void allMiniLmL6V2EqualsLangchain4j() throws Exception {
    compare("all-minilm-l6-v2", new AllMiniLmL6V2EmbeddingModel(), SentencePooling.Mode.MEAN);
  }

  @Test
  void bgeSmallZhV15EqualsLangchain4j() throws Exception {
    compare("bge-small-zh-v1.5", new BgeSmallZhV15EmbeddingModel(), SentencePooling.Mode.CLS);
  }

  private static void compare(String name, EmbeddingModel theirs, SentencePooling.Mode mode) throws Exception {
    try (LoadedBert bert = LoadedBert.open(name, Device.cpu(), Progress.NONE)) {
      SentencePooling pooling = SentencePooling.of(bert);
      assertEquals(mode, pooling.mode());
      assertTrue(pooling.normalize());
      assertEquals(SentencePooling.FROM_CATALOG, pooling.source());
      int limit = pooling.limit(bert);
      List<SentenceEmbedding.Embedded> batched = SentenceEmbedding.embed(bert, SENTENCES, pooling, limit, 5,
          ForwardOptions.INFERENCE, Progress.NONE);
      List<SentenceEmbedding.Embedded> alone = SentenceEmbedding.embed(bert, SENTENCES, pooling, limit, 1,
          ForwardOptions.INFERENCE, Progress.NONE);
      List<String> tokenizationDiffers = tokenizationDiffers(bert, batched);
      double worstCosine = 1;
      double worstDiff = 0;
      double worstBatch = 0;
      for (int i = 0; i < SENTENCES.size(); i++) {
        float[] ours = batched.get(i).vector();
        float[] want = theirs.embed(SENTENCES.get(i)).content().vector();
        assertEquals(want.length, ours.length, "dimension");
        double cosine = SentenceEmbedding.cosine(ours, want);
        double diff = maxDiff(ours, want);
        assertTrue(cosine >= MIN_COSINE && diff <= MAX_DIFF, name + " on \"" + SENTENCES.get(i) + "\": cosine "
            + cosine + ", max difference " + diff + "; tokenization differs from Hugging Face's on "
            + tokenizationDiffers);
        assertEquals(1.0, norm(ours), 1e-5, "unit length");
        worstCosine = Math.min(worstCosine, cosine);
        worstDiff = Math.max(worstDiff, diff);
        worstBatch = Math.max(worstBatch, maxDiff(ours, alone.get(i).vector()));
      }
      SentencePooling other = pooling.withMode(mode == SentencePooling.Mode.MEAN ? SentencePooling.Mode.CLS
          : SentencePooling.Mode.MEAN);
      double otherCosine = SentenceEmbedding.cosine(theirs.embed(SENTENCES.get(0)).content().vector(),
          SentenceEmbedding.embed(bert, SENTENCES.subList(0, 1), other, limit, 1, ForwardOptions.INFERENCE,
              Progress.NONE).get(0).vector());
      assertTrue(otherCosine < MIN_COSINE, "the other pooling must not pass: cosine " + otherCosine);
      assertTrue(worstBatch <= BATCH_DIFF, name + ": batched vs one at a time differ by " + worstBatch);
      System.err.printf("%s vs langchain4j on %d sentences: min cosine %.9f, max |difference| %.3g; "
          + "batched vs alone %.3g; tokenization differs on %s%n", name, SENTENCES.size(), worstCosine, worstDiff,
          worstBatch, tokenizationDiffers);
    }
  }

  /** The sentences whose pieces differ from Hugging Face's tokenizer on the model's own tokenizer.json. */
  private static List<String> tokenizationDiffers(LoadedBert bert, List<SentenceEmbedding.Embedded> ours)
      throws Exception {
    List<String> differ = new ArrayList<>();
    try (ZipFile jar = new ZipFile(ModelCatalog.find(bert.name()).orElseThrow().jar().toFile());
        InputStream json = jar.getInputStream(jar.stream().filter(e -> e.getName().endsWith("-tokenizer.json"))
            .findFirst().orElseThrow());
        HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(json,
            Map.of("padding", "false", "truncation", "false"))) {
      for (int i = 0; i < SENTENCES.size(); i++) {
        List<String> theirs = Arrays.asList(hf.encode(SENTENCES.get(i)).getTokens());
        if (!theirs.equals(ours.get(i).tokens())) {
          differ.add(SENTENCES.get(i) + " " + ours.get(i).tokens() + " vs " + theirs);
        }
      }
    }
    return differ;
  }

  static double maxDiff(float[] a, float[] b) {
    double worst = 0;
    for (int d = 0; d < a.length; d++) {
      worst = Math.max(worst, Math.abs(a[d] - b[d]));
    }
    return worst;
  }

  static double norm(float[] v) {
    double sq = 0;
    for (float x : v) {
      sq += (double) x * x;
    }
    return Math.sqrt(sq);
  }
}
