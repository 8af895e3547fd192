package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;

/**
 * Reads a TensorFlow checkpoint ("tensor bundle"): the {@code .index} SSTable of
 * {@code BundleEntryProto}s and the single {@code .data-00000-of-00001} file of raw little-endian
 * float32 values, memory-mapped. Names come back as Hugging Face names ({@link TfNames}); kernels
 * keep TF's {@code [in, out]} layout and are marked {@link RawTensor#transposed()}.
 */
public final class TfCheckpointReader {

  /** What a bundle holds: tensors by Hugging Face name, and notes on what was skipped. */
  public record Contents(Map<String, RawTensor> tensors, List<String> notes) {
  }

  private static final long MAX_INDEX_BYTES = 64L << 20;

  private TfCheckpointReader() {
  }

  /** Reads {@code index} and maps tensors from {@code data}. */
  public static Contents read(Path index, Path data) throws CheckpointException {
    String indexName = index.getFileName().toString();
    String dataName = data.getFileName().toString();
    Map<String, byte[]> entries = readIndex(index, indexName);
    if (!Files.isRegularFile(data)) {
      throw new CheckpointException(dataName, Message.of(TfCheckpointReader.class, "notFoundNextTo", indexName));
    }
    Map<String, RawTensor> tensors = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    int trainingState = 0;
    try (MappedFile mapped = MappedFile.open(data)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        String tfName = e.getKey();
        if (tfName.isEmpty()) {
          checkHeader(indexName, e.getValue());
          continue;
        }
        if (TfNames.isTrainingState(tfName)) {
          trainingState++;
          continue;
        }
        TfNames.Mapping m = TfNames.map(tfName);
        if (m == null) {
          unknown.add(tfName);
          continue;
        }
        BundleEntry entry = parseEntry(indexName, tfName, e.getValue());
        checkEntry(indexName, dataName, tfName, entry, m, mapped.size());
        tensors.put(m.hfName(), new RawTensor(m.hfName(), entry.shape(), mapped.slice(entry.offset(), entry.size()),
            m.transposed()));
      }
    } catch (IOException ex) {
      throw new CheckpointException(dataName, Message.of(TfCheckpointReader.class, "cannotRead", ex.getMessage()),
          ex);
    }
    List<String> notes = new ArrayList<>();
    if (trainingState > 0) {
      notes.add("ignored " + trainingState + " training-state variables (adam_m/adam_v optimizer slots, global_step)");
    }
    if (!unknown.isEmpty()) {
      notes.add("ignored " + unknown.size() + " variables that are not BERT's: " + String.join(", ", unknown));
    }
    return new Contents(tensors, notes);
  }

  private static Map<String, byte[]> readIndex(Path index, String indexName) throws CheckpointException {
    try {
      long size = Files.size(index);
      if (size > MAX_INDEX_BYTES) {
        throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "indexTooLarge", size,
            MAX_INDEX_BYTES));
      }
      return SsTableReader.readAll(Files.readAllBytes(index));
    } catch (IOException ex) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "cannotRead", ex.getMessage()),
          ex);
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException(indexName, CheckpointException.problemOf(ex), ex);
    }
  }

  /** BundleHeaderProto: field 1 num_shards, field 2 endianness (0 = little). */
  private static void checkHeader(String indexName, byte[] proto) throws CheckpointException {
    try {
      ProtoReader r = new ProtoReader(proto);
      while (r.next()) {
        if (r.field() == 1 && r.varint() > 1) {
          throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "severalShards"));
        } else if (r.field() == 2 && r.varint() != 0) {
          throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "bigEndian"));
        } else if (r.field() > 2) {
          r.skipValue();
        }
      }
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "badHeader",
          CheckpointException.problemOf(ex)), ex);
    }
  }

  private static BundleEntry parseEntry(String indexName, String tfName, byte[] proto) throws CheckpointException {
    try {
      return BundleEntry.parse(proto);
    } catch (IllegalArgumentException ex) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "badEntry", tfName,
          CheckpointException.problemOf(ex)), ex);
    }
  }

  private static void checkEntry(String indexName, String dataName, String tfName, BundleEntry e,
      TfNames.Mapping m, long dataSize) throws CheckpointException {
    if (e.dtype() != BundleEntry.DT_FLOAT) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "tfDtype", tfName,
          e.dtype()));
    }
    if (e.sliced()) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "sliced", tfName));
    }
    if (e.shardId() != 0) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "otherShard", tfName,
          e.shardId()));
    }
    if (m.transposed() && e.shape().length != 2) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "kernelShape", tfName,
          Arrays.toString(e.shape())));
    }
    long expected;
    try {
      expected = Math.multiplyExact(Shapes.elementCount(e.shape()), 4L);
    } catch (ArithmeticException ex) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "tfAbsurdShape", tfName,
          Arrays.toString(e.shape())));
    }
    if (e.size() != expected || expected > Integer.MAX_VALUE) {
      throw new CheckpointException(indexName, Message.of(TfCheckpointReader.class, "tfSizeMismatch", tfName,
          e.size(), Arrays.toString(e.shape()), expected));
    }
    if (e.offset() < 0 || e.offset() + e.size() > dataSize) {
      throw new CheckpointException(dataName, Message.of(TfCheckpointReader.class, "tfPastEnd", tfName,
          e.offset() + e.size(), dataSize));
    }
  }
}
