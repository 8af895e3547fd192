package org.bertworkbench.core.explain;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bertworkbench.core.bench.TorchPython;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;

/**
 * Runs {@code src/test/python/attribution_check.py}, an independent float64 PyTorch computation of
 * issue 15's attribution (integrated gradients, gradient x input and occlusion over the word, segment
 * and position embeddings, on the model {@code hf_bert_check.py} rebuilds from a saved folder), in a
 * Python that has torch. Tests using it are skipped, saying why, where no such Python exists
 * ({@code .ci/run} installs Debian's python3-torch).
 *
 * <p>The request is a JSON object: {@code input_ids} and {@code token_type_ids} (one sequence),
 * {@code target} ({@code mlm}, {@code nsp}, {@code class:K}, {@code start:P}, {@code end:P},
 * {@code tag:P:K}), optional {@code target_token_id}, {@code steps}, {@code methods}
 * ({@code integrated-gradients}, {@code grad-x-input}, {@code occlusion}), and {@code pad_id},
 * {@code cls_id}, {@code sep_id}, {@code mask_id} (else read from the folder's vocab.txt). The answer:
 * {@code f}, {@code f_baseline}, {@code steps}, {@code target} ({@code kind}, {@code position},
 * {@code token_id}, {@code label}, {@code probability}) and {@code methods}: per method {@code token},
 * {@code segment}, {@code position}, {@code total} (one number per token, or null) and
 * {@code completeness} ({@code sum}, {@code difference}, {@code error}; integrated gradients only, else null).
 */
final class TorchAttributionCheck {

  static final Path SCRIPT = Path.of("src", "test", "python", "attribution_check.py");
  /** A Python to use instead of the default ones: {@code mvn test -Dtorch.python=/path/to/python}. */
  static final String PYTHON_PROPERTY = "torch.python";
  private static final long TIMEOUT_MINUTES = 20;

  private final TorchPython python;

  private TorchAttributionCheck(TorchPython python) {
    this.python = python;
  }

  /**
   * The check in the Python named by the system property {@value #PYTHON_PROPERTY}, else
   * {@code python3} on the PATH or {@code /usr/bin/python3}; empty when it cannot import torch.
   */
  static Optional<TorchAttributionCheck> find() {
    return TorchPython.find(System.getProperty(PYTHON_PROPERTY)).map(TorchAttributionCheck::new);
  }

  /** Skips the calling test, saying why, when {@code check} is empty. */
  static TorchAttributionCheck orSkip(Optional<TorchAttributionCheck> check) {
    String preferred = System.getProperty(PYTHON_PROPERTY);
    assumeTrue(check.isPresent(), "no Python with torch (" + (preferred != null ? preferred
        : "python3 on the PATH, /usr/bin/python3") + "): apt-get install python3-torch to run the "
        + "PyTorch attribution reference");
    return check.get();
  }

  /** The script's JSON answer to {@code input} on the Hugging Face folder {@code modelFolder}; throws if it fails. */
  JsonObject run(Path modelFolder, JsonObject input) throws IOException {
    return lastLine(python.run(SCRIPT, List.of(modelFolder.toString()), input.toString(), TIMEOUT_MINUTES));
  }

  /** The script's own checks on tiny random models of every task class; throws if one fails. */
  JsonObject selfTest() throws IOException {
    return lastLine(python.run(SCRIPT, List.of("--self-test"), null, TIMEOUT_MINUTES));
  }

  String torchVersion() {
    return python.torchVersion();
  }

  /**
   * A request for one encoded input: its ids and segments, the special tokens' ids from {@code vocab},
   * the target, the number of steps and the methods.
   */
  static JsonObject request(Encoding encoding, Vocab vocab, String target, int steps, String... methods) {
    JsonObject in = new JsonObject();
    in.add("input_ids", array(encoding.inputIds()));
    in.add("token_type_ids", array(encoding.tokenTypeIds()));
    in.addProperty("target", target);
    in.addProperty("steps", steps);
    JsonArray names = new JsonArray();
    for (String m : methods) {
      names.add(m);
    }
    in.add("methods", names);
    in.addProperty("pad_id", vocab.id(Vocab.PAD));
    in.addProperty("cls_id", vocab.id(Vocab.CLS));
    in.addProperty("sep_id", vocab.id(Vocab.SEP));
    in.addProperty("mask_id", vocab.id(Vocab.MASK));
    return in;
  }

  /** A JSON list of numbers (one per token) as doubles. */
  static double[] doubles(JsonArray a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }

  private static JsonArray array(int[] values) {
    JsonArray a = new JsonArray();
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  private static JsonObject lastLine(String out) {
    String text = out.strip();
    return JsonParser.parseString(text.substring(text.lastIndexOf('\n') + 1)).getAsJsonObject();
  }
}
