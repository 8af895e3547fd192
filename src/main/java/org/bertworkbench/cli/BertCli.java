package org.bertworkbench.cli;

import java.io.PrintWriter;
import org.bertworkbench.core.job.UserMessages;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless front door: the same jobs as the window, JSON on request, one-line errors. */
@Command(name = "bert-workbench",
    mixinStandardHelpOptions = true,
    version = "BERT Workbench 0.1.0",
    description = "Open a real BERT model and watch it work. With no command the window opens.",
    subcommands = {ModelsCommand.class, TokenizeCommand.class, FillMaskCommand.class, LogitLensCommand.class,
        EmbedCommand.class, SearchCommand.class, SimilarityCommand.class, InspectCommand.class,
        NextSentenceCommand.class, AttentionStatsCommand.class, PretrainCommand.class, FinetuneCommand.class,
        EvaluateCommand.class, PredictCommand.class, AttributeCommand.class, LessonsCommand.class, ProbeCommand.class,
        BenchCommand.class, ExportCommand.class})
public final class BertCli {

  /** Runs the command line and returns the process exit code; never lets a stack trace through. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new BertCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + UserMessages.of(e));
      commandLine.getErr().flush();
      return 1;
    });
    cli.setParameterExceptionHandler((e, args2) -> {
      CommandLine c = e.getCommandLine();
      c.getErr().println("error: " + e.getMessage() + " (try: " + c.getCommandSpec().qualifiedName() + " --help)");
      c.getErr().flush();
      return 2;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Entry point for the launcher. */
  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }
}
