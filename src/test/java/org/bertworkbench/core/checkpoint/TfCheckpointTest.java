package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfCheckpointTest {

  @TempDir
  Path dir;

  /** A Google-style folder of the tiny model; returns the Hugging Face tensors it was made from. */
  static Map<String, RawTensor> writeGoogleFolder(Path dir, String prefix, boolean withTrainingState) throws Exception {
    Map<String, RawTensor> hf = Fixtures.randomTensors(Fixtures.TINY, 11);
    Map<String, TfBundleWriter.Variable> vars =
        new TreeMap<>(TfBundleWriter.fromHf(hf, TensorSchema.of(Fixtures.TINY), prefix));
    if (withTrainingState) {
      vars.put("bert/pooler/dense/kernel/adam_m", new TfBundleWriter.Variable(new long[] {32, 32}, new float[1024]));
      vars.put("bert/pooler/dense/kernel/adam_v", new TfBundleWriter.Variable(new long[] {32, 32}, new float[1024]));
      vars.put("global_step", new TfBundleWriter.Variable(9, new long[0], new float[2]));
    }
    TfBundleWriter.write(dir.resolve("bert_model.ckpt"), vars);
    Files.writeString(dir.resolve("bert_config.json"), ConfigJson.toJson(Fixtures.TINY, java.util.List.of(), Map.of()));
    Files.write(dir.resolve("vocab.txt"), Fixtures.vocab(100));
    return hf;
  }

  @Test
  void googleFolderReadsBackWithHuggingFaceNamesAndLayout() throws Exception {
    Map<String, RawTensor> hf = writeGoogleFolder(dir, "", true);
    Checkpoint c = CheckpointLoader.open(dir.toString());
    assertEquals(Checkpoint.SOURCE_TF, c.source());
    assertEquals(Fixtures.TINY, c.config());
    assertEquals(new TreeMap<>(hf).keySet(), new TreeMap<>(c.tensors()).keySet());
    for (RawTensor t : hf.values()) {
      assertArrayEquals(Fixtures.bits(t), Fixtures.bits(c.tensor(t.name())), t.name());
      assertArrayEquals(t.shape(), c.tensor(t.name()).hfShape(), t.name());
    }
    RawTensor q = c.tensor("bert.encoder.layer.1.intermediate.dense.weight");
    assertTrue(q.transposed());
    assertArrayEquals(new long[] {32, 64}, q.shape());
    assertFalse(c.tensor("cls.seq_relationship.weight").transposed());
    assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("ignored 3 training-state variables")), c.notes().toString());
  }

  @Test
  void moduleprefixIsStrippedAndHfFolderConversionWorks() throws Exception {
    Path tf = Files.createDirectory(dir.resolve("tf"));
    Map<String, RawTensor> hf = writeGoogleFolder(tf, "module/", false);
    Checkpoint c = CheckpointLoader.open(tf.resolve("bert_model.ckpt.index"));
    Path out = dir.resolve("hf");
    HfFolderWriter.write(out, c, java.util.List.of("BertForPreTraining"));
    Checkpoint back = CheckpointLoader.open(out);
    for (RawTensor t : hf.values()) {
      RawTensor b = back.tensor(t.name());
      assertFalse(b.transposed());
      assertArrayEquals(Fixtures.bits(t), Fixtures.bits(b), t.name());
    }
  }

  @Test
  void nameMappingFollowsThePlatformTable() {
    assertEquals(new TfNames.Mapping("bert.encoder.layer.11.attention.self.query.weight", true),
        TfNames.map("module/bert/encoder/layer_11/attention/self/query/kernel"));
    assertEquals(new TfNames.Mapping("bert.embeddings.LayerNorm.weight", false),
        TfNames.map("module/bert/embeddings/LayerNorm/gamma"));
    assertEquals(new TfNames.Mapping("bert.embeddings.word_embeddings.weight", false),
        TfNames.map("bert/embeddings/word_embeddings"));
    assertEquals(new TfNames.Mapping("cls.predictions.bias", false), TfNames.map("module/cls/predictions/output_bias"));
    assertEquals(new TfNames.Mapping("cls.seq_relationship.weight", false),
        TfNames.map("cls/seq_relationship/output_weights"));
    assertTrue(TfNames.isTrainingState("bert/pooler/dense/kernel/adam_m"));
    assertTrue(TfNames.isTrainingState("global_step"));
  }

  @Test
  void realGoogleBertBaseUncasedFromTheMavenJar() throws Exception {
    Checkpoint c = CheckpointLoader.open("bert-base-uncased");
    assertEquals(204, c.tensors().size());
    assertEquals(BertConfig.base(30522), c.config());
    assertEquals(Checkpoint.SOURCE_TF_JAR, c.source());
    assertTrue(c.lowerCase());
    assertArrayEquals(new long[] {30522, 768}, c.tensor("bert.embeddings.word_embeddings.weight").shape());
    assertArrayEquals(new long[] {768, 3072}, c.tensor("bert.encoder.layer.11.intermediate.dense.weight").shape());
    assertArrayEquals(new long[] {3072, 768}, c.tensor("bert.encoder.layer.11.intermediate.dense.weight").hfShape());
    assertTrue(c.tensor("bert.encoder.layer.0.attention.self.query.weight").transposed());
    assertArrayEquals(new long[] {30522}, c.tensor("cls.predictions.bias").shape());
    assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("no NSP head")), c.notes().toString());
    assertTrue(c.notes().stream().noneMatch(n -> n.contains("NaN") || n.contains("infinite")), c.notes().toString());
    assertEquals(30522, Files.readAllLines(c.vocabFile()).size());
    float gamma = TensorData.floats(c.tensor("bert.embeddings.LayerNorm.weight")).get(0);
    assertTrue(gamma > 0.1f && gamma < 2f, "LayerNorm gamma looks trained: " + gamma);

    Checkpoint byPath = CheckpointLoader.open(ModelCatalog.find("bert-base-uncased").get().jar().toString());
    assertEquals("bert-base-uncased", byPath.name(), "a known jar opened by path shares the cache");
    // How long a warm open takes is CheckpointOpenBench's.
  }
}
