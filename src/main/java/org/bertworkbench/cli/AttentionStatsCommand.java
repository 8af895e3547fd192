package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.List;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Clark et al.'s head statistics, pooled over every token of every input. */
@Command(name = "attention-stats", mixinStandardHelpOptions = true,
    description = {"Per layer and head: the entropy of attention and the share of attention to [CLS], [SEP],"
        + " punctuation, the token itself, the previous and the next token (Clark et al. 2019),"
        + " averaged over every token of every input.",
        "With --json: one object {\"layers\", \"heads\", \"stats\": {...}}, each statistic a [layers][heads] array."})
final class AttentionStatsCommand extends TextModelCommand {

  @Option(names = "--batch-size", defaultValue = "" + HeadStatistics.DEFAULT_BATCH,
      description = "inputs per forward pass, shortest first; results do not depend on it (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--progress", description = "show progress on standard error (shown anyway in a terminal)")
  boolean progress;

  @Override
  void validate() {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
  }

  @Override
  ForwardOptions base() {
    return ForwardOptions.INFERENCE;
  }

  @Override
  void run(LoadedBert loaded, List<InputOptions.TextInput> inputs, List<Encoding> encodings,
      ForwardOptions forward, PrintWriter out) {
    Progress shown = CliProgress.of(progress, spec.commandLine().getErr(), "attention-stats", encodings.size(),
        "sentences");
    HeadStatistics stats = HeadStatistics.compute(loaded.model(), encodings, forward, batchSize, shown);
    CliProgress.finish(shown);
    if (options.json) {
      out.println(Json.of(stats.document()));
    } else {
      out.printf("%d inputs, %d tokens%n", stats.inputs(), stats.tokens());
      stats.tableLines().forEach(out::println);
    }
  }
}
