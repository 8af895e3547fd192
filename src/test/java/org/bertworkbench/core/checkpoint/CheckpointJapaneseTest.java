package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.checkpoint.TensorSchema.Component;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.tensor.RawTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused checkpoint is said in Japanese to a Japanese window, naming the same file and numbers,
 * while the English line (the command line's) stays as it was.
 */
class CheckpointJapaneseTest {

  @TempDir
  Path dir;

  private static void assertJapanese(String ja, String... kept) {
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    for (String k : kept) {
      assertTrue(ja.contains(k), ja + " should keep " + k);
    }
  }

  @Test
  void aSafetensorsHeaderLongerThanTheFileIsRefusedInJapanese() throws Exception {
    Path file = dir.resolve("model.safetensors");
    ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 9_000_000_000_000_000_000L);
    Files.write(file, b.array());
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsReader.read(file));
    assertEquals("model.safetensors: header length 9000000000000000000 bytes is larger than the file (1024 bytes)",
        e.getMessage());
    assertEquals(e.getMessage(), e.message(Locale.ENGLISH));
    String ja = e.message(Locale.JAPANESE);
    assertJapanese(ja, "model.safetensors: ", "9000000000000000000", "1024");
    assertEquals(ja, UserMessages.of(e, Locale.JAPANESE)); // what the window shows
  }

  @Test
  void aTruncatedTensorFlowIndexIsRefusedInJapaneseThroughTheLowLevelReader() throws Exception {
    Path index = dir.resolve("bert_model.ckpt.index");
    Files.write(index, new byte[10]);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> TfCheckpointReader.read(index, dir.resolve("bert_model.ckpt.data-00000-of-00001")));
    assertEquals("bert_model.ckpt.index: file is 10 bytes, too short for a table footer", e.getMessage());
    assertJapanese(e.message(Locale.JAPANESE), "bert_model.ckpt.index: ", "10");
  }

  @Test
  void aConfigThatBertCannotUseIsRefusedInJapanese() throws Exception {
    Fixtures.writeHfFolder(dir);
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"num_attention_heads\": 4",
        "\"num_attention_heads\": 5"));
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(dir));
    assertEquals("config.json: num_attention_heads 5 does not divide hidden_size 32", e.getMessage());
    String ja = e.message(Locale.JAPANESE);
    assertJapanese(ja, "config.json: ", "num_attention_heads", "hidden_size", "5", "32");
    assertNotEquals(e.getMessage(), ja);
  }

  @Test
  void anIncompleteHeadIsNamedInJapanese() throws Exception {
    Map<String, RawTensor> t = Fixtures.randomTensors(Fixtures.TINY, 1);
    t.remove("cls.seq_relationship.bias");
    HfFolderWriter.write(dir, Fixtures.TINY, List.of("BertForPreTraining"), Map.of(), Fixtures.vocab(100), true, t);
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointLoader.open(dir));
    assertEquals("model.safetensors: NSP head is incomplete: missing tensor cls.seq_relationship.bias",
        e.getMessage());
    assertJapanese(e.message(Locale.JAPANESE), "NSP ヘッド", "cls.seq_relationship.bias");
  }

  @Test
  void everyPartOfBertHasItsEnglishLabelAndAJapaneseName() {
    for (Component c : Component.values()) {
      assertEquals(c.label(), c.title().english());
      assertJapanese(c.title().in(Locale.JAPANESE));
    }
  }
}
