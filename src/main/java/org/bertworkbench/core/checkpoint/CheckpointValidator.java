package org.bertworkbench.core.checkpoint;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.TensorSchema.Component;
import org.bertworkbench.core.checkpoint.TensorSchema.TensorSpec;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tensor.TensorData;

/**
 * Checks tensors against {@link TensorSchema}: required tensors present, shapes as the config says,
 * optional heads complete or absent; then counts NaN/Inf values. Returns notes for the user.
 */
final class CheckpointValidator {

  private static final int EXPONENT = 0x7f800000;
  private static final int SCAN_CHUNK = 1 << 16;

  private CheckpointValidator() {
  }

  /**
   * @param weightsFile the file named in refusals about tensors
   * @param configFile the file the config came from (or what it was derived from), named in shape refusals
   */
  static List<String> check(BertConfig config, Map<String, RawTensor> tensors, String weightsFile, Message configFile)
      throws CheckpointException {
    TensorSchema schema = TensorSchema.of(config);
    List<String> notes = new ArrayList<>();
    for (Component c : Component.values()) {
      checkComponent(schema, c, tensors, weightsFile, configFile, notes);
    }
    List<String> extra = new ArrayList<>();
    for (RawTensor t : tensors.values()) {
      if (schema.spec(t.name()) == null) {
        extra.add(t.name() + Arrays.toString(t.hfShape()));
      }
    }
    if (!extra.isEmpty()) {
      notes.add("kept " + extra.size() + " tensors that are not BERT's (for fine-tuning heads): "
          + String.join(", ", extra));
    }
    notes.addAll(nonFiniteNotes(tensors));
    return notes;
  }

  private static void checkComponent(TensorSchema schema, Component c, Map<String, RawTensor> tensors,
      String weightsFile, Message configFile, List<String> notes) throws CheckpointException {
    List<TensorSpec> specs = schema.component(c);
    String firstMissing = null;
    int present = 0;
    for (TensorSpec s : specs) {
      RawTensor t = tensors.get(s.name());
      if (t == null) {
        firstMissing = firstMissing == null ? s.name() : firstMissing;
        continue;
      }
      present++;
      if (!Arrays.equals(t.hfShape(), s.shape())) {
        throw new CheckpointException(weightsFile, Message.of(CheckpointValidator.class, "shapeDisagrees", s.name(),
            Arrays.toString(t.hfShape()), configFile, Arrays.toString(s.shape())));
      }
    }
    if (firstMissing == null) {
      return;
    }
    if (c.required()) {
      throw new CheckpointException(weightsFile, Message.of(CheckpointValidator.class, "missingTensor", firstMissing));
    }
    if (present > 0) {
      throw new CheckpointException(weightsFile, Message.of(CheckpointValidator.class, "incomplete", c.title(),
          firstMissing));
    }
    notes.add("no " + c.label() + " in this checkpoint (" + String.join(", ", names(specs)) + ")");
  }

  private static List<String> names(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::name).toList();
  }

  /** One note per tensor holding NaN or infinite values, e.g. "weights contain 3 NaN values in ...". */
  static List<String> nonFiniteNotes(Map<String, RawTensor> tensors) {
    return tensors.values().parallelStream().map(CheckpointValidator::nonFiniteNote)
        .filter(s -> s != null).toList();
  }

  private static String nonFiniteNote(RawTensor t) {
    if (countNonFinite(t) == 0) {
      return null;
    }
    FloatBuffer f = TensorData.floats(t);
    long nan = 0;
    long inf = 0;
    for (int i = 0, n = f.limit(); i < n; i++) {
      float v = f.get(i);
      if (Float.isNaN(v)) {
        nan++;
      } else if (Float.isInfinite(v)) {
        inf++;
      }
    }
    if (nan == 0 && inf == 0) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (nan > 0) {
      parts.add(nan + " NaN");
    }
    if (inf > 0) {
      parts.add(inf + " infinite");
    }
    return "weights contain " + String.join(" and ", parts) + " values in " + t.name();
  }

  /** NaN and infinite values together: all exponent bits set. Bulk copies in chunks keep the loop fast. */
  private static long countNonFinite(RawTensor t) {
    IntBuffer bits = TensorData.bytes(t).asIntBuffer();
    int[] chunk = new int[Math.min(SCAN_CHUNK, bits.remaining())];
    long count = 0;
    while (bits.hasRemaining()) {
      int n = Math.min(chunk.length, bits.remaining());
      bits.get(chunk, 0, n);
      for (int i = 0; i < n; i++) {
        count += (chunk[i] & EXPONENT) == EXPONENT ? 1 : 0;
      }
    }
    return count;
  }
}
