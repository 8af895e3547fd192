package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;

/** Every intermediate of one forward pass: the three embeddings, attention, hidden states. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print the embeddings, every head's attention and every layer's hidden states.")
final class InspectCommand extends TextModelCommand {

  @Override
  ForwardOptions base() {
    return ForwardOptions.TRACE;
  }

  @Override
  void run(LoadedBert loaded, List<InputOptions.TextInput> inputs, List<Encoding> encodings,
      ForwardOptions forward, PrintWriter out) {
    for (Encoding e : encodings) {
      Inspection x = Inspection.of(loaded.model(), e, forward);
      if (options.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tokens", e.tokens());
        doc.put("input_ids", e.inputIds());
        doc.put("token_type_ids", e.tokenTypeIds());
        Map<String, Object> emb = new LinkedHashMap<>();
        emb.put("token", x.tokenEmbeddings());
        emb.put("segment", x.segmentEmbeddings());
        emb.put("position", x.positionEmbeddings());
        emb.put("sum", x.embeddingSum());
        emb.put("normalized", x.normalized());
        doc.put("embeddings", emb);
        doc.put("attentions", x.attentions());
        doc.put("hidden_states", x.hiddenStates());
        out.println(Json.of(doc));
      } else {
        out.printf("%d tokens, %d layers x %d heads: %s%n", e.length(), x.attentions().length,
            x.attentions()[0].length, String.join(" ", e.tokens()));
        out.println("use --json for the numbers");
      }
    }
  }
}
