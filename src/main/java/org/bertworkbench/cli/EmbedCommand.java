package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Sentence embeddings, pooled as the model says (or as --pooling says). */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Print the sentence embedding of each input: the last hidden states pooled as the model says "
        + "(sentence-transformers' modules.json in its folder, or what is known of all-minilm-l6-v2 and "
        + "bge-small-zh-v1.5; else the mean over the tokens), L2-normalised when the model says so.")
final class EmbedCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

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

  @Option(names = "--json", description = "print one JSON object per input")
  boolean json;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--text", description = "one sentence")
    String text;

    @Option(names = "--input", paramLabel = "FILE",
        description = "one sentence per line (UTF-8; blank lines are skipped, a TAB is a space)")
    Path input;
  }

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    SentencePooling.Mode override = pooling == null ? null : SentencePooling.Mode.parse(pooling);
    List<SentenceFile.Line> lines = lines();
    try (LoadedBert loaded = LoadedBert.open(model, DeviceSelection.device(device), Progress.NONE)) {
      SentencePooling said = SentencePooling.of(loaded);
      SentencePooling used = override == null ? said : said.withMode(override);
      int limit = limit(loaded, used);
      ForwardOptions forward = ForwardOptions.INFERENCE.withHeadMask(modelOptions.headMask(loaded));
      long start = System.nanoTime();
      List<SentenceEmbedding.Embedded> vectors = SentenceEmbedding.embed(loaded,
          lines.stream().map(SentenceFile.Line::text).toList(), used, limit, batchSize, forward, Progress.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (int i = 0; i < vectors.size(); i++) {
        SentenceEmbedding.Embedded e = vectors.get(i);
        int number = lines.get(i).number();
        if (e.truncated()) {
          err.println("note: " + SentenceEmbedding.truncationNotice(number, limit, e).english());
        }
        print(out, number, e, used);
      }
      if (!json) {
        err.printf(Locale.ROOT, "embedded %d sentences in %.2f s (%.1f sentences/s), pooling %s from %s%s%n",
            vectors.size(), seconds, vectors.size() / Math.max(seconds, 1e-9), used.mode().cliName(), used.source(),
            used.normalize() ? ", L2-normalised" : "");
      }
    }
    return 0;
  }

  /** The sentences with their line numbers; --text is line 1. */
  private List<SentenceFile.Line> lines() {
    if (source.input != null) {
      return SentenceFile.read(source.input);
    }
    if (source.text.isBlank()) {
      throw new IllegalArgumentException("--text: the sentence is empty");
    }
    return List.of(new SentenceFile.Line(1, source.text));
  }

  /** --max-length if given (never past the position limit), else the pooling's limit for this model. */
  private int limit(LoadedBert loaded, SentencePooling used) {
    if (maxLength == null) {
      return used.limit(loaded);
    }
    int positions = loaded.model().config().maxPositionEmbeddings();
    if (maxLength < 3 || maxLength > positions) {
      throw new BadInputException(Message.of(SentencePooling.class, "SentencePooling.maxLengthOption", maxLength,
          positions));
    }
    return maxLength;
  }

  private void print(PrintWriter out, int number, SentenceEmbedding.Embedded e, SentencePooling used) {
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      if (source.input != null) {
        doc.put("line", number);
      }
      doc.put("tokens", e.tokens());
      doc.put("embedding", e.vector());
      doc.put("pooling", used.mode().cliName());
      doc.put("pooling_from", used.source());
      doc.put("unit_length", used.normalize());
      doc.put("truncated", e.truncated());
      if (e.truncated()) {
        doc.put("removed_pieces", e.removedPieces());
      }
      out.println(Json.of(doc));
      return;
    }
    List<String> head = new ArrayList<>();
    for (int d = 0; d < Math.min(8, e.vector().length); d++) {
      head.add(String.format(Locale.ROOT, "%.5f", e.vector()[d]));
    }
    out.printf("%s%d tokens, %d values: %s%s%n", source.input != null ? "line " + number + ": " : "",
        e.tokens().size(), e.vector().length, String.join(" ", head), e.vector().length > 8 ? " ..." : "");
  }
}
