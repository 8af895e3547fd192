package org.bertworkbench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists the models the workbench can open without a network. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the models it can open: Google's BERT-Base checkpoints from the local Maven repository "
        + "(or the model cache), the small sample model bundled with the workbench, and the sentence-embedding "
        + "models all-MiniLM-L6-v2 and bge-small-zh-v1.5 from langchain4j's ONNX jars.")
final class ModelsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Option(names = "--runs", paramLabel = "DIR",
      description = "also list the model folders in DIR: runs' model/ folders (fine-tuned here) and saved models")
  java.nio.file.Path runs;

  @Override
  public Integer call() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ModelCatalog.KnownModel m : ModelCatalog.known()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", m.name());
      row.put("source", m.source());
      row.put("available", m.available());
      row.put("location", m.jar().toString());
      row.put("layers", m.config().numHiddenLayers());
      row.put("hidden", m.config().hiddenSize());
      row.put("heads", m.config().numAttentionHeads());
      row.put("vocab_size", m.config().vocabSize());
      row.put("parameters", m.parameters());
      row.put("lower_case", m.lowerCase());
      ModelCatalog.sentenceModel(m.name()).ifPresent(s -> {
        Map<String, Object> pooling = new LinkedHashMap<>();
        pooling.put("hugging_face", s.huggingFaceId());
        pooling.put("pooling", s.pooling());
        pooling.put("normalize", s.normalize());
        pooling.put("max_seq_length", s.maxSeqLength());
        row.put("sentence_embedding", pooling);
      });
      if (!m.available()) {
        row.put("fetch", "mvn dependency:get -Dartifact=" + m.mavenCoordinates());
      }
      rows.add(row);
    }
    List<Map<String, Object>> local = new ArrayList<>();
    if (runs != null) {
      for (ModelCatalog.LocalModel m : ModelCatalog.localModels(runs)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", m.name());
        row.put("location", m.folder().toString());
        row.put("architecture", m.architecture());
        row.put("task", m.task());
        row.put("labels", m.labels());
        row.put("layers", m.config().numHiddenLayers());
        row.put("hidden", m.config().hiddenSize());
        local.add(row);
      }
    }
    var out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("models", rows);
      if (runs != null) {
        doc.put("local", local);
      }
      out.println(Json.of(doc));
    } else {
      for (Map<String, Object> r : rows) {
        out.printf("%-30s %-14s L=%s H=%s A=%s %,d parameters%s%n", r.get("name"), r.get("source"),
            r.get("layers"), r.get("hidden"), r.get("heads"), (Long) r.get("parameters"),
            Boolean.TRUE.equals(r.get("available")) ? "" : "  (not in the local Maven repository nor the cache)");
      }
      for (Map<String, Object> r : local) {
        out.printf("%-30s %-30s L=%s H=%s %s%n", r.get("name"), r.get("architecture"), r.get("layers"), r.get("hidden"),
            r.get("location"));
      }
      out.println("Any folder with config.json, vocab.txt and model.safetensors opens too (BERT or DistilBERT), "
          + "as does an .onnx export of a BERT-architecture model with its tokenizer.json or vocab.txt beside it.");
    }
    return 0;
  }
}
