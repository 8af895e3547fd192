package org.bertworkbench.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.bench.FinetuneBench;
import org.bertworkbench.core.bench.ForwardBench;
import org.bertworkbench.core.bench.MatmulBench;
import org.bertworkbench.core.bench.MemoryRelease;
import org.bertworkbench.core.bench.OnnxRuntimeBaseline;
import org.bertworkbench.core.bench.PrecisionBench;
import org.bertworkbench.core.bench.PretrainComparison;
import org.bertworkbench.core.bench.ProcessMemory;
import org.bertworkbench.core.bench.PythonBaseline;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tensor.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Load time, forward-pass times with and without the trace, memory; ratios to the matmul baseline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure load time, batch-1 forward passes (32, 128, 512 tokens) and memory.",
        "With --pretrain: the pretraining step of each preset, next to PyTorch doing the same step."})
final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--model", defaultValue = "bert-base-uncased", description = "model name or folder")
  String model;

  @Option(names = "--runs", defaultValue = "9", description = "timed runs per length; with --pretrain, timed steps per round and side (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--lengths", split = ",", defaultValue = "32,128,512",
      description = "input lengths in tokens (default: ${DEFAULT-VALUE})")
  int[] lengths;

  @Option(names = "--onnxruntime", paramLabel = "JAR", description = "ONNX Runtime's jar for the baseline "
      + "(default: onnxruntime-" + OnnxRuntimeBaseline.VERSION + ".jar in the local Maven repository)")
  Path onnxRuntimeJar;

  @Option(names = "--no-onnxruntime", description = "do not run ONNX Runtime's baseline")
  boolean noOnnxRuntime;

  @Option(names = "--throughput", defaultValue = "32x128", paramLabel = "BxT",
      description = "also time a batch of B inputs of T tokens, ours and ONNX Runtime's; none skips (default: ${DEFAULT-VALUE})")
  String throughput;

  @Option(names = "--low-precision", description = "also run the model in float16 (at the first of --lengths) and "
      + "bfloat16 (at the --throughput batch) next to float32: the largest difference of attention and hidden "
      + "states, and the speed")
  boolean lowPrecision;

  @Option(names = "--leak-passes", defaultValue = "0",
      description = "also run this many traced 128-token passes and sample resident memory")
  int leakPasses;

  @Option(names = "--finetune", description = "measure fine-tuning instead: training examples/s of sequence "
      + "classification next to the forward-only rate (--lengths' first length, default 128 with --finetune)")
  boolean finetune;

  @Option(names = "--batch-size", defaultValue = "8", description = "batch of --finetune (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--pretrain", description = "time the pretraining step instead, against PyTorch when a "
      + "python3 with torch is there")
  boolean pretrain;

  @Option(names = "--presets", split = ",", defaultValue = "tiny,base",
      description = "with --pretrain: presets to time (default: ${DEFAULT-VALUE})")
  List<String> presets;

  @Option(names = "--batch-sizes", split = ",", paramLabel = "B,...",
      description = "with --pretrain: one batch size per preset (default: 32 for tiny and mini, 8 otherwise)")
  List<Integer> batchSizes;

  @Option(names = "--length", defaultValue = "128", description = "with --pretrain: tokens per sequence (default: ${DEFAULT-VALUE})")
  int length;

  @Option(names = "--vocab-size", defaultValue = "30522",
      description = "with --pretrain: vocabulary of the model (default: ${DEFAULT-VALUE}, BERT's uncased)")
  int vocabSize;

  @Option(names = "--rounds", defaultValue = "3",
      description = "with --pretrain: alternations of ours and PyTorch's (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--python", paramLabel = "PROGRAM",
      description = "with --pretrain: the Python with torch for the baseline (default: python3, then /usr/bin/python3)")
  String python;

  @Option(names = "--no-baseline", description = "with --pretrain: do not run PyTorch")
  boolean noBaseline;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
    if (pretrain) {
      return print(pretrainDoc());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", model);
    Engine engine = Engines.pytorch();
    doc.put("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
    if (finetune) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("--batch-size must be at least 1");
      }
      int tokens = spec.commandLine().getParseResult().hasMatchedOption("--lengths") ? lengths[0] : 128;
      doc.put("finetune", FinetuneBench.measure(CheckpointLoader.open(model), tokens, batchSize, runs));
      doc.put("peak_rss_mb", ProcessMemory.peakResidentMb());
      print(doc);
      return 0;
    }
    // The first load may unpack the checkpoint into the cache; the warm load is the one that counts.
    LoadedBert.open(model, Device.cpu(), Progress.NONE).close();
    long start = System.nanoTime();
    try (LoadedBert loaded = LoadedBert.open(model, Device.cpu(), Progress.NONE)) {
      doc.put("load_seconds", round((System.nanoTime() - start) / 1e9, 3));
      BertConfig config = loaded.model().config();
      int[] shape = throughputShape();
      int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
      Map<String, Object> plain = new LinkedHashMap<>();
      Map<String, Object> traced = new LinkedHashMap<>();
      Map<String, Object> gflop = new LinkedHashMap<>();
      Map<String, Object> ortMs = new LinkedHashMap<>();
      Map<String, Object> vsOrt = new LinkedHashMap<>();
      for (int t : lengths) {
        if (t < 1 || t > config.maxPositionEmbeddings()) {
          throw new IllegalArgumentException("--lengths: " + t + " is outside 1.." + config.maxPositionEmbeddings());
        }
      }
      try (OnnxRuntimeBaseline ort = openOnnxRuntime(loaded, threads, doc)) {
        for (int t : lengths) {
          String key = String.valueOf(t);
          ForwardBench.Batch one = ForwardBench.Batch.random(config.vocabSize(), 1, t);
          List<ForwardBench.Pass> passes = new ArrayList<>(List.of(
              ForwardBench.ours(loaded.model(), one, ForwardOptions.INFERENCE),
              ForwardBench.ours(loaded.model(), one, ForwardOptions.TRACE)));
          if (ort != null) {
            passes.add(ForwardBench.onnxRuntime(ort, one));
          }
          double[] ms = ForwardBench.interleavedMedians(passes, 3, runs);
          plain.put(key, round(ms[0], 1));
          traced.put(key, round(ms[1], 1));
          gflop.put(key, round(ForwardBench.forwardFlops(config, t) / 1e9, 2));
          if (ort != null) {
            ortMs.put(key, round(ms[2], 1));
            vsOrt.put(key, round(ms[0] / ms[2], 2));
          }
        }
        doc.put("forward_ms", plain);
        doc.put("forward_with_trace_ms", traced);
        doc.put("forward_gflop", gflop);
        if (ort != null) {
          doc.put("onnxruntime_ms", ortMs);
          doc.put("vs_onnxruntime", vsOrt);
        }
        if (shape != null) {
          doc.put("throughput", throughput(loaded, ort, shape));
        }
      }
      try (NDManager m = engine.newBaseManager()) {
        double bertShape = MatmulBench.gflops(m, 128, 768, 3072, 15);
        double large = MatmulBench.gflops(m, 2048, 2048, 2048, 5);
        doc.put("matmul_gflops", Map.of("128x768x3072", round(bertShape, 1), "2048x2048x2048", round(large, 1)));
        double best = Math.max(bertShape, large);
        if (plain.containsKey("128")) {
          double arithmeticMs = ForwardBench.forwardFlops(config, 128) / best / 1e6;
          doc.put("forward_128_vs_arithmetic_at_best_matmul_rate",
              round((Double) plain.get("128") / arithmeticMs, 2));
          doc.put("trace_overhead_128", round((Double) traced.get("128") / (Double) plain.get("128") - 1, 3));
        }
      }
      if (lowPrecision) {
        doc.put("low_precision", lowPrecisionDoc());
      }
      if (leakPasses > 0) {
        List<ForwardBench.MemorySample> samples = ForwardBench.memoryOverPasses(loaded.model(), 128, leakPasses, 10);
        doc.put("leak_passes", leakPasses);
        doc.put("memory_samples", samples);
        long firstNative = samples.get(0).nativeMb();
        long lastNative = samples.get(samples.size() - 1).nativeMb();
        doc.put("native_mb_growth_after_first_sample", lastNative - firstNative);
        doc.put("rss_mb_growth_after_first_sample", samples.get(samples.size() - 1).rssMb() - samples.get(0).rssMb());
        // What malloc keeps in its free lists is not a leak: the window's MemoryRelease gives it back.
        String trim = MemoryRelease.trimNativeHeap();
        long rss = ProcessMemory.residentMb();
        long heap = Runtime.getRuntime().totalMemory() >> 20;
        Map<String, Object> trimmed = new LinkedHashMap<>();
        trimmed.put("rss_mb", rss);
        trimmed.put("native_mb", rss - heap);
        trimmed.put("native_mb_growth_after_first_sample", rss - heap - firstNative);
        trimmed.put("trim", trim);
        doc.put("after_malloc_trim", trimmed);
      }
      doc.put("peak_rss_mb", ProcessMemory.peakResidentMb());
    }
    return print(doc);
  }

  private int[] throughputShape() {
    if (throughput.equalsIgnoreCase("none")) {
      return null;
    }
    String[] parts = throughput.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      int[] shape = {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      if (parts.length == 2 && shape[0] >= 1 && shape[1] >= 1) {
        return shape;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // falls through to the message
    }
    throw new IllegalArgumentException("--throughput takes BxT, such as 32x128, or none; not " + throughput);
  }

  /** ONNX Runtime on the same weights, or null with the reason in {@code doc}. */
  private OnnxRuntimeBaseline openOnnxRuntime(LoadedBert loaded, int threads, Map<String, Object> doc) {
    if (noOnnxRuntime) {
      doc.put("onnxruntime", "not run: --no-onnxruntime");
      return null;
    }
    Path jar = onnxRuntimeJar;
    if (jar == null && !OnnxRuntimeBaseline.onClassPath()) {
      jar = OnnxRuntimeBaseline.inMavenRepository().orElse(null);
      if (jar == null) {
        doc.put("onnxruntime", "not run: onnxruntime-" + OnnxRuntimeBaseline.VERSION + ".jar is not in "
            + ModelCatalog.mavenRepository() + " (run mvn -B test once, or name the jar with --onnxruntime)");
        return null;
      }
    } else if (jar != null && !Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--onnxruntime " + jar + " is not a file");
    }
    try {
      OnnxRuntimeBaseline ort = OnnxRuntimeBaseline.forModel(loaded, jar, threads);
      doc.put("onnxruntime", Map.of("version", ort.version(), "intra_op_threads", threads,
          "optimization", "ALL_OPT", "spinning", "off", "model", "the benched weights, exported by export --format onnx"));
      return ort;
    } catch (IOException e) {
      doc.put("onnxruntime", "not run: " + e.getMessage());
      return null;
    }
  }

  /** Sentences per second of one batch, ours and ONNX Runtime's, interleaved. */
  private Map<String, Object> throughput(LoadedBert loaded, OnnxRuntimeBaseline ort, int[] shape) {
    BertConfig config = loaded.model().config();
    if (shape[1] > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("--throughput: " + shape[1] + " tokens is more than the model's "
          + config.maxPositionEmbeddings());
    }
    ForwardBench.Batch batch = ForwardBench.Batch.random(config.vocabSize(), shape[0], shape[1]);
    List<ForwardBench.Pass> passes = new ArrayList<>(List.of(
        ForwardBench.ours(loaded.model(), batch, ForwardOptions.INFERENCE)));
    if (ort != null) {
      passes.add(ForwardBench.onnxRuntime(ort, batch));
    }
    int timed = Math.max(1, Math.min(runs, 5));
    double[] ms = ForwardBench.interleavedMedians(passes, 1, timed);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("batch", shape[0]);
    out.put("tokens", shape[1]);
    out.put("runs", timed);
    out.put("ms", round(ms[0], 1));
    out.put("sentences_per_s", round(shape[0] * 1000.0 / ms[0], 2));
    if (ort != null) {
      out.put("onnxruntime_ms", round(ms[1], 1));
      out.put("onnxruntime_sentences_per_s", round(shape[0] * 1000.0 / ms[1], 2));
      out.put("vs_onnxruntime", round(ms[0] / ms[1], 2));
    }
    return out;
  }

  private Map<String, Object> lowPrecisionDoc() throws Exception {
    PrecisionBench.Result r = PrecisionBench.float16(CheckpointLoader.open(model), Device.cpu(), lengths[0],
        Math.max(1, Math.min(runs, 3)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("float16", precisionDoc(r, 1, "float32_traced_ms", "float16_traced_ms"));
    try {
      int[] shape = throughputShape();
      int rows = shape == null ? 1 : shape[0];
      int tokens = shape == null ? lengths[0] : shape[1];
      PrecisionBench.Result b = PrecisionBench.bfloat16(CheckpointLoader.open(model), Device.cpu(), tokens, rows,
          Math.max(1, Math.min(runs, 3)));
      Map<String, Object> bf = precisionDoc(b, rows, "float32_ms", "bfloat16_ms");
      bf.put("how", "the packed encoder's products in bfloat16, residuals, LayerNorm and softmax in float32");
      out.put("bfloat16", bf);
    } catch (BadInputException e) {
      out.put("bfloat16", "not measured: " + e.getMessage());
    }
    return out;
  }

  private static Map<String, Object> precisionDoc(PrecisionBench.Result r, int rows, String wideKey, String lowKey) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tokens", r.tokens());
    doc.put("batch", rows);
    doc.put("max_attention_diff", r.maxAttentionDiff());
    doc.put("max_hidden_diff", r.maxHiddenDiff());
    doc.put("max_hidden_abs", round(r.maxHiddenAbs(), 3));
    doc.put(wideKey, round(r.float32Ms(), 1));
    doc.put(lowKey, round(r.lowMs(), 1));
    doc.put("speedup", round(r.float32Ms() / r.lowMs(), 3));
    return doc;
  }

  private Map<String, Object> pretrainDoc() throws Exception {
    if (batchSizes != null && batchSizes.size() != presets.size()) {
      throw new IllegalArgumentException("--batch-sizes needs one size per preset (" + presets.size() + ")");
    }
    PythonBaseline baseline = noBaseline ? null : PythonBaseline.find(python).orElse(null);
    if (!noBaseline && baseline == null && python != null) {
      throw new IllegalArgumentException("--python " + python + " cannot import torch");
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (int i = 0; i < presets.size(); i++) {
      String preset = presets.get(i).trim();
      int batch = batchSizes != null ? batchSizes.get(i) : preset.equals("tiny") || preset.equals("mini") ? 32 : 8;
      results.add(PretrainComparison.measure(new PretrainComparison.Setup(preset, batch, length, vocabSize,
          rounds, runs), baseline));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("pretrain_step", results);
    doc.put("peak_rss_mb", ProcessMemory.peakResidentMb());
    return doc;
  }

  private int print(Map<String, Object> doc) {
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.of(doc));
    } else {
      doc.forEach((k, v) -> out.println(k + ": " + v));
    }
    return 0;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
