package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.device.DevicePlan;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.train.TrainingControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fine-tuning loop and the saved models, on generated data held in memory. */
class FinetunerTest {

  @TempDir
  static Path dir;
  static GeneratedTasks tasks;
  static Path base;
  static Path baseWithoutDropout;

  @BeforeAll
  static void data() throws Exception {
    tasks = new GeneratedTasks();
    base = GeneratedTasks.randomModel(dir.resolve("base"), 0.1, 5);
    baseWithoutDropout = GeneratedTasks.randomModel(dir.resolve("base-no-dropout"), 0.0, 5);
  }

  static FinetuneSpec spec(Path model, String out, int epochs, double lr) {
    return FinetuneSpec.defaults(TaskKind.CLASSIFY, "generated", model.toString(), dir.resolve(out).toString())
        .withHyperparameters(epochs, 16, lr).withDev("generated-dev", 0);
  }

  static FinetuneData classifyData(int train, int dev) {
    return FinetuneData.of(GeneratedTasks.dataset(TaskKind.CLASSIFY, tasks.classify(train, 1)),
        GeneratedTasks.dataset(TaskKind.CLASSIFY, tasks.classify(dev, 2)));
  }

  @Test
  void aSavedClassifierGivesTheSameLogitsWhenReloaded() throws Exception {
    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, List.of("alpha", "beta"), DataColumns.FeatureMode.CLS_CONCAT,
        List.of("price"), new double[] {10}, new double[] {2}, null, 64, base.toString());
    List<Example> examples = new ArrayList<>();
    for (Example e : tasks.classify(6, 9)) {
      TextExample t = (TextExample) e;
      examples.add(new TextExample(t.line(), t.textA(), null, t.label(), new double[] {t.line() * 1.5}));
    }
    Path saved = dir.resolve("saved-classifier");
    float[] before;
    try (FinetuneModel model = FinetuneModel.create(CheckpointLoader.open(base.toString()), head,
        Device.cpu(), 11)) {
      before = logits(model, examples);
      model.save(saved);
    }
    // As the README says: features_classifier.weight [labels, features], and the means and deviations in
    // config.json under bertworkbench_head, beside Hugging Face's finetuning_task.
    var stored = org.bertworkbench.core.checkpoint.SafetensorsReader.read(saved.resolve("model.safetensors")).tensors();
    assertArrayEquals(new long[] {2, 1}, stored.get("features_classifier.weight").shape());
    com.google.gson.JsonObject config = com.google.gson.JsonParser.parseString(
        Files.readString(saved.resolve("config.json"))).getAsJsonObject();
    assertEquals("classify", config.get("finetuning_task").getAsString());
    com.google.gson.JsonObject recorded = config.getAsJsonObject("bertworkbench_head");
    assertEquals("[10.0]", recorded.get("feature_mean").toString());
    assertEquals("[2.0]", recorded.get("feature_std").toString());
    assertEquals("cls_concat", recorded.get("feature_mode").getAsString());
    try (FinetuneModel reloaded = FinetuneModel.open(saved.toString(), Device.cpu())) {
      assertEquals(head, reloaded.head());
      // Read-only weights run packed (within 1e-5 of the blocks, PackedEncoderTest); on the blocks, as
      // the model that was saved ran, the reloaded tensors must give the very same logits.
      assertArrayEquals(before, logits(reloaded, examples), 1e-5f, "logits, packed");
      System.setProperty("bertworkbench.packedEncoder", "false");
      try {
        assertArrayEquals(before, logits(reloaded, examples), 0f, "bit-equal logits");
      } finally {
        System.clearProperty("bertworkbench.packedEncoder");
      }
    }
    // The folder opens as a plain model too (fill-mask heads initialised fresh, noted).
    try (LoadedBert plain = LoadedBert.open(saved.toString(), Device.cpu(), Progress.NONE)) {
      assertTrue(plain.notes().stream().anyMatch(n -> n.contains("features_classifier.weight")), plain.notes().toString());
      Encoding e = plain.encode("hello", null, 16);
      try (NDManager scope = plain.model().newScope()) {
        assertEquals(2, plain.model().forward(org.bertworkbench.core.model.BertInput.of(scope, e.inputIds(),
            e.tokenTypeIds(), e.attentionMask()), ForwardOptions.TRACE).trace().attentions().size());
      }
    }
  }

  @Test
  void aFineTunedModelIsBertAndItsHeadAndItsPassReturnsTheTrace() throws Exception {
    HeadConfig head = new HeadConfig(TaskKind.CLASSIFY, List.of("alpha", "beta"), null, null, null, null, null, 64,
        base.toString());
    try (FinetuneModel model = FinetuneModel.create(CheckpointLoader.open(base.toString()), head, Device.cpu(), 3);
        NDManager scope = model.newScope()) {
      List<String> pretrainingHeads = model.weights().all().keySet().stream().filter(n -> n.startsWith("cls.")).toList();
      assertEquals(List.of(), pretrainingHeads, "no masked-LM or next-sentence weights are made");
      Batch batch = Batch.of(scope, model.encoder().encode(tasks.classify(3, 4), false).inputs(), 0);
      FinetuneModel.Output traced = model.forward(batch, ForwardOptions.TRACE);
      int layers = model.config().numHiddenLayers();
      assertEquals(layers, traced.trace().attentions().size());
      assertEquals(layers + 1, traced.trace().hiddenStates().size());
      assertArrayEquals(model.logits(batch, false).toFloatArray(), traced.logits().toFloatArray(), 0f);
      float[] last = model.bert().forward(batch.input(), ForwardOptions.INFERENCE).sequenceOutput().toFloatArray();
      assertArrayEquals(last, traced.trace().hiddenStates().get(layers).toFloatArray(), 0f);
      assertEquals(null, model.forward(batch, ForwardOptions.INFERENCE).trace());
    }
  }

  private static float[] logits(FinetuneModel model, List<Example> examples) {
    try (NDManager scope = model.newScope()) {
      Batch batch = Batch.of(scope, model.encoder().encode(examples, false).inputs(), 0);
      return model.logits(batch, false).toFloatArray();
    }
  }

  @Test
  void aStoppedRunResumesAsIfNeverStopped() throws Exception {
    FinetuneData data = classifyData(96, 20);
    FinetuneSpec straight = spec(base, "straight", 2, 1e-3).withRun("cpu", false, 4, 5);
    Finetuner.run(straight, data, false, DevicePlan.cpu(), FinetuneListener.NONE, new TrainingControl());

    FinetuneSpec stopped = straight.withOut(dir.resolve("stopped").toString());
    TrainingControl control = new TrainingControl();
    Finetuner.Result first = Finetuner.run(stopped, data, false, DevicePlan.cpu(), new FinetuneListener() {
      @Override
      public void step(TrainStepMetrics s) {
        if (s.step() == 7) {
          control.stop();
        }
      }
    }, control);
    assertTrue(first.stopped());
    assertEquals(7, first.lastStep());
    assertEquals(FinetuneRun.State.STOPPED, new FinetuneRun(first.dir()).status().state());
    Finetuner.Result second = Finetuner.run(stopped, data, true, DevicePlan.cpu(), FinetuneListener.NONE,
        new TrainingControl());
    assertEquals(8, second.firstStep());

    FinetuneRun.Metrics a = new FinetuneRun(dir.resolve("straight")).metrics();
    FinetuneRun.Metrics b = new FinetuneRun(dir.resolve("stopped")).metrics();
    assertEquals(12, a.steps().size());
    assertEquals(a.steps().size(), b.steps().size(), "every step exactly once");
    for (int i = 0; i < a.steps().size(); i++) {
      assertEquals(i + 1, b.steps().get(i).step());
      assertEquals(a.steps().get(i).loss(), b.steps().get(i).loss(), 1e-5, "loss at step " + (i + 1));
    }
    assertEquals(a.evaluations().stream().map(DevEvaluation::metrics).toList(),
        b.evaluations().stream().map(DevEvaluation::metrics).toList());
  }

  @Test
  void dataParallelOnTwoCopiesTrainsAsOneCopy() throws Exception {
    FinetuneData data = classifyData(48, 10);
    FinetuneSpec one = spec(baseWithoutDropout, "dp-one", 1, 1e-3);
    FinetuneSpec two = one.withOut(dir.resolve("dp-two").toString());
    Finetuner.run(one, data, false, DevicePlan.cpu(), FinetuneListener.NONE, new TrainingControl());
    DevicePlan twoCopies = new DevicePlan("test", List.of("cpu", "cpu"), org.bertworkbench.core.device.Precision.FLOAT32,
        "two copies on the CPU");
    Finetuner.run(two, data, false, twoCopies, FinetuneListener.NONE, new TrainingControl());
    List<TrainStepMetrics> a = new FinetuneRun(dir.resolve("dp-one")).metrics().steps();
    List<TrainStepMetrics> b = new FinetuneRun(dir.resolve("dp-two")).metrics().steps();
    assertEquals(3, a.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).loss(), b.get(i).loss(), 1e-5, "loss at step " + (i + 1));
      assertEquals(a.get(i).accuracy(), b.get(i).accuracy(), 1e-9);
    }
    try (FinetuneModel x = FinetuneModel.open(dir.resolve("dp-one/model").toString(), Device.cpu());
        FinetuneModel y = FinetuneModel.open(dir.resolve("dp-two/model").toString(), Device.cpu())) {
      float[] wx = x.parameters().get("classifier.weight").toFloatArray();
      float[] wy = y.parameters().get("classifier.weight").toFloatArray();
      assertArrayEquals(wx, wy, 1e-5f);
    }
  }

  @Test
  void aLossThatTurnsNanStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
    FinetuneSpec s = spec(base, "diverges", 3, 1e30).withRun("cpu", false, 0, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Finetuner.run(s, classifyData(64, 10),
        false, DevicePlan.cpu(), FinetuneListener.NONE, new TrainingControl()));
    assertTrue(e.getMessage().matches("the loss became (NaN|infinite) at step \\d+ .*"), e.getMessage());
    assertTrue(e.getMessage().contains("the last good checkpoint is"), e.getMessage());
    FinetuneRun run = new FinetuneRun(dir.resolve("diverges"));
    assertEquals(FinetuneRun.State.FAILED, run.status().state());
    assertTrue(run.status().message().contains("diverged"));
    assertFalse(run.checkpoints().isEmpty());
    assertFalse(Files.exists(run.modelDir()), "no model from a diverged run");
    // Every checkpoint kept is finite: the model opens without NaN notes.
    assertTrue(CheckpointLoader.open(run.latestCheckpoint().toString()).notes().stream()
        .noneMatch(n -> n.contains("NaN") || n.contains("infinite")));
  }

  @Test
  void frozenLayersKeepTheirWeights() throws Exception {
    FinetuneSpec s = spec(base, "frozen", 1, 1e-3).withTraining(0.1, 0.01, 64, 1, 1);
    Finetuner.run(s, classifyData(32, 8), false, DevicePlan.cpu(), FinetuneListener.NONE, new TrainingControl());
    var before = CheckpointLoader.open(base.toString());
    var after = CheckpointLoader.open(dir.resolve("frozen/model").toString());
    for (String name : List.of("bert.embeddings.word_embeddings.weight", "bert.encoder.layer.0.output.dense.weight")) {
      assertArrayEquals(floats(before.tensor(name)), floats(after.tensor(name)), 0f, name + " is frozen");
    }
    assertFalse(java.util.Arrays.equals(floats(before.tensor("bert.encoder.layer.1.output.dense.weight")),
        floats(after.tensor("bert.encoder.layer.1.output.dense.weight"))), "layer 1 trains");
    assertNotEquals(0, new FinetuneRun(dir.resolve("frozen")).record().getAsJsonObject("model")
        .get("trainable_parameters").getAsLong());
  }

  private static float[] floats(org.bertworkbench.core.tensor.RawTensor t) {
    return org.bertworkbench.core.tensor.TensorData.hfValues(t);
  }

  @Test
  void anExistingRunIsNotOverwrittenAndAMissingOneCannotResume() throws Exception {
    FinetuneSpec s = spec(base, "twice", 1, 1e-3);
    FinetuneData data = classifyData(16, 4);
    Finetuner.run(s, data, false, DevicePlan.cpu(), FinetuneListener.NONE, new TrainingControl());
    IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
        () -> Finetuner.run(s, data, false, DevicePlan.cpu(), FinetuneListener.NONE, new TrainingControl()));
    assertTrue(again.getMessage().contains("--resume"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Finetuner.run(
        s.withOut(dir.resolve("nothing").toString()), data, true, DevicePlan.cpu(), FinetuneListener.NONE,
        new TrainingControl()));
    assertTrue(none.getMessage().contains("no run to resume"));
  }

  @Test
  void savedFoldersHoldExactlyHuggingFacesStateDictNames() throws Exception {
    var schema = CheckpointLoader.open(base.toString()).schema();
    List<String> encoder = schema.specs().values().stream()
        .filter(t -> t.component() == org.bertworkbench.core.checkpoint.TensorSchema.Component.EMBEDDINGS
            || t.component() == org.bertworkbench.core.checkpoint.TensorSchema.Component.ENCODER)
        .map(org.bertworkbench.core.checkpoint.TensorSchema.TensorSpec::name).toList();
    for (TaskKind task : List.of(TaskKind.CLASSIFY, TaskKind.TAG, TaskKind.QA)) {
      HeadConfig head = new HeadConfig(task, task == TaskKind.QA ? List.of() : List.of("O", "B-X", "I-X"), null, null,
          null, null, null, 64, null);
      Path saved = dir.resolve("names-" + task.cliName());
      try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(base.toString()), head, Device.cpu(), 1)) {
        m.save(saved);
      }
      java.util.Set<String> expected = new java.util.TreeSet<>(encoder);
      if (task == TaskKind.CLASSIFY) {
        expected.addAll(List.of("bert.pooler.dense.weight", "bert.pooler.dense.bias", "classifier.weight", "classifier.bias"));
      } else if (task == TaskKind.TAG) {
        expected.addAll(List.of("classifier.weight", "classifier.bias"));
      } else {
        expected.addAll(List.of("qa_outputs.weight", "qa_outputs.bias"));
      }
      var stored = org.bertworkbench.core.checkpoint.SafetensorsReader.read(saved.resolve("model.safetensors")).tensors();
      assertEquals(expected, new java.util.TreeSet<>(stored.keySet()), task + ": transformers' state-dict names");
      long[] headShape = stored.get(task == TaskKind.QA ? "qa_outputs.weight" : "classifier.weight").shape();
      assertArrayEquals(new long[] {task == TaskKind.QA ? 2 : 3, 64}, headShape);
      String config = Files.readString(saved.resolve("config.json"));
      assertTrue(config.contains("\"" + HeadConfig.architecture(task) + "\""), config);
      assertTrue(task == TaskKind.QA || config.contains("\"label2id\""), config);
    }
  }
}
