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
import org.bertworkbench.core.job.Progress;
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
  SentenceOptions options;

  @Option(names = "--json", description = "print one JSON object per input")
  boolean json;

  @Option(names = "--progress", description = "show progress on standard error (shown anyway in a terminal)")
  boolean progress;

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
    List<SentenceFile.Line> lines = source.input != null ? SentenceFile.read(source.input)
        : List.of(SentenceOptions.textLine("--text", source.text));
    try (SentenceOptions.Opened opened = options.open()) {
      SentencePooling used = opened.pooling();
      long start = System.nanoTime();
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Progress shown = CliProgress.of(progress, err, "embed", lines.size(), "sentences");
      List<SentenceEmbedding.Embedded> vectors =
          opened.embed(lines.stream().map(SentenceFile.Line::text).toList(), shown);
      CliProgress.finish(shown);
      double seconds = (System.nanoTime() - start) / 1e9;
      SentenceOptions.noteTruncations(err, lines, vectors, opened.limit());
      for (int i = 0; i < vectors.size(); i++) {
        print(out, lines.get(i).number(), vectors.get(i), used);
      }
      if (!json) {
        err.printf(Locale.ROOT, "embedded %d sentences in %.2f s (%.1f sentences/s), pooling %s from %s%s%n",
            vectors.size(), seconds, vectors.size() / Math.max(seconds, 1e-9), used.mode().cliName(), used.source(),
            used.normalize() ? ", L2-normalised" : "");
      }
    }
    return 0;
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
