package org.bertworkbench.core.finetune;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.bertworkbench.core.device.DevicePlan;
import org.bertworkbench.core.run.Provenance;
import org.bertworkbench.core.train.OptimizerSettings;

/** The run.json of a fine-tuning run: enough to repeat it and to list it (Tribuo-style provenance). */
final class FinetuneRunRecord {

  private FinetuneRunRecord() {}

  static JsonObject of(FinetuneSpec spec, FinetuneData data, HeadConfig head, FinetuneModel model, DevicePlan plan,
      TaskEncoder.Encoded encoded, long stepsPerEpoch, long totalSteps, OptimizerSettings optimizer) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "bert-finetuning");
    o.addProperty("created", Instant.now().toString());
    o.add("spec", spec.toJson());
    o.addProperty("seed", spec.seed());
    JsonObject d = new JsonObject();
    d.add("train", dataset(data.train(), data.trainSha256()));
    JsonObject dev = dataset(data.dev(), data.devSha256());
    dev.addProperty("split_from_train", data.devSplit());
    d.add("dev", dev);
    JsonArray notes = new JsonArray();
    encoded.notes(spec.task()).forEach(notes::add);
    d.add("notes", notes);
    d.addProperty("training_rows", encoded.inputs().size());
    d.addProperty("truncated_examples", encoded.truncated());
    d.addProperty("answers_outside_window", encoded.answersOutside());
    o.add("data", d);
    o.add("head", head.toConfigJson());
    JsonObject m = new JsonObject();
    m.addProperty("base", spec.model());
    m.addProperty("architecture", head.architecture());
    m.addProperty("parameters", count(model.parameters()));
    m.addProperty("trainable_parameters", count(model.trainableParameters(spec.frozenLayers())));
    m.addProperty("frozen_layers", spec.frozenLayers());
    m.addProperty("dropout", model.config().hiddenDropoutProb()); // the base's, on [CLS] before the classifier too
    JsonArray fresh = new JsonArray();
    model.initialised().forEach(fresh::add);
    m.add("initialised_fresh", fresh);
    o.add("model", m);
    JsonObject steps = new JsonObject();
    steps.addProperty("per_epoch", stepsPerEpoch);
    steps.addProperty("total", totalSteps);
    steps.addProperty("warmup", optimizer.warmupSteps());
    o.add("steps", steps);
    JsonObject adam = new JsonObject();
    adam.addProperty("learning_rate", optimizer.learningRate());
    adam.addProperty("weight_decay", optimizer.weightDecay());
    adam.addProperty("beta1", optimizer.beta1());
    adam.addProperty("beta2", optimizer.beta2());
    adam.addProperty("epsilon", optimizer.epsilon());
    adam.addProperty("clip_norm", optimizer.clipNorm());
    o.add("optimizer", adam);
    JsonObject devices = new JsonObject();
    devices.addProperty("plan", plan.describe());
    JsonArray names = new JsonArray();
    plan.devices().forEach(names::add);
    devices.add("devices", names);
    devices.addProperty("precision_request", spec.precision());
    devices.addProperty("precision", plan.precision().label());
    devices.addProperty("mixed_precision", plan.mixedPrecision());
    devices.addProperty("precision_note", plan.precisionNote());
    o.add("devices", devices);
    JsonObject versions = new JsonObject();
    Provenance.versions().forEach(versions::addProperty);
    o.add("versions", versions);
    return o;
  }

  /** The training file's SHA-256 in a record, or null. */
  static String trainSha256(JsonObject record) {
    JsonObject train = record.getAsJsonObject("data").getAsJsonObject("train");
    return train.has("sha256") && !train.get("sha256").isJsonNull() ? train.get("sha256").getAsString() : null;
  }

  private static JsonObject dataset(Dataset d, String sha256) {
    JsonObject o = new JsonObject();
    o.addProperty("path", String.valueOf(d.source()));
    o.addProperty("sha256", sha256);
    o.addProperty("examples", d.examples().size());
    o.addProperty("bad_rows", d.badRows().size());
    JsonArray bad = new JsonArray();
    d.badRows().forEach(b -> bad.add(b.toString()));
    o.add("bad_row_report", bad);
    JsonObject balance = new JsonObject();
    d.classBalance().forEach(balance::addProperty);
    o.add("class_balance", balance);
    return o;
  }

  private static long count(Map<String, ai.djl.ndarray.NDArray> params) {
    return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }
}
