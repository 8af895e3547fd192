package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfRoundTripTest {

  @TempDir
  Path dir;

  @Test
  void writtenFolderReadsBackBitEqual() throws Exception {
    Map<String, RawTensor> written = Fixtures.writeHfFolder(dir);
    Checkpoint c = CheckpointLoader.open(dir.toString());
    assertEquals(Checkpoint.SOURCE_HF, c.source());
    assertEquals(Fixtures.TINY, c.config());
    assertEquals(written.keySet(), c.tensors().keySet());
    for (RawTensor t : written.values()) {
      RawTensor r = c.tensor(t.name());
      assertArrayEquals(t.shape(), r.shape(), t.name());
      assertArrayEquals(Fixtures.bits(t), Fixtures.bits(r), t.name());
      assertEquals(ByteOrder.LITTLE_ENDIAN, r.data().order());
      assertTrue(r.data().isDirect(), "mapped, not copied");
    }
    assertTrue(c.lowerCase());
    assertEquals(dir.resolve("vocab.txt"), c.vocabFile());
    assertEquals("[\"BertForPreTraining\"]", c.extraConfig().get("architectures"));
    assertEquals("\"bert\"", c.extraConfig().get("model_type"));
    assertTrue(c.notes().stream().noneMatch(n -> n.startsWith("no ")), c.notes().toString());
  }

  @Test
  void safetensorsFileIsWhatTransformersExpects() throws Exception {
    Fixtures.writeHfFolder(dir);
    byte[] file = Files.readAllBytes(dir.resolve("model.safetensors"));
    long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, headerLength % 8);
    String header = new String(file, 8, (int) headerLength, StandardCharsets.UTF_8);
    JsonObject h = JsonParser.parseString(header).getAsJsonObject();
    assertEquals("pt", h.getAsJsonObject("__metadata__").get("format").getAsString());
    assertEquals("F32", h.getAsJsonObject("bert.pooler.dense.weight").get("dtype").getAsString());
    assertFalse(h.has(SafetensorsWriter.TIED_DECODER));
    List<String> names = h.keySet().stream().filter(k -> !k.equals("__metadata__")).toList();
    assertEquals(names.stream().sorted().toList(), names);
    JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
    assertEquals("bert", config.get("model_type").getAsString());
    for (String key : ConfigJson.BERT_KEYS) {
      assertTrue(config.has(key), key);
    }
  }

  @Test
  void bareBertModelNamesAndGammaBetaAreNormalized() throws Exception {
    Map<String, RawTensor> original = Fixtures.randomTensors(Fixtures.TINY, 7);
    Map<String, RawTensor> renamed = new LinkedHashMap<>();
    for (RawTensor t : original.values()) {
      if (!t.name().startsWith("bert.")) {
        continue; // a bare BertModel has no heads
      }
      String n = t.name().substring("bert.".length()).replace("LayerNorm.weight", "LayerNorm.gamma")
          .replace("LayerNorm.bias", "LayerNorm.beta");
      renamed.put(n, new RawTensor(n, t.shape(), t.data(), false));
    }
    HfFolderWriter.write(dir, Fixtures.TINY, List.of("BertModel"), Map.of(), Fixtures.vocab(100), true, renamed);
    Checkpoint c = CheckpointLoader.open(dir);
    for (RawTensor t : original.values()) {
      if (t.name().startsWith("bert.")) {
        assertArrayEquals(Fixtures.bits(t), Fixtures.bits(c.tensor(t.name())), t.name());
      }
    }
    assertTrue(c.has("bert.embeddings.LayerNorm.weight"));
    assertTrue(c.notes().contains("no MLM head in this checkpoint (cls.predictions.transform.dense.weight, "
        + "cls.predictions.transform.dense.bias, cls.predictions.transform.LayerNorm.weight, "
        + "cls.predictions.transform.LayerNorm.bias, cls.predictions.bias)"), c.notes().toString());
    assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("no NSP head")), c.notes().toString());
    assertFalse(c.notes().stream().anyMatch(n -> n.startsWith("no pooler")), c.notes().toString());
  }

  @Test
  void transposedTensorsAreWrittenInHuggingFaceLayout() throws Exception {
    Map<String, RawTensor> tensors = Fixtures.randomTensors(Fixtures.TINY, 3);
    String name = "bert.encoder.layer.0.intermediate.dense.weight";
    RawTensor hf = tensors.get(name);
    float[] v = TensorData.hfValues(hf); // [64, 32]
    float[] tv = new float[v.length]; // [32, 64]
    for (int r = 0; r < 64; r++) {
      for (int col = 0; col < 32; col++) {
        tv[col * 64 + r] = v[r * 32 + col];
      }
    }
    RawTensor stored = TensorData.of(name, new long[] {32, 64}, tv);
    tensors.put(name, new RawTensor(name, stored.shape(), stored.data(), true));
    HfFolderWriter.write(dir, Fixtures.TINY, List.of("BertForPreTraining"), Map.of(), Fixtures.vocab(100), true,
        tensors);
    RawTensor back = CheckpointLoader.open(dir).tensor(name);
    assertArrayEquals(new long[] {64, 32}, back.shape());
    assertArrayEquals(Fixtures.bits(hf), Fixtures.bits(back));
  }

  @Test
  void fineTunedHeadsAndLabelsArePreserved() throws Exception {
    Map<String, RawTensor> tensors = Fixtures.randomTensors(Fixtures.TINY, 5);
    tensors.put("classifier.weight", TensorData.of("classifier.weight", new long[] {3, 32}, new float[96]));
    tensors.put("classifier.bias", TensorData.of("classifier.bias", new long[] {3}, new float[3]));
    Map<Integer, String> labels = Map.of(0, "negative", 1, "neutral", 2, "positive");
    HfFolderWriter.write(dir, Fixtures.TINY, List.of("BertForSequenceClassification"), labels, Fixtures.vocab(100),
        false, tensors);
    Checkpoint c = CheckpointLoader.open(dir);
    assertEquals(labels, c.id2label());
    assertTrue(c.extraConfig().get("label2id").contains("\"positive\":2"), c.extraConfig().toString());
    assertArrayEquals(new long[] {3, 32}, c.tensor("classifier.weight").shape());
    assertTrue(c.notes().contains("kept 2 tensors that are not BERT's (for fine-tuning heads): "
        + "classifier.bias[3], classifier.weight[3, 32]"), c.notes().toString());
    assertFalse(c.lowerCase(), "tokenizer_config.json says do_lower_case false");
  }

  @Test
  void caseIsGuessedFromTheVocabularyWithoutTokenizerConfig() throws Exception {
    Fixtures.writeHfFolder(dir);
    Files.delete(dir.resolve("tokenizer_config.json"));
    assertTrue(CheckpointLoader.open(dir).lowerCase());
    List<String> cased = new java.util.ArrayList<>(Fixtures.vocab(100));
    cased.set(10, "Paris");
    Files.write(dir.resolve("vocab.txt"), cased);
    assertFalse(CheckpointLoader.open(dir).lowerCase());
  }

  @Test
  void halfPrecisionTensorsAreConvertedToF32() throws Exception {
    Path file = dir.resolve("half.safetensors");
    String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]}}";
    ByteBuffer b = ByteBuffer.allocate(8 + header.length() + 10).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    b.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001); // 1, -2, 2^-24
    b.putShort((short) 0x3f80).putShort((short) 0x4049); // 1, 3.140625
    Files.write(file, b.array());
    SafetensorsReader.Contents c = SafetensorsReader.read(file);
    assertArrayEquals(new float[] {1f, -2f, 0x1p-24f}, TensorData.hfValues(c.tensors().get("a")));
    assertArrayEquals(new float[] {1f, 3.140625f}, TensorData.hfValues(c.tensors().get("b")));
  }
}
