package org.bertworkbench.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deferred tensors are read one at a time as the file is written: saving BERT-Base's weights and
 * optimizer state copied 1.3 GB out of the engine at once before the first byte was written
 * (issue 12: the heap grew to 2.3 GB while fine-tuning in the window).
 */
class SafetensorsWriterTest {

  @TempDir
  Path dir;

  @Test
  void eachDeferredTensorIsReadWhenTheOnesBeforeItAreWritten() throws Exception {
    Path file = dir.resolve("model.safetensors");
    List<Long> writtenWhenRead = new ArrayList<>();
    Map<String, SafetensorsWriter.Deferred> tensors = new LinkedHashMap<>();
    for (String name : List.of("a", "b", "c")) {
      float[] values = new float[250]; // 1,000 bytes each
      values[0] = name.charAt(0);
      tensors.put(name, new SafetensorsWriter.Deferred(new long[] {250}, () -> {
        writtenWhenRead.add(tmpSize());
        return TensorData.of(name, new long[] {250}, values);
      }));
    }
    SafetensorsWriter.writeDeferred(file, tensors);

    // Header and length first, then 1,000 bytes per tensor: b is read after a is in the file, c after b.
    long start = writtenWhenRead.get(0);
    assertEquals(List.of(start, start + 1000, start + 2000), writtenWhenRead);
    Map<String, RawTensor> back = SafetensorsReader.read(file).tensors();
    assertEquals(List.of("a", "b", "c"), List.copyOf(back.keySet()));
    assertArrayEquals(new long[] {250}, back.get("c").shape());
    assertEquals('c', TensorData.hfValues(back.get("c"))[0]);
  }

  /** The size of the file being written (AtomicFiles writes a hidden temporary file, then moves it). */
  private long tmpSize() {
    try (Stream<Path> files = Files.list(dir)) {
      Path tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst().orElseThrow();
      return Files.size(tmp);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
