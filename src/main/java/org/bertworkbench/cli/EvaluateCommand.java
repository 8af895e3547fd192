package org.bertworkbench.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bertworkbench.core.finetune.DataColumns;
import org.bertworkbench.core.finetune.Dataset;
import org.bertworkbench.core.finetune.Evaluation;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.Prediction;
import org.bertworkbench.core.finetune.ModelInputs;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.job.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores a fine-tuned model on a labelled file with its task's metrics. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score a fine-tuned model on a labelled file: accuracy and macro-F1 (classification),",
        "exact match and F1 (QA), entity precision, recall and F1 (tagging)."})
final class EvaluateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  FinetunedModelOptions options;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "a labelled file in the task's format")
  Path data;

  @Option(names = "--text-column", paramLabel = "C", description = "text column (default sentence, or sentence1 for pair)")
  String textColumn;

  @Option(names = "--text-b-column", paramLabel = "C", description = "second text column of a pair")
  String textBColumn;

  @Option(names = "--label-column", paramLabel = "C", description = "label column (default label)")
  String labelColumn;

  @Override
  public Integer call() throws Exception {
    try (FinetuneModel model = options.open()) {
      HeadConfig head = model.head();
      DataColumns columns = columns(head, textColumn, textBColumn, labelColumn);
      TaskKind task = ModelInputs.task(head, columns);
      Dataset d = ModelInputs.labelled(head, data, columns);
      Progress shown = CliProgress.of(options.progress, spec.commandLine().getErr(), "evaluate",
          d.examples().size(), "examples");
      List<Prediction> predictions = options.predictor(model).predict(d.examples(), shown);
      CliProgress.finish(shown);
      Evaluation.Result r = Evaluation.of(task, d.examples(), predictions);
      JsonObject o = r.toJson();
      o.addProperty("bad_rows", d.badRows().size());
      var out = spec.commandLine().getOut();
      if (options.json) {
        out.println(o);
      } else {
        out.println(task.cliName() + " on " + r.examples() + " examples: " + r.metrics()
            + (d.badRows().isEmpty() ? "" : " (" + d.badRows().size() + " bad rows left out)"));
      }
    }
    return 0;
  }

  /** The model's columns: the task's defaults, the model's features, overridden by the options. */
  static DataColumns columns(HeadConfig head, String textColumn, String textBColumn, String labelColumn) {
    return ModelInputs.columns(head, textColumn, textBColumn, labelColumn);
  }
}
