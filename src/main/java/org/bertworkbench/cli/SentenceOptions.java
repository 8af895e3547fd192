package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.List;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the sentence-embedding commands (embed, search, similarity): model, pooling, limits. */
final class SentenceOptions {

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--model", defaultValue = "all-minilm-l6-v2",
      description = "a known model name or a model folder (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--pooling", paramLabel = "MODE",
      description = "mean, cls or max instead of the model's own pooling (its normalisation stays)")
  String pooling;

  @Option(names = "--max-length", paramLabel = "N",
      description = "longest input in word pieces, [CLS] and [SEP] included (default: the model's "
          + "max_seq_length, else its position limit)")
  Integer maxLength;

  @Option(names = "--batch-size", defaultValue = "" + SentenceEmbedding.DEFAULT_BATCH,
      description = "sentences per forward pass; results do not depend on it (default: ${DEFAULT-VALUE})")
  int batchSize;

  /**
   * An open model with the pooling, limit and forward options these options choose.
   *
   * @param loaded the model
   * @param pooling the pooling used (the model's, or --pooling's mode with the model's normalisation)
   * @param limit the longest input in word pieces
   * @param forward the forward options (the head mask of --mask-heads)
   * @param batchSize sentences per forward pass
   */
  record Opened(LoadedBert loaded, SentencePooling pooling, int limit, ForwardOptions forward, int batchSize)
      implements AutoCloseable {

    /** The embeddings of {@code texts}, in batches of --batch-size. */
    List<SentenceEmbedding.Embedded> embed(List<String> texts) {
      return embed(texts, Progress.NONE);
    }

    /** As {@link #embed(List)}, reporting after each batch. */
    List<SentenceEmbedding.Embedded> embed(List<String> texts, Progress progress) {
      return SentenceEmbedding.embed(loaded, texts, pooling, limit, batchSize, forward, progress);
    }

    @Override
    public void close() {
      loaded.close();
    }
  }

  /** Checks the options that need no model, then opens it. */
  Opened open() throws Exception {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    SentencePooling.Mode override = pooling == null ? null : SentencePooling.Mode.parse(pooling);
    LoadedBert loaded = LoadedBert.open(model, DeviceSelection.device(device), Progress.NONE);
    try {
      modelOptions.applyPrecision(loaded.model().bert());
      SentencePooling said = SentencePooling.of(loaded);
      SentencePooling used = override == null ? said : said.withMode(override);
      ForwardOptions forward = ForwardOptions.INFERENCE.withHeadMask(modelOptions.headMask(loaded));
      return new Opened(loaded, used, used.limit(loaded, maxLength), forward, batchSize);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }


  /** A note on {@code err} for each sentence cut to the limit, naming its line. */
  static void noteTruncations(PrintWriter err, List<SentenceFile.Line> lines, List<SentenceEmbedding.Embedded> vectors,
      int limit) {
    for (int i = 0; i < vectors.size(); i++) {
      if (vectors.get(i).truncated()) {
        err.println("note: " + SentenceEmbedding.truncationNotice(lines.get(i).number(), limit, vectors.get(i))
            .english());
      }
    }
  }

  /** The sentence of --text (or --query) as line 1, refused when blank. */
  static SentenceFile.Line textLine(String option, String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(option + ": the sentence is empty");
    }
    return new SentenceFile.Line(1, text);
  }
}
