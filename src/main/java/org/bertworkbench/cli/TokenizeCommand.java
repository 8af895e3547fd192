package org.bertworkbench.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.load.CheckpointTokenizer;
import org.bertworkbench.core.tokenize.BertTokenizer;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.TracedEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** BERT's tokenizer on its own: word pieces, ids, segments, mask, and on request every step. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Tokenize text as the model's WordPiece tokenizer does.")
final class TokenizeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions options;

  @Option(names = "--trace", description = "add every step of the tokenizer")
  boolean trace;

  @Override
  public Integer call() throws Exception {
    var inputs = options.inputs();
    Checkpoint checkpoint = CheckpointLoader.open(options.model);
    BertTokenizer tokenizer = CheckpointTokenizer.of(checkpoint).tokenizer();
    int max = Math.min(options.maxLength, checkpoint.config().maxPositionEmbeddings());
    var out = spec.commandLine().getOut();
    for (InputOptions.TextInput in : inputs) {
      TracedEncoding traced = trace ? tokenizer.encodeWithTrace(in.a(), in.b(), max, false) : null;
      Encoding e = traced != null ? traced.encoding() : tokenizer.encode(in.a(), in.b(), max, false);
      Notices.truncation(spec, e, max);
      if (options.json) {
        Map<String, Object> doc = encodingJson(e);
        if (traced != null) {
          doc.put("trace", traced.trace());
        }
        out.println(Json.of(doc));
      } else {
        out.println(String.join(" ", e.tokens()));
      }
    }
    return 0;
  }

  static Map<String, Object> encodingJson(Encoding e) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tokens", e.tokens());
    doc.put("input_ids", e.inputIds());
    doc.put("token_type_ids", e.tokenTypeIds());
    doc.put("attention_mask", e.attentionMask());
    doc.put("truncated", e.truncated());
    return doc;
  }
}
