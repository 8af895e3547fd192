package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.tensor.RawTensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX import on small graphs this test writes: the weights land where they belong, and bad files are refused. */
class OnnxImportTest {

  @TempDir
  Path dir;

  private String oldCache;
  private Map<String, RawTensor> tensors;

  @BeforeEach
  void tinyModel() {
    oldCache = System.setProperty(EasyBertJar.CACHE_PROPERTY, dir.resolve("cache").toString());
    tensors = Fixtures.randomTensors(Fixtures.TINY, 7);
    tensors.keySet().removeIf(n -> n.startsWith("cls."));
  }

  @AfterEach
  void restoreCache() {
    if (oldCache == null) {
      System.clearProperty(EasyBertJar.CACHE_PROPERTY);
    } else {
      System.setProperty(EasyBertJar.CACHE_PROPERTY, oldCache);
    }
  }

  private Path write(String name, byte[] onnx) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, onnx);
    Files.writeString(dir.resolve("tokenizer.json"), OnnxWriter.tokenizerJson(Fixtures.vocab(100), false));
    return file;
  }

  private Path writeBert(OnnxWriter.Layout layout) throws Exception {
    return write("tiny.onnx", OnnxWriter.bert(tensors, Fixtures.TINY, layout));
  }

  private static String refusal(Path file) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(file.toString()));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.getFileName() + ": "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void everyWeightLandsUnderItsHuggingFaceNameWithTheConfigTheGraphShows() throws Exception {
    Checkpoint c = CheckpointLoader.open(writeBert(OnnxWriter.Layout.PYTORCH2).toString());
    assertEquals(Checkpoint.SOURCE_ONNX, c.source());
    assertEquals("tiny", c.name());
    assertEquals(Fixtures.TINY, c.config());
    assertEquals(tensors.keySet(), c.tensors().keySet());
    for (RawTensor t : tensors.values()) {
      RawTensor read = c.tensor(t.name());
      assertArrayEquals(Fixtures.bits(t), Fixtures.bits(read), t.name());
      assertArrayEquals(t.hfShape(), read.hfShape(), t.name());
    }
    RawTensor query = c.tensor("bert.encoder.layer.1.attention.self.query.weight");
    assertTrue(query.transposed(), "MatMul weights are [in, out]");
    assertFalse(c.tensor("bert.embeddings.word_embeddings.weight").transposed());
    assertFalse(c.lowerCase(), "the tokenizer's normalizer says lowercase false");
    assertEquals(Fixtures.vocab(100), Files.readAllLines(c.vocabFile()));
    assertTrue(c.vocabFile().startsWith(dir.resolve("cache")), c.vocabFile().toString());
    String notes = String.join("\n", c.notes());
    assertTrue(notes.contains("num_attention_heads 4 read from the graph's attention Reshape"), notes);
    assertTrue(notes.contains("layer_norm_eps 1.0E-12 read from the graph's LayerNorm"), notes);
    assertTrue(notes.contains("skipped initializers that are not weights: embeddings.position_ids"), notes);
    assertTrue(notes.contains("no MLM head"), notes);
  }

  @Test
  void aFolderWithModelOnnxAndAJarHoldingOneOpenToo() throws Exception {
    byte[] onnx = OnnxWriter.bert(tensors, Fixtures.TINY, OnnxWriter.Layout.PYTORCH2);
    Path folder = Files.createDirectories(dir.resolve("tiny-export"));
    Files.write(folder.resolve("model.onnx"), onnx);
    Files.writeString(folder.resolve("tokenizer.json"), OnnxWriter.tokenizerJson(Fixtures.vocab(100), true));
    Checkpoint fromFolder = CheckpointLoader.open(folder.toString());
    assertEquals("tiny-export", fromFolder.name());
    assertTrue(fromFolder.lowerCase());

    Path jar = dir.resolve("tiny-embeddings-1.0.jar");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
      entry(z, "README", "a model".getBytes());
      entry(z, "tiny.onnx", onnx);
      entry(z, "tiny-tokenizer.json", OnnxWriter.tokenizerJson(Fixtures.vocab(100), true).getBytes());
    }
    Checkpoint fromJar = CheckpointLoader.open(jar.toString());
    assertEquals(Checkpoint.SOURCE_ONNX, fromJar.source());
    assertEquals(jar.toAbsolutePath(), fromJar.location());
    Path extracted = dir.resolve("cache/models/tiny-embeddings-1.0");
    assertTrue(Files.isRegularFile(extracted.resolve(OnnxJar.MODEL)));
    assertEquals(extracted.resolve("vocab.txt"), fromJar.vocabFile());
    long extractedAt = Files.getLastModifiedTime(extracted.resolve(OnnxJar.MODEL)).toMillis();
    Thread.sleep(20);
    CheckpointLoader.open(jar.toString());
    assertEquals(extractedAt, Files.getLastModifiedTime(extracted.resolve(OnnxJar.MODEL)).toMillis(),
        "the marker says the jar is unchanged: not extracted again");
    assertArrayEquals(Fixtures.bits(tensors.get("bert.pooler.dense.weight")),
        Fixtures.bits(fromJar.tensor("bert.pooler.dense.weight")));
  }

  private static void entry(ZipOutputStream z, String name, byte[] data) throws Exception {
    z.putNextEntry(new ZipEntry(name));
    z.write(data);
    z.closeEntry();
  }

  @Test
  void aTruncatedFileSaysSo() throws Exception {
    byte[] whole = OnnxWriter.bert(tensors, Fixtures.TINY, OnnxWriter.Layout.PYTORCH2);
    Path file = write("cut.onnx", Arrays.copyOf(whole, whole.length * 2 / 3));
    String m = refusal(file);
    assertTrue(m.matches("cut\\.onnx: truncated: \\d+ bytes are needed at byte \\d+ but the file ends at byte "
        + whole.length * 2 / 3), m);
  }

  @Test
  void anAbsurdLengthIsRefusedBeforeAnythingIsAllocated() throws Exception {
    Path file = write("absurd.onnx", new OnnxWriter.Proto().varint(1, 6).lengthOnly(7, 1L << 40).toBytes());
    assertEquals("absurd.onnx: corrupt: the length 1099511627776 at byte 3 (field 7) is absurd for a file of 9 bytes",
        refusal(file));
    OnnxWriter.Proto huge = OnnxWriter.tensor("big", new long[] {1L << 40, 1L << 40}, OnnxReader.FLOAT, new byte[8]);
    Path dims = write("dims.onnx", OnnxWriter.model(List.of(), List.of(huge)));
    assertEquals("dims.onnx: tensor big has absurd dimensions ([1099511627776, 1099511627776])", refusal(dims));
    OnnxWriter.Proto small = OnnxWriter.tensor("short", new long[] {3, 4}, OnnxReader.FLOAT, new byte[8]);
    Path data = write("data.onnx", OnnxWriter.model(List.of(), List.of(small)));
    assertEquals("data.onnx: tensor short has 8 bytes of data but its dimensions [3, 4] of data type 1 need 48",
        refusal(data));
  }

  @Test
  void aGraphThatIsNotBertIsRefused() throws Exception {
    OnnxWriter.Proto w = OnnxWriter.floats("w", new long[] {2, 2}, new float[4]);
    Path file = write("mlp.onnx", OnnxWriter.model(List.of(OnnxWriter.node("/fc/MatMul", "MatMul", List.of("x", "w"),
        List.of("y"))), List.of(w)));
    assertEquals("mlp.onnx: not a BERT-shaped graph: no initializer embeddings.word_embeddings.weight (the graph "
        + "has 1 initializers and 1 nodes)", refusal(file));
    Path notOnnx = write("text.onnx", "hello, world".getBytes());
    assertTrue(refusal(notOnnx).startsWith("text.onnx: corrupt: "), refusal(notOnnx));
    Path empty = write("empty.onnx", new byte[0]);
    assertEquals("empty.onnx: no graph in this file: not an ONNX model", refusal(empty));
  }

  @Test
  void aMissingWeightIsNamedWithWhereItWouldBe() throws Exception {
    tensors.remove("bert.encoder.layer.1.attention.output.dense.weight");
    assertEquals("tiny.onnx: missing weight bert.encoder.layer.1.attention.output.dense.weight: no MatMul node "
        + "/encoder/layer.1/attention/output/dense/MatMul with a weight initializer",
        refusal(writeBert(OnnxWriter.Layout.PYTORCH2)));
    tensors = Fixtures.randomTensors(Fixtures.TINY, 7);
    tensors.remove("bert.encoder.layer.0.output.LayerNorm.bias");
    assertEquals("tiny.onnx: missing weight bert.encoder.layer.0.output.LayerNorm.bias: no initializer "
        + "encoder.layer.0.output.LayerNorm.bias", refusal(writeBert(OnnxWriter.Layout.PYTORCH2)));
  }

  @Test
  void aWeightWhoseNodeDoesNotSayItsLayerCannotBePlaced() throws Exception {
    String m = refusal(writeBert(OnnxWriter.Layout.PYTORCH2.withNamedNodes(false)));
    assertTrue(m.startsWith("tiny.onnx: cannot place weight onnx::MatMul_700: the MatMul node that uses it is "
        + "named \"MatMul_701\", which does not say its layer"), m);
  }

  @Test
  void headsComeFromConfigJsonWhenTheGraphDoesNotShowThem() throws Exception {
    Path file = writeBert(OnnxWriter.Layout.PYTORCH2.withHeads(false));
    assertEquals("tiny.onnx: cannot tell the number of attention heads: the graph has no attention Reshape to "
        + "[..., heads, head size] (hidden size 32) and there is no config.json with num_attention_heads beside the "
        + "file", refusal(file));
    Files.writeString(dir.resolve("config.json"), "{\"num_attention_heads\": 4}");
    assertEquals(4, CheckpointLoader.open(file.toString()).config().numAttentionHeads());
  }

  @Test
  void anotherActivationThanExactGeluIsRefused() throws Exception {
    assertEquals("tiny.onnx: the feed-forward activation is not the exact GELU (no Erf or Gelu node); Workbench's "
        + "blocks compute hidden_act gelu only", refusal(writeBert(OnnxWriter.Layout.PYTORCH2.withErf(false))));
  }

  @Test
  void externalDataIsRefused() throws Exception {
    OnnxWriter.Proto t = OnnxWriter.tensor("embeddings.word_embeddings.weight", new long[] {2, 2}, OnnxReader.FLOAT,
        new byte[0]).varint(14, 1);
    assertEquals("ext.onnx: tensor embeddings.word_embeddings.weight keeps its data in an external file; Workbench "
        + "reads only weights inside the .onnx file", refusal(write("ext.onnx", OnnxWriter.model(List.of(),
        List.of(t)))));
  }

  @Test
  void refusalsAreSaidInJapaneseToo() throws Exception {
    Path file = write("absurd.onnx", new OnnxWriter.Proto().lengthOnly(7, 1L << 40).toBytes());
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(file.toString()));
    String ja = e.message(Locale.JAPANESE);
    assertTrue(ja.startsWith("absurd.onnx: "), ja);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    assertTrue(ja.contains("1099511627776"), ja);
  }

  @Test
  void aTokenizerThatIsNotWordPieceIsRefused() throws Exception {
    Path file = writeBert(OnnxWriter.Layout.PYTORCH2);
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}");
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(file.toString()));
    assertEquals("tokenizer.json: the tokenizer's model is BPE, not WordPiece with a vocab: not a BERT tokenizer",
        e.getMessage());
    Map<String, Integer> gap = new LinkedHashMap<>(Map.of("[PAD]", 0, "[UNK]", 2));
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"vocab\": "
        + new com.google.gson.Gson().toJson(gap) + "}}");
    e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(file.toString()));
    assertTrue(e.getMessage().contains("has id 2; the ids of a vocabulary of 2 must be 0 to 2 - 1"), e.getMessage());
  }
}
