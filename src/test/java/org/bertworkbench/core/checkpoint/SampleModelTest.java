package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample model, with the local Maven repository and the model cache pointed at empty
 * folders (a machine without BERT-Base): it is listed, available, and opens from the class path.
 */
class SampleModelTest {

  @TempDir
  Path dir;
  MachineWithoutBertBase machine;

  @BeforeEach
  void emptyMachine() {
    machine = new MachineWithoutBertBase(dir);
  }

  @AfterEach
  void restore() {
    machine.close();
  }

  @Test
  void listedAfterGooglesModelsWhichAreNotAvailable() throws Exception {
    assertTrue(SampleModel.bundled(), "mvn puts sample-data/pretrain/tiny-model on the class path");
    List<ModelCatalog.KnownModel> known = ModelCatalog.known();
    assertEquals(List.of("bert-base-uncased", "bert-base-cased", "bert-base-multilingual-cased", SampleModel.NAME,
        "all-minilm-l6-v2", "bge-small-zh-v1.5"), known.stream().map(ModelCatalog.KnownModel::name).toList());
    assertFalse(known.get(0).available(), "no jar, no extracted copy");
    ModelCatalog.KnownModel sample = known.get(3);
    assertTrue(sample.available());
    assertEquals(SampleModel.SOURCE, sample.source());
    assertEquals(ConfigJson.read(Path.of("sample-data/pretrain/tiny-model/config.json")).config(), sample.config());
    CheckpointException missing = org.junit.jupiter.api.Assertions.assertThrows(CheckpointException.class,
        () -> CheckpointLoader.open("bert-base-uncased"));
    assertTrue(missing.getMessage().contains("mvn dependency:get"), missing.getMessage());
  }

  @Test
  void opensByNameFromACopyInTheCache() throws Exception {
    Checkpoint c = CheckpointLoader.open(SampleModel.NAME);
    assertEquals(SampleModel.NAME, c.name());
    assertEquals(SampleModel.SOURCE, c.source());
    assertEquals(dir.resolve("cache/models/sample-tiny"), c.location());
    Path shipped = Path.of("sample-data/pretrain/tiny-model");
    for (String f : SampleModel.FILES) {
      assertArrayEquals(Files.readAllBytes(shipped.resolve(f)), Files.readAllBytes(c.location().resolve(f)), f);
    }
    assertTrue(c.lowerCase());
    // A damaged copy is replaced on the next open.
    Files.writeString(c.location().resolve("vocab.txt"), "[PAD]\n");
    Checkpoint again = CheckpointLoader.open(SampleModel.NAME);
    assertEquals(c.config().vocabSize(), Files.readAllLines(again.vocabFile()).size());
  }
}
