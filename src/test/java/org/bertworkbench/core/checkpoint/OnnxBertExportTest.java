package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.tensor.RawTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's refusals: a model over the limit (2 GB; here a small one), a missing or misshapen weight. */
class OnnxBertExportTest {

  @TempDir
  Path dir;

  @Test
  void aModelOverTheLimitIsRefusedBeforeAnythingIsWritten() throws Exception {
    Checkpoint c = CheckpointLoader.open(SampleModel.NAME);
    Path file = dir.resolve("m.onnx");
    BadInputException e = assertThrows(BadInputException.class, () -> OnnxBertExport.write(file, c.config(),
        c.tensors(), true, OnnxBertExport.Head.NONE, Map.of(), 100_000));
    assertTrue(e.getMessage().matches("the ONNX file would be \\d+ bytes; one protobuf holds at most 2 GB.*"),
        e.getMessage());
    assertFalse(Files.exists(file));
    assertTrue(OnnxBertExport.write(file, c.config(), c.tensors(), true, OnnxBertExport.Head.NONE, Map.of()) > 0);
  }

  @Test
  void aMissingOrMisshapenWeightIsNamed() throws Exception {
    Checkpoint c = CheckpointLoader.open(SampleModel.NAME);
    Map<String, RawTensor> missing = new LinkedHashMap<>(c.tensors());
    missing.remove("bert.encoder.layer.1.output.dense.bias");
    BadInputException e = assertThrows(BadInputException.class, () -> OnnxBertExport.write(dir.resolve("a.onnx"),
        c.config(), missing, true, OnnxBertExport.Head.NONE, Map.of()));
    assertTrue(e.getMessage().contains("no weight bert.encoder.layer.1.output.dense.bias"), e.getMessage());
    Map<String, RawTensor> wrong = new LinkedHashMap<>(c.tensors());
    RawTensor ln = wrong.get("bert.embeddings.LayerNorm.weight");
    wrong.put(ln.name(), new RawTensor(ln.name(), new long[] {1, ln.shape()[0]}, ln.data(), false));
    BadInputException s = assertThrows(BadInputException.class, () -> OnnxBertExport.write(dir.resolve("b.onnx"),
        c.config(), wrong, true, OnnxBertExport.Head.NONE, Map.of()));
    assertTrue(s.getMessage().startsWith("bert.embeddings.LayerNorm.weight has the shape [1, "), s.getMessage());
  }
}
