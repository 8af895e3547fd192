package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.SampleModel;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.tensor.RawTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --format onnx}: a base model, a fine-tuned folder, and its one-line refusals. */
class ExportCommandTest {

  @TempDir
  Path dir;

  @Test
  void exportsABaseModelByNameWithItsTokenizer() throws Exception {
    Path out = dir.resolve("tiny/model.onnx");
    CliTest.Run r = CliTest.run("export", "--format", "onnx", "--model", SampleModel.NAME, "--out", out.toString(),
        "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject doc = r.json();
    assertEquals(Files.size(out), doc.get("bytes").getAsLong());
    assertTrue(Files.isRegularFile(dir.resolve("tiny/tokenizer.json")));
    assertEquals(Set.of("last_hidden_state", "pooler_output"), outputs(out));
    // Our own ONNX import reads the export back: the same weights, the same config.
    Checkpoint original = CheckpointLoader.open(SampleModel.NAME);
    Checkpoint back = CheckpointLoader.open(out.toString());
    assertEquals(original.config(), back.config());
    for (Map.Entry<String, RawTensor> e : original.tensors().entrySet()) {
      if (e.getKey().startsWith("bert.")) {
        RawTensor b = back.tensors().get(e.getKey());
        assertTrue(b != null, "read back: " + e.getKey() + " in " + back.tensors().keySet());
        assertArrayEquals(floats(e.getValue()), floats(b), e.getKey());
      }
    }
  }

  /** The values in Hugging Face's layout. */
  private static float[] floats(RawTensor t) {
    java.nio.FloatBuffer f = t.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] out = new float[(int) t.elementCount()];
    if (!t.transposed()) {
      f.get(out);
      return out;
    }
    int rows = (int) t.shape()[0];
    int cols = (int) t.shape()[1];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = f.get(r * cols + c);
      }
    }
    return out;
  }

  @Test
  void exportsAFinetunedFolderWithItsHead() throws Exception {
    Path folder = dir.resolve("run/model");
    HeadConfig head = new HeadConfig(TaskKind.TAG, List.of("O", "B-X", "I-X"), null, null, null, null, null, 64,
        null);
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(SampleModel.NAME), head, Device.cpu(), 5)) {
      m.save(folder);
    }
    Path out = dir.resolve("tagger.onnx");
    CliTest.Run r = CliTest.run("export", "--model", folder.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("wrote " + out.toAbsolutePath()), r.out());
    assertEquals(Set.of("logits"), outputs(out));
  }

  @Test
  void refusesAnUnknownFormatAndAnUnwritablePathInOneLine() throws Exception {
    CliTest.Run format = CliTest.run("export", "--format", "tflite", "--model", SampleModel.NAME, "--out",
        dir.resolve("m.tflite").toString());
    CliTest.assertCleanError(format);
    assertTrue(format.err().contains("unknown format \"tflite\""), format.err());
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliTest.Run path = CliTest.run("export", "--model", SampleModel.NAME, "--out",
        file.resolve("model.onnx").toString());
    CliTest.assertCleanError(path);
    assertTrue(path.err().startsWith("error: cannot write " + file.resolve("model.onnx")), path.err());
  }

  private static Set<String> outputs(Path onnx) throws Exception {
    try (OrtSession s = OrtEnvironment.getEnvironment().createSession(onnx.toString(),
        new OrtSession.SessionOptions())) {
      assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), s.getInputNames());
      return s.getOutputNames();
    }
  }
}
