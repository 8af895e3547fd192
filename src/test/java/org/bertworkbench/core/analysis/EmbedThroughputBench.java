package org.bertworkbench.core.analysis;

import ai.djl.Device;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (issue 14): {@code embed}'s sentences per second on a 10,000-line file with
 * all-MiniLM-L6-v2, next to langchain4j's own {@code AllMiniLmL6V2EmbeddingModel} (ONNX Runtime) on
 * the same sentences in the same run. The file is written here: sentences of 4 to 30 words drawn
 * from a fixed word list with a fixed seed, so every run embeds the same text. Printed, never
 * asserted; compare only the ratio of one run. Run on an idle machine:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=EmbedThroughputBench}
 */
@Tag("bench")
class EmbedThroughputBench {

  static final int LINES = 10_000;

  static final String[] WORDS = ("the a man woman child dog cat city river mountain music food bread market "
      + "train station morning evening quickly slowly happy tired old new red blue green reads writes eats "
      + "walks runs sings plays builds opens closes near under over after before because while and but with "
      + "from into school garden kitchen window letter story question answer computer language model").split(" ");

  @TempDir
  Path dir;

  @Test
  void embedSentencesPerSecondNextToLangchain4j() throws Exception {
    Random random = new Random(14);
    List<String> lines = new ArrayList<>(LINES);
    for (int i = 0; i < LINES; i++) {
      int n = 4 + random.nextInt(27);
      StringBuilder s = new StringBuilder();
      for (int w = 0; w < n; w++) {
        s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
      }
      lines.add(s.append('.').toString());
    }
    Path file = dir.resolve("sentences.txt");
    Files.write(file, lines);

    try (LoadedBert bert = LoadedBert.open("all-minilm-l6-v2", Device.cpu(), Progress.NONE)) {
      SentencePooling pooling = SentencePooling.of(bert);
      int limit = pooling.limit(bert);
      List<String> texts = SentenceFile.read(file).stream().map(SentenceFile.Line::text).toList();
      SentenceEmbedding.embed(bert, texts.subList(0, 256), pooling, limit, SentenceEmbedding.DEFAULT_BATCH,
          ForwardOptions.INFERENCE, Progress.NONE); // warm-up
      long start = System.nanoTime();
      List<SentenceEmbedding.Embedded> ours = SentenceEmbedding.embed(bert, texts, pooling, limit,
          SentenceEmbedding.DEFAULT_BATCH, ForwardOptions.INFERENCE, Progress.NONE);
      double oursSeconds = (System.nanoTime() - start) / 1e9;

      AllMiniLmL6V2EmbeddingModel theirs = new AllMiniLmL6V2EmbeddingModel();
      List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
      theirs.embedAll(segments.subList(0, 256)); // warm-up
      start = System.nanoTime();
      var theirVectors = theirs.embedAll(segments).content();
      double theirSeconds = (System.nanoTime() - start) / 1e9;

      double worst = 1;
      for (int i = 0; i < texts.size(); i += 97) {
        worst = Math.min(worst, SentenceEmbedding.cosine(ours.get(i).vector(), theirVectors.get(i).vector()));
      }
      System.out.printf("embed, %,d lines, all-MiniLM-L6-v2, batch %d, %d cores: ours %.0f sentences/s (%.1f s), "
          + "langchain4j %.0f sentences/s (%.1f s); ours / langchain4j = %.2f; lowest cosine of 104 sampled %.6f%n",
          texts.size(), SentenceEmbedding.DEFAULT_BATCH, Runtime.getRuntime().availableProcessors(),
          texts.size() / oursSeconds, oursSeconds, texts.size() / theirSeconds, theirSeconds,
          theirSeconds / oursSeconds, worst);
    }
  }
}
