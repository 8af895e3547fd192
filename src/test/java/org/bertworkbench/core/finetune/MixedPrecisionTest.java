package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.device.DevicePlan;
import org.bertworkbench.core.device.Precision;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.train.AdamWeightDecay;
import org.bertworkbench.core.train.LossScale;
import org.bertworkbench.core.train.OptimizerSettings;
import org.bertworkbench.core.train.TrainingControl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Float16 mixed precision on the CPU, on a tiny random BERT (L2, H64): a run that learns and saves
 * float32, gradients equal to float32's within float16's precision, an overflowing loss scale that
 * skips its step, and the loss scale through a checkpoint.
 */
class MixedPrecisionTest {

  static final DevicePlan CPU16 = DevicePlan.cpu().withPrecision(Precision.FLOAT16, "float16 on the CPU, for the test");

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

  static FinetuneData classifyData(int train, int dev) {
    return FinetuneData.of(GeneratedTasks.dataset(TaskKind.CLASSIFY, tasks.classify(train, 1)),
        GeneratedTasks.dataset(TaskKind.CLASSIFY, tasks.classify(dev, 2)));
  }

  static FinetuneSpec spec(Path model, String out, int epochs, double lr) {
    return FinetuneSpec.defaults(TaskKind.CLASSIFY, "generated", model.toString(), dir.resolve(out).toString())
        .withHyperparameters(epochs, 16, lr).withDev("generated-dev", 0).withTraining(0.1, 0.01, 32, 42, 0);
  }

  static HeadConfig head() {
    return new HeadConfig(TaskKind.CLASSIFY, List.of("alpha", "beta"), null, null, null, null, null, 32,
        base.toString());
  }

