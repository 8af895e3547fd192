package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DistilBERT folders: written under transformers' DistilBERT names, opened into our blocks with
 * the teacher's tensors where the student's names say, refused in one line when a tensor is missing,
 * misshapen or the activation is not GELU.
 */
class DistilBertFolderTest {

  /** Four layers, so that a student of every other layer has two. */
  static final BertConfig TEACHER = BertConfig.of(100, 32, 4, 4, 64, 16, 2);

  @TempDir
  Path dir;

  private Checkpoint teacher() throws Exception {
    Path folder = dir.resolve("teacher");
    HfFolderWriter.write(folder, TEACHER, List.of("BertForPreTraining"), Map.of(), Fixtures.vocab(100), true,
        Fixtures.randomTensors(TEACHER, 5));
    return CheckpointLoader.open(folder);
  }

  @Test
  void everyBertNameMapsToDistilBertAndBackExceptSegmentsPoolerAndNsp() {
    for (TensorSchema.TensorSpec s : TensorSchema.of(TEACHER).specs().values()) {
      String distil = DistilBertNames.distilName(s.name());
      boolean absent = s.name().contains("token_type") || s.name().startsWith("bert.pooler.")
          || s.name().startsWith("cls.seq_relationship.");
      if (absent) {
        assertNull(distil, s.name());
        continue;
      }
      assertEquals(s.name(), DistilBertNames.ourName(distil), distil);
      if (s.component() != TensorSchema.Component.MLM_HEAD) {
        assertEquals(s.name(), DistilBertNames.ourName(DistilBertNames.PREFIX + distil), distil);
      }
    }
    assertEquals("transformer.layer.3.attention.out_lin.weight",
        DistilBertNames.distilName("bert.encoder.layer.3.attention.output.dense.weight"));
    assertEquals("transformer.layer.0.sa_layer_norm.bias",
        DistilBertNames.distilName("bert.encoder.layer.0.attention.output.LayerNorm.bias"));
    assertEquals("transformer.layer.0.output_layer_norm.weight",
        DistilBertNames.distilName("bert.encoder.layer.0.output.LayerNorm.weight"));
    assertEquals("transformer.layer.1.ffn.lin2.bias",
        DistilBertNames.distilName("bert.encoder.layer.1.output.dense.bias"));
    assertEquals("vocab_projector.bias", DistilBertNames.distilName("cls.predictions.bias"));
    assertNull(DistilBertNames.ourName("pre_classifier.weight"));
  }

