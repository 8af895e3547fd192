package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.finetune.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a model as an ONNX graph for ONNX Runtime, with its tokenizer.json beside it. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a model as ONNX (inputs input_ids, attention_mask, token_type_ids; outputs",
        "last_hidden_state and pooler_output, or logits, or start_logits and end_logits), tokenizer.json beside it."})
final class ExportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--format", defaultValue = "onnx", paramLabel = "F", description = "onnx (default)")
  String format;

  @Option(names = "--model", required = true, paramLabel = "M",
      description = "a model name (see: models), a model folder, or a fine-tuned run's model folder")
  String model;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the ONNX file to write")
  Path out;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!"onnx".equals(format.toLowerCase(Locale.ROOT))) {
      throw new ParameterException(spec.commandLine(), "unknown format \"" + format + "\": the one format is onnx");
    }
    OnnxExport.Result r = OnnxExport.export(model, out);
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("model", r.model().toString());
      doc.put("tokenizer", r.tokenizer().toString());
      doc.put("bytes", r.bytes());
      doc.put("outputs", r.outputs());
      w.println(Json.of(doc));
    } else {
      w.printf("wrote %s (%.1f MB; outputs %s) and %s%n", r.model(), r.bytes() / 1e6, String.join(", ", r.outputs()),
          r.tokenizer());
    }
    return 0;
  }
}
