package org.bertworkbench.core.pretrain;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.run.Provenance;
import org.bertworkbench.core.tokenize.Vocab;

/** The run.json of a pretraining run: enough to repeat it (Tribuo-style provenance). */
final class PretrainRunRecord {

  private PretrainRunRecord() {}

  static JsonObject of(PretrainParams params, Corpus corpus, String corpusHash, Vocab vocab, boolean lowerCase,
      BertForPreTraining model) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "bert-pretraining");
    o.addProperty("created", Instant.now().toString());
    o.add("params", PretrainRun.GSON.toJsonTree(params));
    o.addProperty("seed", params.seed());
    JsonObject c = new JsonObject();
    Corpus.Stats stats = corpus.stats();
    c.addProperty("path", params.corpus());
    c.addProperty("sha256", corpusHash);
    c.addProperty("documents", stats.documents());
    c.addProperty("sentences", stats.sentences());
    c.addProperty("words", stats.words());
    c.addProperty("characters", stats.characters());
    o.add("corpus", c);
    JsonObject v = new JsonObject();
    v.addProperty("source", params.from() != null ? params.from()
        : params.vocabModel() != null ? params.vocabModel() : "learned from the corpus");
    v.addProperty("size", vocab.size());
    v.addProperty("lower_case", lowerCase);
    v.addProperty("sha256", Provenance.sha256(String.join("\n", vocab.tokens()) + "\n"));
    o.add("vocabulary", v);
    o.add("model_config", PretrainRun.GSON.toJsonTree(model.config()));
    JsonObject counts = new JsonObject();
    for (Map.Entry<String, Long> e : model.parameterCounts().entrySet()) {
      counts.addProperty(e.getKey(), e.getValue());
    }
    o.add("parameters", counts);
    JsonObject versions = new JsonObject();
    Provenance.versions().forEach(versions::addProperty);
    o.add("versions", versions);
    return o;
  }
}