  @Test
  void aFloat16RunLearnsAndSavesAFloat32ModelThatReloads() throws Exception {
    FinetuneData data = classifyData(320, 64);
    // Seed 7: the same settings in float32 reach 0.94 (seed 42's head starts where neither learns).
    FinetuneSpec s = spec(base, "fp16", 4, 2e-3).withTraining(0.1, 0.01, 32, 7, 0).withPrecision("float16");
    Finetuner.Result r = Finetuner.run(s, data, false, CPU16, FinetuneListener.NONE, new TrainingControl());
    assertFalse(r.stopped());
    FinetuneRun run = new FinetuneRun(r.dir());
    List<TrainStepMetrics> steps = run.metrics().steps();
    assertEquals(80, steps.size());
    assertTrue(steps.stream().allMatch(t -> Double.isFinite(t.loss())), "finite losses");
    assertTrue(steps.stream().allMatch(t -> t.lossScale() >= 1), "every row carries its loss scale");
    double accuracy = r.lastEvaluation().metrics().get("accuracy");
    System.out.printf("float16 run: dev accuracy %.3f, first loss %.4f, last loss %.4f, loss scale %.0f%n",
        accuracy, steps.get(0).loss(), steps.get(steps.size() - 1).loss(), steps.get(steps.size() - 1).lossScale());
    assertTrue(accuracy > 0.8, "dev accuracy (chance 0.5) " + accuracy);
    assertEquals("float16", run.record().getAsJsonObject("devices").get("precision").getAsString());

    // The saved model is float32 and opens (in float32) anywhere; its dev accuracy is the run's.
    Path model = r.model();
    Path checkpoint = r.dir().resolve("checkpoints/step-80/model.safetensors");
    assertTrue(safetensorsHeader(checkpoint).contains("\"F32\""), "checkpoints hold the float32 masters");
    assertFalse(safetensorsHeader(checkpoint).contains("\"F16\""), "checkpoints hold the float32 masters");
    // ... the masters, not the float16 working weights widened: some of the values are no float16 numbers.
    var stored = org.bertworkbench.core.checkpoint.SafetensorsReader.read(checkpoint).tensors().get("classifier.weight");
    java.nio.FloatBuffer fb = stored.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] master = new float[fb.remaining()];
    fb.get(master);
    try (NDManager scope = NDManager.newBaseManager()) {
      float[] rounded = scope.create(master).toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false)
          .toFloatArray();
      assertFalse(java.util.Arrays.equals(master, rounded), "the checkpoint's weights are all float16 values");
    }
    assertTrue(safetensorsHeader(model.resolve("model.safetensors")).contains("\"F32\""));
    assertFalse(safetensorsHeader(model.resolve("model.safetensors")).contains("\"F16\""));
    try (FinetuneModel reloaded = FinetuneModel.open(model.toString(), Device.cpu())) {
      assertEquals(DataType.FLOAT32, reloaded.dataType());
      List<Prediction> p = new Predictor(reloaded).predict(data.dev().examples(), Progress.NONE);
      double again = Evaluation.of(TaskKind.CLASSIFY, data.dev().examples(), p).metrics().get("accuracy");
      System.out.printf("reloaded in float32: dev accuracy %.3f%n", again);
      assertEquals(accuracy, again, 0.05, "float32 reload vs float16 evaluation");
    }
  }

  @Test
  void aFloat16ModelsLogitsAreLiftedToFloat32BeforeTheLoss() throws Exception {
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(baseWithoutDropout.toString()), head(),
        Device.cpu(), 3, DataType.FLOAT16);
        NDManager scope = m.newScope()) {
      List<EncodedInput> rows = m.encoder().encode(tasks.classify(4, 5), false).inputs();
      Batch batch = Batch.of(scope, rows, 0, DataType.FLOAT16);
      NDArray sequence = m.bert().forward(batch.input(), ForwardOptions.INFERENCE).sequenceOutput();
      assertEquals(DataType.FLOAT16, sequence.getDataType(), "the pass computes in float16");
      assertEquals(DataType.FLOAT32, m.logits(batch, true).getDataType(), "the loss is taken on float32 logits");
    }
  }

  @Test
  void float16GradientsUnscaledMatchFloat32Gradients() throws Exception {
    List<EncodedInput> rows;
    Map<String, float[]> g32 = new LinkedHashMap<>();
    Map<String, float[]> g16 = new LinkedHashMap<>();
    double[] losses = new double[2];
    float scale = 1024f;
    for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT16)) {
      try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(baseWithoutDropout.toString()), head(),
          Device.cpu(), 3, type)) {
        rows = m.encoder().encode(tasks.classify(16, 5), true).inputs();
        Map<String, NDArray> params = m.trainableParameters(0);
        params.values().forEach(p -> p.setRequiresGradient(true));
        float s = type == DataType.FLOAT16 ? scale : 1f;
        try (NDManager scope = m.newScope()) {
          losses[type == DataType.FLOAT16 ? 1 : 0] = FinetuneLoss.forwardBackward(m, scope, rows, rows.size(), 0, s)
              .loss();
          for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray g = e.getValue().getGradient();
            assertEquals(type, g.getDataType(), e.getKey());
            NDArray wide = g.toType(DataType.FLOAT32, false).div(s);
            (type == DataType.FLOAT16 ? g16 : g32).put(e.getKey(), wide.toFloatArray());
          }
        }
      }
    }
    assertEquals(losses[0], losses[1], 2e-3, "float32 vs float16 loss");
    assertEquals(g32.keySet(), g16.keySet());
    double worst = 0;
    for (String name : g32.keySet()) {
      double diff = 0;
      double norm = 0;
      float[] a = g32.get(name);
      float[] b = g16.get(name);
      for (int i = 0; i < a.length; i++) {
        diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
        norm += a[i] * (double) a[i];
      }
      if (norm > 1e-12) {
        double rel = Math.sqrt(diff / norm);
        worst = Math.max(worst, rel);
        // The README says 0.31%, the worst measured here (seeded, the same every run): bound 0.4%.
        assertTrue(rel < 0.004, name + ": relative gradient difference " + rel);
      }
    }
    System.out.printf("float16 vs float32 gradients: worst relative difference %.4f over %d tensors%n", worst,
        g32.size());
  }

  @Test
  void anOverflowingScaleSkipsTheStepAndHalves() throws Exception {
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(baseWithoutDropout.toString()), head(),
        Device.cpu(), 3, DataType.FLOAT16)) {
      List<EncodedInput> rows = m.encoder().encode(tasks.classify(16, 5), true).inputs();
      LossScale scale = new LossScale(0x1p40f); // float16 holds at most 65504: every gradient overflows
      OptimizerSettings settings = new OptimizerSettings(1e-3, 0, 0.01, 0.9, 0.999, 1e-6, 1.0);
      try (AdamWeightDecay optimizer = AdamWeightDecay.mixed(m.trainableParameters(0), m.masters(), scale, settings,
          m.weights().manager())) {
        float[] weightBefore = floats(m.parameters().get("classifier.weight"));
        float[] masterBefore = floats(m.masters().get("classifier.weight"));
        float norm = step(m, optimizer, rows, scale);
        assertTrue(optimizer.skipped());
        assertFalse(Float.isFinite(norm));
        assertEquals(0x1p39f, scale.value(), "halved");
        assertArrayEquals(weightBefore, floats(m.parameters().get("classifier.weight")), 0f, "weights unchanged");
        assertArrayEquals(masterBefore, floats(m.masters().get("classifier.weight")), 0f, "masters unchanged");
        int skipped = 1;
        while (optimizer.skipped() && skipped < 40) {
          step(m, optimizer, rows, scale);
          skipped += optimizer.skipped() ? 1 : 0;
        }
        assertFalse(optimizer.skipped(), "a scale small enough is reached");
        System.out.printf("from 2^40: %d skipped steps, first good step at loss scale 2^%d%n", skipped,
            Math.getExponent(scale.value()));
        assertEquals(0x1p40f / (1L << skipped), scale.value());
        assertEquals(1, scale.goodSteps());
        float[] after = floats(m.masters().get("classifier.weight"));
        assertFalse(java.util.Arrays.equals(masterBefore, after), "the good step updated the masters");
        // The working weights are the masters rounded to float16.
        try (NDManager scope = m.newScope()) {
          NDArray rounded = m.masters().get("classifier.weight").toType(DataType.FLOAT16, true);
          rounded.attach(scope);
          assertArrayEquals(floats(rounded), floats(m.parameters().get("classifier.weight")), 0f);
        }
      }
    }
  }

  private static float step(FinetuneModel m, AdamWeightDecay optimizer, List<EncodedInput> rows, LossScale scale) {
    try (NDManager scope = m.newScope()) {
      FinetuneLoss.Outcome o = FinetuneLoss.forwardBackward(m, scope, rows, rows.size(), 0, scale.value());
      assertTrue(Double.isFinite(o.loss()), "the loss itself is finite: only the gradients overflow");
      return optimizer.step(scope, 1e-3);
    }
  }

  private static float[] floats(NDArray a) {
    return a.toType(DataType.FLOAT32, true).toFloatArray();
  }

  @Test
  void theLossScaleIsSavedWithTheOptimiserState() throws Exception {
    try (FinetuneModel m = FinetuneModel.create(CheckpointLoader.open(baseWithoutDropout.toString()), head(),
        Device.cpu(), 3, DataType.FLOAT16)) {
      List<EncodedInput> rows = m.encoder().encode(tasks.classify(8, 6), true).inputs();
      OptimizerSettings settings = new OptimizerSettings(1e-3, 0, 0.01, 0.9, 0.999, 1e-6, 1.0);
      LossScale scale = new LossScale(0x1p20f);
      Path file = dir.resolve("optimizer.safetensors");
      try (AdamWeightDecay optimizer = AdamWeightDecay.mixed(m.trainableParameters(0), m.masters(), scale, settings,
          m.weights().manager())) {
        for (int i = 0; i < 6; i++) {
          step(m, optimizer, rows, scale);
        }
        assertTrue(scale.goodSteps() > 0);
        optimizer.save(file);
      }
      LossScale restored = new LossScale(LossScale.DEFAULT_INITIAL);
      try (AdamWeightDecay optimizer = AdamWeightDecay.mixed(m.trainableParameters(0), m.masters(), restored,
          settings, m.weights().manager())) {
        optimizer.load(file);
      }
      assertEquals(scale.value(), restored.value());
      assertEquals(scale.goodSteps(), restored.goodSteps());
    }
  }

  @Test
  void aStoppedFloat16RunResumesAsIfNeverStopped() throws Exception {
    FinetuneData data = classifyData(64, 16);
    FinetuneSpec straight = spec(base, "fp16-straight", 2, 1e-3).withPrecision("float16").withRun("cpu", false, 4, 3);
    Finetuner.run(straight, data, false, CPU16, FinetuneListener.NONE, new TrainingControl());
    FinetuneSpec stopped = straight.withOut(dir.resolve("fp16-stopped").toString());
    TrainingControl control = new TrainingControl();
    Finetuner.run(stopped, data, false, CPU16, new FinetuneListener() {
      @Override
      public void step(TrainStepMetrics s) {
        if (s.step() == 5) {
          control.stop();
        }
      }
    }, control);
    Finetuner.Result second = Finetuner.run(stopped, data, true, CPU16, FinetuneListener.NONE, new TrainingControl());
    assertEquals(6, second.firstStep());
    List<TrainStepMetrics> a = new FinetuneRun(dir.resolve("fp16-straight")).metrics().steps();
    List<TrainStepMetrics> b = new FinetuneRun(dir.resolve("fp16-stopped")).metrics().steps();
    assertEquals(8, a.size());
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).loss(), b.get(i).loss(), 1e-6, "loss at step " + (i + 1));
      assertEquals(a.get(i).lossScale(), b.get(i).lossScale(), "loss scale at step " + (i + 1));
    }
    try (FinetuneModel x = FinetuneModel.open(dir.resolve("fp16-straight/model").toString(), Device.cpu());
        FinetuneModel y = FinetuneModel.open(dir.resolve("fp16-stopped/model").toString(), Device.cpu())) {
      assertNotNull(x.parameters().get("classifier.weight"));
      assertArrayEquals(x.parameters().get("classifier.weight").toFloatArray(),
          y.parameters().get("classifier.weight").toFloatArray(), 0f, "the same masters");
    }
  }

  @Test
  void dataParallelFloat16OnTwoCopiesTrainsAsOneCopy() throws Exception {
    FinetuneData data = classifyData(48, 10);
    FinetuneSpec one = spec(baseWithoutDropout, "fp16-dp-one", 1, 1e-3).withPrecision("float16");
    Finetuner.run(one, data, false, CPU16, FinetuneListener.NONE, new TrainingControl());
    DevicePlan twoCopies = new DevicePlan("test", List.of("cpu", "cpu"), Precision.FLOAT16, "two float16 copies");
    Finetuner.run(one.withOut(dir.resolve("fp16-dp-two").toString()), data, false, twoCopies, FinetuneListener.NONE,
        new TrainingControl());
    List<TrainStepMetrics> a = new FinetuneRun(dir.resolve("fp16-dp-one")).metrics().steps();
    List<TrainStepMetrics> b = new FinetuneRun(dir.resolve("fp16-dp-two")).metrics().steps();
    assertEquals(3, a.size());
    for (int i = 0; i < a.size(); i++) {
      // Two float16 halves of the gradient, added, round differently from the whole: float16 tolerance.
      assertEquals(a.get(i).loss(), b.get(i).loss(), 2e-3, "loss at step " + (i + 1));
      assertEquals(a.get(i).lossScale(), b.get(i).lossScale());
    }
  }

  static String safetensorsHeader(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
  }
}
