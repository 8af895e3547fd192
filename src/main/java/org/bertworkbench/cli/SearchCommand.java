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
import org.bertworkbench.core.analysis.SentenceSimilarity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Semantic search: the sentences of a file ranked by the cosine of their embeddings with a query's. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Rank the sentences of a file by how close their sentence embeddings lie to the query's "
        + "(cosine similarity, pooled as embed pools) and print the top k, the closest first.")
final class SearchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  SentenceOptions options;

  @Option(names = "--query", required = true, description = "the sentence to search for")
  String query;

  @Option(names = "--input", paramLabel = "FILE", required = true,
      description = "the sentences to search, one per line (UTF-8; blank lines are skipped)")
  Path input;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "10",
      description = "how many results, at most the file's sentences (default: ${DEFAULT-VALUE})")
  int topK;

  @Option(names = "--json", description = "print one JSON object: the query and its results")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SentenceSimilarity.checkTopK(topK);
    SentenceFile.Line asked = SentenceOptions.textLine("--query", query);
    List<SentenceFile.Line> lines = SentenceFile.read(input);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (SentenceOptions.Opened opened = options.open()) {
      List<SentenceEmbedding.Embedded> q = opened.embed(List.of(asked.text()));
      if (q.get(0).truncated()) {
        err.println("note: the query: " + SentenceEmbedding.truncationNotice(1, opened.limit(), q.get(0)).english());
      }
      List<SentenceEmbedding.Embedded> vectors = opened.embed(lines.stream().map(SentenceFile.Line::text).toList());
      SentenceOptions.noteTruncations(err, lines, vectors, opened.limit());
      List<SentenceSimilarity.Hit> hits = SentenceSimilarity.search(q.get(0).vector(),
          vectors.stream().map(SentenceEmbedding.Embedded::vector).toList(), topK);
      if (json) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (SentenceSimilarity.Hit h : hits) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("line", lines.get(h.index()).number());
          r.put("text", lines.get(h.index()).text());
          r.put("score", h.score());
          results.add(r);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("query", query);
        doc.put("results", results);
        doc.put("searched", lines.size());
        doc.put("pooling", opened.pooling().mode().cliName());
        doc.put("pooling_from", opened.pooling().source());
        out.println(Json.of(doc));
      } else {
        for (SentenceSimilarity.Hit h : hits) {
          SentenceFile.Line line = lines.get(h.index());
          out.printf(Locale.ROOT, "%.4f  line %d: %s%n", h.score(), line.number(), line.text());
        }
        err.printf(Locale.ROOT, "searched %d sentences, pooling %s from %s%n", lines.size(),
            opened.pooling().mode().cliName(), opened.pooling().source());
      }
    }
    return 0;
  }
}
