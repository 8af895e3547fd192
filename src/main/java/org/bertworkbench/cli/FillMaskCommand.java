package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;

/** The masked-language-model head at every [MASK]. */
@Command(name = "fill-mask", mixinStandardHelpOptions = true,
    description = "Predict the word at every [MASK] in the text.")
final class FillMaskCommand extends TopKCommand {


  @Override
  void run(LoadedBert loaded, List<InputOptions.TextInput> inputs, List<Encoding> encodings,
      ForwardOptions forward, PrintWriter out) {
    for (int i = 0; i < encodings.size(); i++) {
      Encoding e = encodings.get(i);
      List<FillMask.MaskPredictions> masks = FillMask.predict(loaded.model(), loaded.vocab(), e, topK, forward);
      if (masks.isEmpty()) {
        spec.commandLine().getErr().println("note: no [MASK] in \"" + inputs.get(i).a() + "\"");
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
}
