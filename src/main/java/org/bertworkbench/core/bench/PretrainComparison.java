package org.bertworkbench.core.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.pretrain.ModelShape;
import org.bertworkbench.core.tensor.Engines;

/**
 * Our pretraining step next to PyTorch's doing the same arithmetic, measured in one run: rounds
 * alternate between {@link PretrainBench} and {@link PythonBaseline} (same preset, batch, length,
 * vocabulary and thread count), so that both see the same load on a shared machine. Reports
 * medians and minimums of the step times, process CPU time and minor page faults per step, tokens
 * per second, and our time over PyTorch's.
 */
public final class PretrainComparison {

  /**
   * What to measure.
   *
   * @param preset tiny, mini, small or base
   * @param batchSize sequences per step
   * @param length tokens per sequence
   * @param vocabSize vocabulary (the MLM decoder's width)
   * @param rounds alternations of ours and PyTorch's
   * @param runs timed steps per round and side
   */
  public record Setup(String preset, int batchSize, int length, int vocabSize, int rounds, int runs) {
    public Setup {
      if (rounds < 1 || runs < 1) {
        throw new IllegalArgumentException("rounds and runs must be at least 1");
      }
    }
  }

  private PretrainComparison() {}

  /**
   * Measures one setup; {@code baseline} null means no Python with torch was found, and the result
   * says "baseline unavailable".
   */
  public static Map<String, Object> measure(Setup s, PythonBaseline baseline) throws IOException {
    int predictions = PretrainBench.predictionsAt(s.length());
    int threads = Engines.threads();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("preset", s.preset());
    doc.put("batch_size", s.batchSize());
    doc.put("length", s.length());
    doc.put("vocab_size", s.vocabSize());
    doc.put("predictions_per_sequence", predictions);
    doc.put("threads", threads);
    Side ours = new Side();
    Side theirs = new Side();
    List<Double> roundRatios = new ArrayList<>();
    try (PretrainBench bench = new PretrainBench(ModelShape.preset(s.preset()), s.vocabSize(), s.batchSize(),
        s.length(), predictions)) {
      doc.put("parameters", bench.parameters());
      long tokens = bench.tokensPerStep();
      for (int r = 0; r < s.rounds(); r++) {
        PretrainBench.Times mine = bench.time(r == 0 ? 3 : 1, s.runs());
        ours.add(mine.wallMs(), mine.cpuMs(), mine.faults());
        if (baseline != null) {
          JsonObject py = baseline.run(List.of("--preset", s.preset(), "--batch", "" + s.batchSize(),
              "--length", "" + s.length(), "--vocab", "" + s.vocabSize(), "--predictions", "" + predictions,
              "--threads", "" + threads, "--warmup", "2", "--runs", "" + s.runs()));
          checkSameModel(bench.parameters(), py);
          double[] wall = doubles(py.getAsJsonArray("step_ms_all"));
          theirs.add(wall, doubles(py.getAsJsonArray("cpu_ms_all")), longs(py.getAsJsonArray("minor_faults_all")));
          roundRatios.add(round(ForwardBench.median(mine.wallMs()) / ForwardBench.median(wall), 3));
        }
      }
      doc.put("workbench", ours.summary(tokens));
      if (baseline == null) {
        doc.put("pytorch", "baseline unavailable: no python3 with torch (Debian: apt-get install python3-torch)");
      } else {
        Map<String, Object> py = theirs.summary(tokens);
        py.put("torch", baseline.torchVersion());
        py.put("python", baseline.python());
        doc.put("pytorch", py);
        doc.put("ratio_median", round(median(ours.wall) / median(theirs.wall), 3));
        doc.put("ratio_min", round(min(ours.wall) / min(theirs.wall), 3));
        doc.put("ratio_cpu_median", round(median(ours.cpu) / median(theirs.cpu), 3));
        doc.put("ratio_per_round", roundRatios);
      }
    }
    return doc;
  }

  /** The step times of one side, over all rounds. */
  private static final class Side {
    final List<Double> wall = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
    final List<Double> faults = new ArrayList<>();

    void add(double[] wallMs, double[] cpuMs, long[] minorFaults) {
      Arrays.stream(wallMs).forEach(wall::add);
      Arrays.stream(cpuMs).forEach(cpu::add);
      Arrays.stream(minorFaults).forEach(f -> faults.add((double) f));
    }

    Map<String, Object> summary(long tokens) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step_ms_median", round(median(wall), 1));
      m.put("step_ms_min", round(min(wall), 1));
      m.put("cpu_ms_median", round(median(cpu), 1));
      m.put("minor_faults_median", Math.round(median(faults)));
      m.put("tokens_per_second", round(tokens / (median(wall) / 1000), 0));
      m.put("tokens_per_second_best", round(tokens / (min(wall) / 1000), 0));
      m.put("steps", wall.size());
      return m;
    }
  }

  private static void checkSameModel(long parameters, JsonObject py) {
    long theirs = py.get("parameters").getAsLong();
    if (theirs != parameters) {
      throw new IllegalStateException("the PyTorch model has " + theirs + " parameters, ours " + parameters
          + ": not the same arithmetic");
    }
  }

  private static double[] doubles(JsonArray a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).getAsDouble();
    }
    return d;
  }

  private static long[] longs(JsonArray a) {
    long[] l = new long[a.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = a.get(i).getAsLong();
    }
    return l;
  }

  private static double median(List<Double> values) {
    return ForwardBench.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
