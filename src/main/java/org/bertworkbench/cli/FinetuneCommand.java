package org.bertworkbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bertworkbench.core.finetune.BadDataException;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.finetune.DataColumns;
import org.bertworkbench.core.finetune.DevEvaluation;
import org.bertworkbench.core.finetune.FinetuneListener;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.Finetuner;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.finetune.TrainStepMetrics;
import org.bertworkbench.core.train.TrainingControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Fine-tunes a model on a task; a thin layer over {@link Finetuner}, building the same {@link FinetuneSpec} as the wizard. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
    description = {"Fine-tune BERT on your data: classify, pair, qa or tag (the paper's four task families).",
        "TSV/CSV with a header or JSON Lines (classify, pair), SQuAD v1.1 JSON (qa), CoNLL (tag).",
        "The run directory keeps spec.json, metrics.jsonl, checkpoints/ and the model in model/."})
final class FinetuneCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--task", paramLabel = "T", description = "classify, pair, qa or tag")
  String task;

  @Option(names = "--train", paramLabel = "FILE", description = "the training file")
  Path train;

  @Option(names = "--dev", paramLabel = "FILE", description = "the dev file (default: hold out --dev-fraction of --train)")
  Path dev;

  @Option(names = "--dev-fraction", paramLabel = "F", description = "share of --train held out as dev set without --dev (default 0.1)")
  Double devFraction;

  @Option(names = "--model", paramLabel = "M", description = "base model: a known name or a folder")
  String model;

  @Option(names = "--out", paramLabel = "RUN_DIR", description = "the run directory")
  Path out;

  @Option(names = "--text-column", paramLabel = "C", description = "text column (default sentence, or sentence1 for pair)")
  String textColumn;

  @Option(names = "--text-b-column", paramLabel = "C", description = "second text column of a pair (default sentence2)")
  String textBColumn;

  @Option(names = "--label-column", paramLabel = "C", description = "label column (default label)")
  String labelColumn;

  @Option(names = "--feature-columns", paramLabel = "C,...", split = ",", description = "numeric feature columns")
  List<String> featureColumns;

  @Option(names = "--feature-mode", paramLabel = "MODE",
      description = "text_template (written into the text) or cls_concat (appended to [CLS]; default with features)")
  String featureMode;

  @Option(names = "--feature-template", paramLabel = "TEXT", description = "e.g. \"customers {customers} hours {hours_open}\"")
  String featureTemplate;

  @Option(names = "--epochs", paramLabel = "N", description = "default 3 (the paper: 2-4)")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "B", description = "default 32 (the paper: 16 or 32)")
  Integer batchSize;

  @Option(names = "--learning-rate", paramLabel = "LR", description = "default 5e-5 (the paper: 5e-5, 3e-5, 2e-5)")
  Double learningRate;

  @Option(names = "--warmup", paramLabel = "F", description = "share of steps warming up (default 0.1)")
  Double warmup;

  @Option(names = "--weight-decay", paramLabel = "W", description = "default 0.01")
  Double weightDecay;

  @Option(names = "--max-length", paramLabel = "L", description = "word pieces per input (default 128)")
  Integer maxLength;

  @Option(names = "--seed", paramLabel = "S", description = "default 42")
  Long seed;

  @Option(names = "--frozen-layers", paramLabel = "K", description = "freeze the embeddings and the first K layers")
  Integer frozenLayers;

  @Option(names = "--device", paramLabel = "D", description = "cpu, gpu0, gpu1, ..., or all (default cpu)")
  String device;

  @Option(names = "--precision", paramLabel = "P",
      description = "auto (default: float16 mixed precision on GPUs of compute capability >= 7.0, float32 elsewhere), "
          + "float32 or float16")
  String precision;

  @Option(names = "--skip-bad-rows", description = "train without the rows the data report lists")
  Boolean skipBadRows;

  @Option(names = "--eval-every", paramLabel = "N", description = "evaluate every N steps (default: each epoch)")
  Long evalEvery;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "checkpoint every N steps (default: each epoch)")
  Long checkpointEvery;

  @Option(names = "--spec", paramLabel = "FILE", description = "a run specification file (spec.json); options given here override it")
  Path specFile;

  @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
  boolean resume;

  @Option(names = "--log-every", defaultValue = "1", description = "print every N steps (default: ${DEFAULT-VALUE})")
  long logEvery;

  @Option(names = "--json", description = "one JSON object per logged step and per evaluation on standard output")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (logEvery < 1) {
      throw new IllegalArgumentException("--log-every must be at least 1, got " + logEvery);
    }
    FinetuneSpec s = spec();
    PrintWriter stdout = spec.commandLine().getOut();
    FinetuneListener listener = new FinetuneListener() {
      @Override
      public void step(TrainStepMetrics t) {
        if (t.step() % logEvery == 0 || t.step() == t.totalSteps()) {
          stdout.println(json ? t.toJson().toString() : String.format(
              "step %d/%d  epoch %.2f  loss %.4f  acc %.3f  lr %.3g  %.1f ex/s  eta %.0f s", t.step(), t.totalSteps(),
              t.epoch(), t.loss(), t.accuracy(), t.learningRate(), t.examplesPerSecond(), t.etaSeconds()));
          stdout.flush();
        }
      }

      @Override
      public void evaluation(DevEvaluation e) {
        stdout.println(json ? e.toJson().toString() : "dev after step " + e.step() + ": " + e.metrics());
        stdout.flush();
      }

      @Override
      public void message(String text) {
        if (!json) {
          stdout.println(text);
          stdout.flush();
        }
      }
    };
    Finetuner.Result result;
    try {
      result = Finetuner.run(s, resume, listener, new TrainingControl());
    } catch (BadDataException e) {
      printReport(stdout, e);
      throw e;
    }
    if (json) {
      JsonObject done = new JsonObject();
      done.addProperty("done", !result.stopped());
      done.addProperty("run", result.dir().toString());
      done.addProperty("steps", result.lastStep());
      if (result.model() != null) {
        done.addProperty("model", result.model().toString());
      }
      if (result.lastEvaluation() != null) {
        done.add("dev", result.lastEvaluation().toJson());
      }
      stdout.println(done);
    } else {
      stdout.println("trained steps " + result.firstStep() + "-" + result.lastStep() + " of " + result.totalSteps()
          + (result.stopped() ? " (stopped)" : "") + "; model in " + result.model());
    }
    return 0;
  }

  /** The whole bad-row report on standard output; the error line names the count and the first rows. */
  private void printReport(PrintWriter stdout, BadDataException e) {
    if (json) {
      JsonObject o = new JsonObject();
      o.addProperty("file", e.file());
      JsonArray rows = new JsonArray();
      e.badRows().forEach(b -> {
        JsonObject r = new JsonObject();
        r.addProperty("line", b.line());
        r.addProperty("problem", b.problem());
        rows.add(r);
      });
      o.add("bad_rows", rows);
      stdout.println(o);
    } else {
      stdout.println(e.file() + ": " + e.badRows().size() + " bad rows");
      e.badRows().forEach(b -> stdout.println("  " + b));
    }
    stdout.flush();
  }

  /** The spec: --spec's file (or defaults) with every option given on the command line on top. */
  FinetuneSpec spec() throws Exception {
    if (resume) {
      if (out == null) {
        throw new IllegalArgumentException("--resume needs --out RUN_DIR");
      }
      // The run's own spec.json decides everything; only the directory is needed.
      return FinetuneSpec.defaults(TaskKind.CLASSIFY, "-", "-", out.toString());
    }
    FinetuneSpec s;
    if (specFile != null) {
      s = FinetuneSpec.load(specFile);
      if (task != null && TaskKind.parse(task) != s.task()) {
        throw new IllegalArgumentException("--task " + task + " contradicts the spec file's task " + s.task().cliName());
      }
    } else {
      require(task, "--task (classify, pair, qa or tag)");
      require(train, "--train FILE");
      require(model, "--model (a known name or a folder)");
      require(out, "--out RUN_DIR");
      s = FinetuneSpec.defaults(TaskKind.parse(task), train.toString(), model, out.toString());
    }
    return overrides(s);
  }

  private FinetuneSpec overrides(FinetuneSpec s) {
    FinetuneSpec r = new FinetuneSpec(s.task(), train != null ? train.toString() : s.train(),
        dev != null ? dev.toString() : s.dev(), devFraction != null ? devFraction : s.devFraction(), columns(s),
        model != null ? model : s.model(), out != null ? out.toString() : s.out(), s.epochs(), s.batchSize(),
        s.learningRate(), s.warmupFraction(), s.weightDecay(), s.maxLength(), s.seed(), s.frozenLayers(), s.device(),
        precision != null ? precision : s.precision(), s.skipBadRows(), s.evalEvery(), s.checkpointEvery());
    r = r.withHyperparameters(epochs != null ? epochs : r.epochs(), batchSize != null ? batchSize : r.batchSize(),
        learningRate != null ? learningRate : r.learningRate());
    r = r.withTraining(warmup != null ? warmup : r.warmupFraction(), weightDecay != null ? weightDecay : r.weightDecay(),
        maxLength != null ? maxLength : r.maxLength(), seed != null ? seed : r.seed(),
        frozenLayers != null ? frozenLayers : r.frozenLayers());
    return r.withRun(device != null ? device : r.device(), skipBadRows != null ? skipBadRows : r.skipBadRows(),
        evalEvery != null ? evalEvery : r.evalEvery(), checkpointEvery != null ? checkpointEvery : r.checkpointEvery());
  }

  private DataColumns columns(FinetuneSpec s) {
    DataColumns c = s.columns();
    List<String> features = featureColumns != null ? featureColumns : c.features();
    FeatureMode mode = c.featureMode();
    if (featureMode != null) {
      try {
        mode = FeatureMode.valueOf(featureMode.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--feature-mode " + featureMode + ": use none, text_template or cls_concat");
      }
    } else if (featureColumns != null && mode == FeatureMode.NONE) {
      mode = featureTemplate != null ? FeatureMode.TEXT_TEMPLATE : FeatureMode.CLS_CONCAT;
    }
    return new DataColumns(textColumn != null ? textColumn : c.textA(), textBColumn != null ? textBColumn : c.textB(),
        labelColumn != null ? labelColumn : c.label(), features, mode,
        featureTemplate != null ? featureTemplate : c.featureTemplate());
  }

  private static void require(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("missing " + what + " (or give --spec FILE)");
    }
  }
}
