package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bertworkbench.core.bench.TorchPython;
import org.bertworkbench.core.model.BertInput;

/**
 * Runs {@code src/test/python/hf_bert_check.py} (transformers' BERT classes rebuilt in plain
 * PyTorch, loaded strictly from a saved folder) in a Python that has torch, on the same padded ids
 * our model saw, and compares outputs. Tests using it are skipped, saying why, where no such Python
 * exists ({@code .ci/run} installs Debian's python3-torch).
 */
final class HfBertCheck {

  static final Path SCRIPT = Path.of("src", "test", "python", "hf_bert_check.py");
  /** A Python to use instead of the default ones: {@code mvn test -Dtorch.python=/path/to/python}. */
  static final String PYTHON_PROPERTY = "torch.python";
  private static final long TIMEOUT_MINUTES = 10;

  private final TorchPython python;

  private HfBertCheck(TorchPython python) {
    this.python = python;
  }

  /**
   * The check in the Python named by the system property {@value #PYTHON_PROPERTY} (e.g. a virtual
   * environment's), else {@code python3} on the PATH or {@code /usr/bin/python3}; empty when it
   * cannot import torch.
   */
  static Optional<HfBertCheck> find() {
    return TorchPython.find(System.getProperty(PYTHON_PROPERTY)).map(HfBertCheck::new);
  }

  /** Skips the calling test, saying why, when {@code check} is empty. */
  static HfBertCheck orSkip(Optional<HfBertCheck> check) {
    String preferred = System.getProperty(PYTHON_PROPERTY);
    assumeTrue(check.isPresent(), "no Python with torch (" + (preferred != null ? preferred
        : "python3 on the PATH, /usr/bin/python3") + "): apt-get install python3-torch to run the "
        + "transformers-compatibility check");
    return check.get();
  }

  /** The script's JSON output for these inputs (and raw numeric features, or null); throws if it exits non-zero. */
  JsonObject run(Path model, BertInput input, double[][] features) throws IOException {
    JsonObject in = new JsonObject();
    in.add("input_ids", matrix(input.inputIds()));
    in.add("token_type_ids", matrix(input.tokenTypeIds()));
    in.add("attention_mask", matrix(input.attentionMask()));
    if (features != null) {
      JsonArray rows = new JsonArray();
      for (double[] f : features) {
        JsonArray row = new JsonArray();
        for (double v : f) {
          row.add(v);
        }
        rows.add(row);
      }
      in.add("features", rows);
    }
    String out = python.run(SCRIPT, List.of(model.toString()), in.toString(), TIMEOUT_MINUTES).strip();
    return JsonParser.parseString(out.substring(out.lastIndexOf('\n') + 1)).getAsJsonObject();
  }

  String torchVersion() {
    return python.torchVersion();
  }

  /** An (B, T) integer array as nested JSON lists. */
  private static JsonArray matrix(NDArray a) {
    long[] shape = a.getShape().getShape();
    long[] values = a.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
    JsonArray rows = new JsonArray();
    for (int b = 0; b < shape[0]; b++) {
      JsonArray row = new JsonArray();
      for (int t = 0; t < shape[1]; t++) {
        row.add(values[(int) (b * shape[1] + t)]);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Nested JSON lists of numbers, flattened in row-major order. */
  static float[] flat(JsonElement e) {
    List<Float> out = new ArrayList<>();
    flatten(e, out);
    float[] a = new float[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  private static void flatten(JsonElement e, List<Float> out) {
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> flatten(x, out));
    } else {
      out.add(e.getAsFloat());
    }
  }

  /** Largest absolute difference; the arrays must be of one length. */
  static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs((double) a[i] - b[i]));
    }
    return max;
  }

  /** Every {@code stride}-th value from {@code offset}: one column of a flattened (..., stride) array. */
  static float[] column(float[] a, int offset, int stride) {
    float[] out = new float[a.length / stride];
    for (int i = 0; i < out.length; i++) {
      out[i] = a[i * stride + offset];
    }
    return out;
  }
}
