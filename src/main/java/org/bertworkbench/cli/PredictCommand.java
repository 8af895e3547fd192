package org.bertworkbench.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.analysis.CorpusFile;
import org.bertworkbench.core.finetune.Example;
import org.bertworkbench.core.finetune.FinetuneModel;
import org.bertworkbench.core.finetune.HeadConfig;
import org.bertworkbench.core.finetune.Prediction;
import org.bertworkbench.core.finetune.PredictionJson;
import org.bertworkbench.core.finetune.ModelInputs;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.core.job.Progress;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What a fine-tuned model says about new text. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Predict with a fine-tuned model: the label and class probabilities (classify, pair);",
        "the answer span with its start, end and score (qa: --text is the question, --text-b the paragraph);",
        "the words and their tags (tag). --input: one input per line, a TAB between the two texts."})
final class PredictCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  FinetunedModelOptions options;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @ArgGroup(exclusive = false)
    Direct direct;

    @Option(names = "--input", paramLabel = "FILE", description = "one input per line; a TAB separates text A from text B")
    Path input;
  }

  static final class Direct {
    @Option(names = "--text", required = true, description = "the text (qa: the question)")
    String text;

    @Option(names = "--text-b", description = "the second text of a pair (qa: the paragraph)")
    String textB;
  }

  @Option(names = "--feature", paramLabel = "NAME=VALUE", description = "a numeric feature the model reads (repeat for each)")
  Map<String, Double> features;

  @Override
  public Integer call() throws Exception {
    try (FinetuneModel model = options.open()) {
      List<String[]> inputs = new ArrayList<>();
      if (source.direct != null) {
        inputs.add(new String[] {source.direct.text, source.direct.textB});
      } else {
        CorpusFile.read(source.input).forEach(l -> inputs.add(new String[] {l.a(), l.b()}));
      }
      List<Example> examples = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        examples.add(example(model.head(), i + 1, inputs.get(i)[0], inputs.get(i)[1]));
      }
      Progress shown = CliProgress.of(options.progress, spec.commandLine().getErr(), "predict", examples.size(),
          "inputs");
      List<Prediction> predictions = options.predictor(model).predict(examples, shown);
      CliProgress.finish(shown);
      var out = spec.commandLine().getOut();
      for (int i = 0; i < examples.size(); i++) {
        JsonObject o = PredictionJson.of(null, predictions.get(i));
        o.addProperty("text", inputs.get(i)[0]);
        out.println(options.json ? o.toString() : human(o, model.head().task()));
      }
    }
    return 0;
  }

  private Example example(HeadConfig head, int line, String a, String b) {
    boolean text = head.task() != TaskKind.QA && head.task() != TaskKind.TAG && a != null && !a.isBlank();
    return ModelInputs.unlabelled(head, line, a, b, text ? ModelInputs.featureValues(head, features) : null);
  }


  private static String human(JsonObject o, TaskKind task) {
    return switch (task) {
      case QA -> o.get("answer").getAsString() + "  (characters " + o.get("start") + "-" + o.get("end") + ", score "
          + String.format("%.3f", o.get("score").getAsDouble()) + ")";
      case TAG -> o.get("tags").toString();
      default -> o.get("label").getAsString() + "  " + o.get("probabilities");
    };
  }
}
