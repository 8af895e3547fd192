package org.bertworkbench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.model.LoadedBert;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The masked-language-model head at every [MASK]. */
@Command(name = "fill-mask", mixinStandardHelpOptions = true,
    description = "Predict the word at every [MASK] in the text.")
final class FillMaskCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions options;

  @Mixin
  ModelOptions modelOptions;

  @Option(names = "--top-k", defaultValue = "5", description = "predictions per mask (default: ${DEFAULT-VALUE})")
  int topK;

  @Override
  public Integer call() throws Exception {
    if (topK < 1) {
      throw new IllegalArgumentException("--top-k must be at least 1, got " + topK);
    }
    var inputs = options.inputs();
    var out = spec.commandLine().getOut();
    try (LoadedBert loaded = ModelOptions.load(options)) {
      ForwardOptions forward = ForwardOptions.INFERENCE.withHeadMask(modelOptions.headMask(loaded));
      for (InputOptions.TextInput in : inputs) {
        Encoding e = loaded.encode(in.a(), in.b(), options.maxLength);
        Notices.truncation(spec, e, options.maxLength);
        List<FillMask.MaskPredictions> masks = FillMask.predict(loaded.model(), loaded.vocab(), e, topK, forward);
        if (masks.isEmpty()) {
          spec.commandLine().getErr().println("note: no [MASK] in \"" + in.a() + "\"");
        }
        if (options.json) {
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("tokens", e.tokens());
          doc.put("masks", masks);
          out.println(Json.of(doc));
        } else {
          for (FillMask.MaskPredictions m : masks) {
            out.println("[MASK] at " + m.position() + ":");
            for (FillMask.Prediction p : m.predictions()) {
              out.printf("  %-20s %.4f%n", p.token(), p.score());
            }
          }
        }
      }
    }
    return 0;
  }
}