  @Test
  void aStudentOfEveryOtherLayerHoldsTheTeachersTensorsUnderDistilBertsNames() throws Exception {
    Checkpoint teacher = teacher();
    Path student = dir.resolve("student");
    assertArrayEquals(new int[] {0, 2}, DistilBertFolderWriter.everyOtherLayer(4));
    assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10}, DistilBertFolderWriter.everyOtherLayer(12));
    DistilBertFolderWriter.writeStudent(student, teacher, DistilBertFolderWriter.everyOtherLayer(4),
        DistilBertFolderWriter.MASKED_LM);

    JsonObject config = JsonParser.parseString(Files.readString(student.resolve("config.json"))).getAsJsonObject();
    assertEquals("distilbert", config.get("model_type").getAsString());
    assertEquals("[\"DistilBertForMaskedLM\"]", config.get("architectures").toString());
    assertEquals(2, config.get("n_layers").getAsInt());
    assertEquals(32, config.get("dim").getAsInt());
    assertEquals(64, config.get("hidden_dim").getAsInt());
    assertFalse(config.has("type_vocab_size"));
    Set<String> stored = new TreeSet<>(SafetensorsReader.read(student.resolve("model.safetensors")).tensors().keySet());
    Set<String> expected = new TreeSet<>(List.of("distilbert.embeddings.word_embeddings.weight",
        "distilbert.embeddings.position_embeddings.weight", "distilbert.embeddings.LayerNorm.weight",
        "distilbert.embeddings.LayerNorm.bias", "vocab_transform.weight", "vocab_transform.bias",
        "vocab_layer_norm.weight", "vocab_layer_norm.bias", "vocab_projector.bias"));
    for (int l = 0; l < 2; l++) {
      for (String part : List.of("attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin",
          "sa_layer_norm", "ffn.lin1", "ffn.lin2", "output_layer_norm")) {
        expected.add("distilbert.transformer.layer." + l + "." + part + ".weight");
        expected.add("distilbert.transformer.layer." + l + "." + part + ".bias");
      }
    }
    assertEquals(expected, stored);

    Checkpoint c = CheckpointLoader.open(student);
    assertEquals(Checkpoint.SOURCE_HF, c.source());
    assertEquals(2, c.config().numHiddenLayers());
    assertEquals(2, c.config().typeVocabSize());
    assertEquals(BertConfig.DEFAULT_LAYER_NORM_EPS, c.config().layerNormEps());
    assertEquals("\"distilbert\"", c.extraConfig().get("model_type"));
    assertEquals(HfFolderLoader.DISTILBERT_NOTE, c.notes().get(0));
    assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("no pooler")), c.notes().toString());
    assertTrue(c.notes().stream().noneMatch(n -> n.startsWith("no MLM head")), c.notes().toString());
    for (int l = 0; l < 2; l++) {
      for (String part : List.of("attention.self.query.weight", "attention.output.LayerNorm.bias",
          "intermediate.dense.weight", "output.dense.bias")) {
        assertArrayEquals(Fixtures.bits(teacher.tensor("bert.encoder.layer." + (2 * l) + "." + part)),
            Fixtures.bits(c.tensor("bert.encoder.layer." + l + "." + part)), l + " " + part);
      }
    }
    for (String same : List.of("bert.embeddings.word_embeddings.weight", "bert.embeddings.LayerNorm.weight",
        "cls.predictions.transform.dense.weight", "cls.predictions.bias")) {
      assertArrayEquals(Fixtures.bits(teacher.tensor(same)), Fixtures.bits(c.tensor(same)), same);
    }
    float[] segments = TensorData.hfValues(c.tensor("bert.embeddings.token_type_embeddings.weight"));
    assertEquals(2 * 32, segments.length);
    for (float v : segments) {
      assertEquals(0f, v);
    }
    assertTrue(c.lowerCase());

    // Listed among the local models (the window's list), its vocabulary size read without the weights.
    ModelCatalog.LocalModel listed = ModelCatalog.localModels(dir).stream().filter(m -> m.name().equals("student"))
        .findFirst().orElseThrow();
    assertEquals("DistilBertForMaskedLM", listed.architecture());
    assertEquals(c.config(), listed.config());
    assertEquals(100, CheckpointLoader.vocabularySize(student.toString()).getAsInt());
  }

  @Test
  void aBareDistilBertModelHasNoPrefixAndNoHead() throws Exception {
    Path bare = dir.resolve("bare");
    DistilBertFolderWriter.writeStudent(bare, teacher(), new int[] {3, 1}, DistilBertFolderWriter.MODEL);
    Set<String> stored = SafetensorsReader.read(bare.resolve("model.safetensors")).tensors().keySet();
    assertTrue(stored.contains("transformer.layer.1.ffn.lin1.weight"), stored.toString());
    assertTrue(stored.stream().noneMatch(n -> n.startsWith("distilbert.") || n.startsWith("vocab_")),
        stored.toString());
    Checkpoint c = CheckpointLoader.open(bare);
    assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("no MLM head")), c.notes().toString());
    Checkpoint teacher = CheckpointLoader.open(dir.resolve("teacher"));
    assertArrayEquals(Fixtures.bits(teacher.tensor("bert.encoder.layer.3.output.LayerNorm.weight")),
        Fixtures.bits(c.tensor("bert.encoder.layer.0.output.LayerNorm.weight")), "the student's layer 0 is layer 3");
  }

  /** A copy of the student folder with its tensors edited and config.json's text replaced. */
  private Path broken(String name, Consumer<Map<String, RawTensor>> edit, String from, String to) throws Exception {
    Path student = dir.resolve("student");
    if (!Files.isDirectory(student)) {
      DistilBertFolderWriter.writeStudent(student, teacher(), new int[] {0, 2}, DistilBertFolderWriter.MASKED_LM);
    }
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    for (String f : List.of("vocab.txt", "tokenizer_config.json")) {
      Files.copy(student.resolve(f), out.resolve(f));
    }
    Files.writeString(out.resolve("config.json"), Files.readString(student.resolve("config.json")).replace(from, to));
    Map<String, RawTensor> tensors = new LinkedHashMap<>(
        SafetensorsReader.read(student.resolve("model.safetensors")).tensors());
    edit.accept(tensors);
    SafetensorsWriter.write(out.resolve("model.safetensors"), tensors);
    return out;
  }

  /** The one-line English refusal; its Japanese one is Japanese and names the same file. */
  private static String refusal(Path folder) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(folder));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    String ja = e.message(Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.startsWith(e.getMessage().substring(0, e.getMessage().indexOf(':') + 1)), ja);
    return e.getMessage();
  }

  @Test
  void aMissingMisshapenOrUnsupportedPartIsRefusedInOneLineByItsDistilBertName() throws Exception {
    String missing = refusal(broken("missing", t -> t.remove("distilbert.transformer.layer.1.ffn.lin2.bias"), "", ""));
    assertEquals("model.safetensors: missing tensor distilbert.transformer.layer.1.ffn.lin2.bias", missing);

    String shape = refusal(broken("shape", t -> {
      RawTensor bias = t.get("distilbert.transformer.layer.0.attention.q_lin.bias");
      t.put("distilbert.transformer.layer.0.attention.k_lin.weight", new RawTensor(
          "distilbert.transformer.layer.0.attention.k_lin.weight", bias.shape(), bias.data(), false));
    }, "", ""));
    assertEquals("model.safetensors: distilbert.transformer.layer.0.attention.k_lin.weight has shape [32] but "
        + "config.json says [32, 32]", shape);

    String head = refusal(broken("head", t -> t.remove("vocab_layer_norm.bias"), "", ""));
    assertEquals("model.safetensors: MLM head is incomplete: missing tensor vocab_layer_norm.bias", head);

    String twice = refusal(broken("twice", t -> {
      RawTensor w = t.get("distilbert.embeddings.LayerNorm.bias");
      t.put("embeddings.LayerNorm.bias", new RawTensor("embeddings.LayerNorm.bias", w.shape(), w.data(), false));
    }, "", ""));
    assertTrue(twice.contains("is stored twice"), twice);

    String relu = refusal(broken("relu", t -> { }, "\"activation\": \"gelu\"", "\"activation\": \"relu\""));
    assertEquals("config.json: DistilBERT's activation \"relu\" is not supported (Workbench's blocks compute "
        + "\"gelu\", the exact erf form)", relu);

    String noDim = refusal(broken("nodim", t -> { }, "\"dim\"", "\"width\""));
    assertEquals("config.json: missing key dim", noDim);

    String layers = refusal(broken("layers", t -> { }, "\"n_layers\": 2", "\"n_layers\": 3"));
    assertEquals("model.safetensors: missing tensor distilbert.transformer.layer.2.attention.q_lin.weight", layers);
  }

  @Test
  void aTaskHeadAndThePositionIdsBufferOfOlderSavesAreHandled() throws Exception {
    Path folder = broken("classifier", t -> {
      RawTensor w = t.get("vocab_transform.weight");
      t.put("pre_classifier.weight", new RawTensor("pre_classifier.weight", w.shape(), w.data(), false));
      t.put("vocab_projector.weight", t.get("distilbert.embeddings.word_embeddings.weight"));
    }, "", "");
    Checkpoint c = CheckpointLoader.open(folder);
    assertTrue(c.has("pre_classifier.weight"));
    assertFalse(c.has("vocab_projector.weight"), "tied to the word embeddings");
    assertTrue(c.notes().stream().anyMatch(n -> n.contains("pre_classifier.weight")), c.notes().toString());
  }
}
