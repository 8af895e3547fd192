package org.bertworkbench.core.analysis;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (issue 16): sentences per second of {@code attention-stats} (BERT-Base, or
 * the model of {@code -Dbench.stats.model}) and of {@code embed} (all-MiniLM-L6-v2) at batch 1 and
 * batched ({@value #BATCH}, length-sorted), on the 10,000-line file of {@link EmbedThroughputBench}
 * (4 to 30 words a line, fixed seed), written here. Both batch sizes run in the same run, so compare
 * the ratios. Printed, never asserted. Run on an idle machine:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=BatchedCorpusJobsBench}
 */
@Tag("bench")
class BatchedCorpusJobsBench {

  static final int BATCH = 32;

  @TempDir
  Path dir;

  List<String> sentences() throws Exception {
    Random random = new Random(14);
    List<String> lines = new ArrayList<>(EmbedThroughputBench.LINES);
    String[] words = EmbedThroughputBench.WORDS;
    for (int i = 0; i < EmbedThroughputBench.LINES; i++) {
      int n = 4 + random.nextInt(27);
      StringBuilder s = new StringBuilder();
      for (int w = 0; w < n; w++) {
        s.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      }
      lines.add(s.append('.').toString());
    }
    Path file = dir.resolve("sentences.txt");
    Files.write(file, lines);
    return SentenceFile.read(file).stream().map(SentenceFile.Line::text).toList();
  }

  @Test
  void attentionStatsAndEmbedAtBatchOneAndBatched() throws Exception {
    List<String> texts = sentences();
    int cores = Runtime.getRuntime().availableProcessors();
    String statsModel = System.getProperty("bench.stats.model", "bert-base-uncased");
    try (LoadedBert bert = LoadedBert.open(statsModel, Device.cpu(), Progress.NONE)) {
      List<Encoding> inputs = new ArrayList<>();
      for (String t : texts) {
        inputs.add(bert.encode(t, null, 128));
      }
      HeadStatistics.compute(bert.model(), inputs.subList(0, 128), ForwardOptions.INFERENCE, BATCH,
          Progress.NONE); // warm-up
      double one = seconds(() -> HeadStatistics.compute(bert.model(), inputs, ForwardOptions.INFERENCE, 1,
          Progress.NONE));
      double batched = seconds(() -> HeadStatistics.compute(bert.model(), inputs, ForwardOptions.INFERENCE, BATCH,
          Progress.NONE));
      print("attention-stats", statsModel, texts.size(), cores, one, batched);
    }
    try (LoadedBert bert = LoadedBert.open("all-minilm-l6-v2", Device.cpu(), Progress.NONE)) {
      SentencePooling pooling = SentencePooling.of(bert);
      int limit = pooling.limit(bert);
      SentenceEmbedding.embed(bert, texts.subList(0, 256), pooling, limit, BATCH, ForwardOptions.INFERENCE,
          Progress.NONE); // warm-up
      double one = seconds(() -> SentenceEmbedding.embed(bert, texts, pooling, limit, 1, ForwardOptions.INFERENCE,
          Progress.NONE));
      double batched = seconds(() -> SentenceEmbedding.embed(bert, texts, pooling, limit, BATCH,
          ForwardOptions.INFERENCE, Progress.NONE));
      print("embed", "all-minilm-l6-v2", texts.size(), cores, one, batched);
    }
  }

  static double seconds(Runnable job) {
    long start = System.nanoTime();
    job.run();
    return (System.nanoTime() - start) / 1e9;
  }

  static void print(String job, String model, int lines, int cores, double one, double batched) {
    System.out.printf("%s, %,d lines, %s, %d cores: batch 1 %.0f sentences/s (%.1f s), batch %d %.0f sentences/s"
        + " (%.1f s); batched / batch 1 = %.2f%n", job, lines, model, cores, lines / one, one, BATCH,
        lines / batched, batched, one / batched);
  }
}
