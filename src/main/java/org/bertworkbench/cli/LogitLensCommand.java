package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.explain.LogitLens;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;

/** The masked-LM head read from every hidden state at every [MASK]: where in the layers the answer appears. */
@Command(name = "logit-lens", mixinStandardHelpOptions = true,
    description = "Apply the masked-LM head to every layer's hidden state at every [MASK] (the logit lens).")
final class LogitLensCommand extends TopKCommand {


  @Override
  void run(LoadedBert loaded, List<InputOptions.TextInput> inputs, List<Encoding> encodings,
      ForwardOptions forward, PrintWriter out) {
    for (Encoding e : encodings) {
      LogitLens.Result lens = LogitLens.of(loaded.model(), loaded.vocab(), e, topK, forward);
      if (options.json) {
        out.println(Json.of(json(loaded.name(), lens)));
      } else {
        print(lens, out);
      }
    }
  }

  /** {"model", "tokens", "masks": [{"position", "layers": [{"layer", "top", "final_token_*"}]}]}. */
  static Map<String, Object> json(String model, LogitLens.Result lens) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", model);
    doc.put("tokens", lens.tokens());
    List<Object> masks = new ArrayList<>();
    for (LogitLens.Mask m : lens.masks()) {
      List<Object> layers = new ArrayList<>();
      for (LogitLens.Layer l : m.layers()) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("layer", l.layer());
        layer.put("top", l.top());
        layer.put("final_token_probability", l.finalTokenProbability());
        layer.put("final_token_rank", l.finalTokenRank());
        layers.add(layer);
      }
      Map<String, Object> mask = new LinkedHashMap<>();
      mask.put("position", m.position());
      mask.put("layers", layers);
      masks.add(mask);
    }
    doc.put("masks", masks);
    return doc;
  }

  private static void print(LogitLens.Result lens, PrintWriter out) {
    for (LogitLens.Mask m : lens.masks()) {
      LogitLens.Candidate last = m.finalToken();
      out.println("[MASK] at " + m.position() + " (last layer's answer: " + last.token() + "):");
      for (LogitLens.Layer l : m.layers()) {
        String name = l.layer() == 0 ? "embeddings" : "layer " + (l.layer() - 1);
        StringBuilder top = new StringBuilder();
        for (LogitLens.Candidate c : l.top()) {
          top.append(String.format("  %s %.4f", c.token(), c.probability()));
        }
        out.printf("  %-10s %-12s p=%.4f rank %-6d|%s%n", name, last.token(), l.finalTokenProbability(),
            l.finalTokenRank(), top);
      }
    }
  }
}
