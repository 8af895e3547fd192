package org.bertworkbench.core.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bertworkbench.core.bench.TorchPython;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.DistilBertFolderWriter;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.BertInput;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.model.BertTrace;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DistilBERT folders as transformers reads them: a student made from Google's BERT-Base uncased as
 * DistilBERT's paper initialises one (the embeddings without segments, encoder layers 0, 2, ..., 10),
 * saved by us, loaded by {@code hf_distilbert_check.py} (transformers' DistilBERT classes rebuilt in
 * plain torch) with {@code load_state_dict(strict=True)}, and run on the same ids: its hidden states
 * at every layer, its attention probabilities and its MLM logits equal ours. Skipped without a
 * Python that has torch.
 */
class DistilBertCompatibilityTest {

  static final Path SCRIPT = Path.of("src", "test", "python", "hf_distilbert_check.py");
  /**
   * float32 on two libraries (DJL's libtorch, Debian's torch) through six BERT-Base layers: hidden
   * states and attention probabilities within 1e-4 (measured: 4.2e-5 at the last layer); MLM logits,
   * up to ~20 in size over 30,522 pieces, within 1e-3 (measured: 6.5e-5).
   */
  static final double TOLERANCE = 1e-4;
  static final double LOGITS_TOLERANCE = 1e-3;

  @TempDir
  static Path dir;
  static Optional<TorchPython> python;

  @BeforeAll
  static void findPython() {
    python = TorchPython.find(System.getProperty("torch.python"));
  }

  private static TorchPython pythonOrSkip() {
    assumeTrue(python.isPresent(), "no Python with torch: apt-get install python3-torch to run the DistilBERT check");
    return python.get();
  }

  /** What the two sides computed for one padded batch. */
  record Outputs(List<float[]> hidden, List<float[]> attentions, float[] logits, JsonObject theirs) {
  }

  @Test
  void aStudentOfBertBaseLoadsStrictlyAsDistilBertForMaskedLmWithOurHiddenStates() throws Exception {
    TorchPython torch = pythonOrSkip();
    assumeTrue(ModelCatalog.find("bert-base-uncased").map(ModelCatalog.KnownModel::available).orElse(false),
        "bert-base-uncased is not in the local Maven repository");
    Path student = dir.resolve("distilbert-from-bert-base");
    DistilBertFolderWriter.writeStudent(student, CheckpointLoader.open("bert-base-uncased"),
        DistilBertFolderWriter.everyOtherLayer(12), DistilBertFolderWriter.MASKED_LM);
    Outputs o = run(torch, student, true);
    JsonObject theirs = o.theirs();
    assertEquals("DistilBertForMaskedLM", theirs.get("architecture").getAsString());
    assertTrue(theirs.get("strict_load").getAsBoolean());
    assertEquals(4 + 6 * 16 + 6, theirs.get("state_dict_names").getAsInt(), "embeddings, 6 layers, MLM head (tied)");
    assertEquals("[\"vocab_projector.weight\"]", theirs.get("tied").toString());
    compare(o, "distilbert-from-bert-base");
  }

  /** A bare DistilBertModel (no prefix, no head), from the bundled sample model's two layers in reverse. */
  @Test
  void aBareDistilBertModelLoadsStrictly() throws Exception {
    TorchPython torch = pythonOrSkip();
    Path bare = dir.resolve("distilbert-bare");
    DistilBertFolderWriter.writeStudent(bare, CheckpointLoader.open("sample-tiny"), new int[] {1, 0},
        DistilBertFolderWriter.MODEL);
    Outputs o = run(torch, bare, false);
    assertEquals("DistilBertModel", o.theirs().get("architecture").getAsString());
    assertTrue(o.theirs().get("strict_load").getAsBoolean());
    assertEquals("[]", o.theirs().get("tied").toString());
    compare(o, "bare sample-tiny student");
  }

