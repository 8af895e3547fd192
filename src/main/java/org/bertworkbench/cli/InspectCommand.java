package org.bertworkbench.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.model.LoadedBert;
import org.bertworkbench.core.tokenize.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Every intermediate of one forward pass: the three embeddings, attention, hidden states. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print the embeddings, every head's attention and every layer's hidden states.")
final class InspectCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions options;

  @Mixin
  ModelOptions modelOptions;

  @Override
  public Integer call() throws Exception {
    var inputs = options.inputs();
    var out = spec.commandLine().getOut();
    try (LoadedBert loaded = ModelOptions.load(options)) {
      ForwardOptions forward = ForwardOptions.TRACE.withHeadMask(modelOptions.headMask(loaded));
      for (InputOptions.TextInput in : inputs) {
        Encoding e = loaded.encode(in.a(), in.b(), options.maxLength);
        Notices.truncation(spec, e, options.maxLength);
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
    return 0;
  }
}
