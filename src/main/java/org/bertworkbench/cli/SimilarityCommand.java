package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.analysis.LayerSimilarity;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.analysis.SentenceSimilarity;
import org.bertworkbench.core.job.Message;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Cosine similarities of sentence embeddings: a file's matrix, or one pair, layer by layer on request. */
@Command(name = "similarity", mixinStandardHelpOptions = true,
    description = "Print the cosine similarity of sentence embeddings (pooled as embed pools): the matrix of "
        + "every pair of a file's sentences, or of two sentences; with --layers, the two sentences' pooled "
        + "vectors compared after every layer (layer 0 is the embeddings' output).")
final class SimilarityCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  SentenceOptions options;

  @Option(names = "--layers",
      description = "with --text and --text-b: the cosine of the two pooled vectors after every layer")
  boolean layers;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--input", paramLabel = "FILE",
        description = "sentences, one per line (UTF-8; blank lines are skipped); at most "
            + SentenceSimilarity.MAX_MATRIX)
    Path input;

    @ArgGroup(exclusive = false)
    Pair pair;
  }

  static final class Pair {
    @Option(names = "--text", required = true, description = "sentence A")
    String a;

    @Option(names = "--text-b", required = true, description = "sentence B")
    String b;
  }

  @Override
  public Integer call() throws Exception {
    if (source.input != null) {
      if (layers) {
        throw new IllegalArgumentException("--layers compares two sentences: give --text and --text-b, not --input");
      }
      return matrix(SentenceFile.read(source.input));
    }
    List<SentenceFile.Line> pair = List.of(SentenceOptions.textLine("--text", source.pair.a),
        SentenceOptions.textLine("--text-b", source.pair.b));
    return layers ? layers(pair) : matrix(pair);
  }

  /** The matrix of {@code lines} (a pair prints as a 2 x 2 matrix with its one cosine). */
  private int matrix(List<SentenceFile.Line> lines) throws Exception {
    SentenceSimilarity.checkMatrixSize(lines.size());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (SentenceOptions.Opened opened = options.open()) {
      List<SentenceEmbedding.Embedded> vectors = opened.embed(lines.stream().map(SentenceFile.Line::text).toList());
      SentenceOptions.noteTruncations(err, lines, vectors, opened.limit());
      double[][] m = SentenceSimilarity.matrix(vectors.stream().map(SentenceEmbedding.Embedded::vector).toList());
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (source.input != null) {
          doc.put("lines", lines.stream().map(SentenceFile.Line::number).toList());
          doc.put("sentences", lines.stream().map(SentenceFile.Line::text).toList());
          doc.put("matrix", m);
        } else {
          doc.put("a", source.pair.a);
          doc.put("b", source.pair.b);
          doc.put("cosine", m[0][1]);
        }
        putPooling(doc, opened.pooling());
        out.println(Json.of(doc));
      } else if (source.input == null) {
        out.printf(Locale.ROOT, "cosine %.4f%n", m[0][1]);
      } else {
        printMatrix(out, lines, m);
      }
    }
    return 0;
  }

  /** The pair's cosine at every layer. */
  private int layers(List<SentenceFile.Line> pair) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (SentenceOptions.Opened opened = options.open()) {
      LayerSimilarity s = LayerSimilarity.of(opened.loaded(), pair.get(0).text(), pair.get(1).text(),
          opened.pooling(), opened.limit(), opened.forward());
      int[] removed = {s.removedA(), s.removedB()};
      for (int i = 0; i < 2; i++) {
        if (removed[i] > 0) {
          err.println("note: " + Message.of(SentenceEmbedding.class, "SentenceEmbedding.truncated", i + 1,
              opened.limit(), removed[i]).english());
        }
      }
      double last = s.cosines()[s.points() - 1];
      if (json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int l = 0; l < s.points(); l++) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("layer", l);
          row.put("cosine", s.cosines()[l]);
          rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", pair.get(0).text());
        doc.put("b", pair.get(1).text());
        doc.put("tokens_a", s.tokensA());
        doc.put("tokens_b", s.tokensB());
        doc.put("cosine", last);
        doc.put("layers", rows);
        putPooling(doc, opened.pooling());
        out.println(Json.of(doc));
      } else {
        for (int l = 0; l < s.points(); l++) {
          out.printf(Locale.ROOT, "layer %2d%s  %.4f%n", l, l == 0 ? " (embeddings)" : "", s.cosines()[l]);
        }
        out.printf(Locale.ROOT, "cosine %.4f%n", last);
      }
    }
    return 0;
  }

  private static void putPooling(Map<String, Object> doc, SentencePooling p) {
    doc.put("pooling", p.mode().cliName());
    doc.put("pooling_from", p.source());
    doc.put("unit_length", p.normalize());
  }

  /** Each row: its line number, then the cosines with every sentence, 3 decimals. */
  private static void printMatrix(PrintWriter out, List<SentenceFile.Line> lines, double[][] m) {
    StringBuilder head = new StringBuilder("line  ");
    for (SentenceFile.Line l : lines) {
      head.append(String.format(Locale.ROOT, " %6d", l.number()));
    }
    out.println(head);
    for (int i = 0; i < m.length; i++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6d", lines.get(i).number()));
      for (double v : m[i]) {
        row.append(String.format(Locale.ROOT, " %6.3f", v));
      }
      out.println(row);
    }
  }
}