  private static void compare(Outputs o, String what) {
    List<float[]> theirHidden = new ArrayList<>();
    o.theirs().getAsJsonArray("hidden_states").forEach(e -> theirHidden.add(flat(e)));
    assertEquals(o.hidden().size(), theirHidden.size(), "layers + 1 hidden states");
    for (int l = 0; l < theirHidden.size(); l++) {
      assertClose(o.hidden().get(l), theirHidden.get(l), what + " hidden state " + l);
    }
    assertClose(o.hidden().get(o.hidden().size() - 1), flat(o.theirs().get("last_hidden_state")),
        what + " last hidden state");
    JsonArray theirAttentions = o.theirs().getAsJsonArray("attentions");
    assertEquals(o.attentions().size(), theirAttentions.size());
    for (int l = 0; l < theirAttentions.size(); l++) {
      assertClose(o.attentions().get(l), flat(theirAttentions.get(l)), what + " attention " + l);
    }
    if (o.logits() != null) {
      assertClose(o.logits(), flat(o.theirs().get("logits")), what + " MLM logits", LOGITS_TOLERANCE);
    }
  }

  /** Ours and the script's on a sentence pair (segment ids 0 and 1, which DistilBERT ignores) and a padded sentence. */
  private static Outputs run(TorchPython torch, Path folder, boolean logits) throws Exception {
    try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE);
        NDManager scope = bert.model().newScope()) {
      assertTrue(bert.notes().get(0).startsWith("DistilBERT (model_type distilbert) has no segment embeddings"),
          bert.notes().toString());
      Encoding a = bert.encode("the cat sat on the mat.", "it was warm.", 32);
      Encoding b = bert.encode("paris is the capital of france.", null, 32);
      assertTrue(Arrays.stream(a.tokenTypeIds()).anyMatch(t -> t == 1), "a pair: segment B is there");
      int t = Math.max(a.inputIds().length, b.inputIds().length);
      int[][] ids = new int[2][t];
      int[][] types = new int[2][t];
      int[][] mask = new int[2][t];
      int k = 0;
      for (Encoding e : List.of(a, b)) {
        System.arraycopy(e.inputIds(), 0, ids[k], 0, e.inputIds().length);
        System.arraycopy(e.tokenTypeIds(), 0, types[k], 0, e.inputIds().length);
        Arrays.fill(mask[k], 0, e.inputIds().length, 1);
        k++;
      }
      BertModel.Output out = bert.model().forward(BertInput.of(scope, ids, types, mask), ForwardOptions.TRACE);
      BertTrace trace = out.trace();
      List<float[]> hidden = trace.hiddenStates().stream().map(NDArray::toFloatArray).toList();
      List<float[]> attentions = trace.attentions().stream().map(NDArray::toFloatArray).toList();
      float[] mlm = logits ? bert.model().heads().mlmLogits(out.sequenceOutput()).toFloatArray() : null;
      JsonObject in = new JsonObject();
      in.add("input_ids", matrix(ids));
      in.add("attention_mask", matrix(mask));
      String printed = torch.run(SCRIPT, List.of(folder.toString()), in.toString(), 10).strip();
      JsonObject theirs = JsonParser.parseString(printed.substring(printed.lastIndexOf('\n') + 1)).getAsJsonObject();
      return new Outputs(hidden, attentions, mlm, theirs);
    }
  }

  private static JsonArray matrix(int[][] rows) {
    JsonArray out = new JsonArray();
    for (int[] r : rows) {
      JsonArray row = new JsonArray();
      Arrays.stream(r).forEach(row::add);
      out.add(row);
    }
    return out;
  }

  private static float[] flat(JsonElement e) {
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

  private static void assertClose(float[] ours, float[] theirs, String what) {
    assertClose(ours, theirs, what, TOLERANCE);
  }

  private static void assertClose(float[] ours, float[] theirs, String what, double tolerance) {
    assertEquals(ours.length, theirs.length, what + ": lengths");
    double diff = 0;
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int i = 0; i < ours.length; i++) {
      diff = Math.max(diff, Math.abs((double) ours[i] - theirs[i]));
      min = Math.min(min, ours[i]);
      max = Math.max(max, ours[i]);
    }
    System.out.printf("hf_distilbert_check: %s, %d values, max |ours - transformers'| = %.3g%n", what, ours.length,
        diff);
    assertTrue(diff < tolerance, what + ": max |ours - transformers'| = " + diff);
    assertTrue(max - min > 0.01, what + ": outputs nearly constant " + min + ".." + max);
  }
}
