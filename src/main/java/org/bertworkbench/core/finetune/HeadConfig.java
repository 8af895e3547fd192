package org.bertworkbench.core.finetune;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.finetune.DataColumns.FeatureMode;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * What a fine-tuned model's head needs besides its weights, saved in its {@code config.json}: the
 * task, the labels, how numeric features reach it (with the training set's means and standard
 * deviations) and how inputs were cut.
 *
 * <p>In {@code config.json} the labels are Hugging Face's {@code id2label}/{@code label2id}; the
 * rest is one object under {@value #KEY}, plus Hugging Face's free-form {@code finetuning_task}.
 * A model fine-tuned elsewhere (no such object) is read from its {@code architectures} and
 * {@code id2label} alone.
 *
 * @param task the task family
 * @param labels classes (classification) or tags (tagging, {@code O} first); empty for QA
 * @param featureMode how numeric features reach the model
 * @param featureColumns the numeric feature columns, in the order the head reads them
 * @param featureMean the training set's mean of each feature (standardisation)
 * @param featureStd the training set's standard deviation of each feature (1 where it was 0)
 * @param featureTemplate the text template of {@link FeatureMode#TEXT_TEMPLATE}, else null
 * @param maxLength the longest input in word pieces, special tokens included
 * @param baseModel the model the run started from (name or folder), for provenance; may be null
 */
public record HeadConfig(TaskKind task, List<String> labels, FeatureMode featureMode, List<String> featureColumns,
    double[] featureMean, double[] featureStd, String featureTemplate, int maxLength, String baseModel) {

  /** The key of the head's own object in config.json. */
  public static final String KEY = "bertworkbench_head";
  /** The name of the weight that reads the standardised numeric features ({@link FeatureMode#CLS_CONCAT}). */
  public static final String FEATURE_WEIGHT = "features_classifier.weight";
  /** QA: the longest question kept, in word pieces (as Hugging Face's run_squad.py). */
  public static final int MAX_QUERY_LENGTH = 64;
  /** QA: the longest answer predicted, in word pieces. */
  public static final int MAX_ANSWER_LENGTH = 30;

  /** Checks the parts against each other; throws {@link BadInputException} saying what is wrong. */
  public HeadConfig {
    if (task == null) {
      throw new IllegalArgumentException("a head needs a task");
    }
    labels = List.copyOf(labels == null ? List.of() : labels);
    featureMode = featureMode == null ? FeatureMode.NONE : featureMode;
    featureColumns = List.copyOf(featureColumns == null ? List.of() : featureColumns);
    featureMean = featureMean == null ? new double[0] : featureMean.clone();
    featureStd = featureStd == null ? new double[0] : featureStd.clone();
    if (task != TaskKind.QA && labels.size() < 2) {
      throw new BadInputException(Message.of(HeadConfig.class, "HeadConfig.fewLabels", task.cliName(), labels));
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new BadInputException(Message.of(HeadConfig.class, "HeadConfig.repeat", labels));
    }
    if (featureMode != FeatureMode.NONE && !task.isClassification()) {
      throw new BadInputException(Message.of(HeadConfig.class, "HeadConfig.featuresTask", task.cliName()));
    }
    if (featureMode == FeatureMode.CLS_CONCAT
        && (featureColumns.isEmpty() || featureMean.length != featureColumns.size()
            || featureStd.length != featureColumns.size())) {
      throw new BadInputException(Message.of(HeadConfig.class, "HeadConfig.featureLengths"));
    }
    if (featureMode == FeatureMode.TEXT_TEMPLATE && (featureTemplate == null || featureTemplate.isBlank())) {
      throw new BadInputException(Message.of(HeadConfig.class, "noTemplate", "\"price {price}\""));
    }
    if (maxLength < 8 || maxLength > 512) {
      throw new BadInputException(Message.of(HeadConfig.class, "maxLength", maxLength));
    }
  }

  /** Hugging Face's class for this head. */
  public String architecture() {
    return architecture(task);
  }

  /** {@code BertForSequenceClassification}, {@code BertForTokenClassification} or {@code BertForQuestionAnswering}. */
  public static String architecture(TaskKind task) {
    return switch (task) {
      case CLASSIFY, PAIR -> "BertForSequenceClassification";
      case TAG -> "BertForTokenClassification";
      case QA -> "BertForQuestionAnswering";
    };
  }

  /** Outputs per position (tagging) or per input (classification); 2 (start, end) for QA. */
  public int outputs() {
    return task == TaskKind.QA ? 2 : labels.size();
  }

  /** Numeric inputs appended to the pooled {@code [CLS]} vector; 0 unless {@link FeatureMode#CLS_CONCAT}. */
  public int appendedFeatures() {
    return featureMode == FeatureMode.CLS_CONCAT ? featureColumns.size() : 0;
  }

  /** Whether the architecture has BERT's pooler: Hugging Face leaves it out of tagging and QA. */
  public boolean usesPooler() {
    return task.isClassification();
  }

  /** The label index of a label; -1 if unknown. */
  public int labelId(String label) {
    return labels.indexOf(label);
  }

  /** id2label for config.json; empty for QA. */
  public Map<Integer, String> id2label() {
    Map<Integer, String> out = new java.util.TreeMap<>();
    for (int i = 0; i < labels.size(); i++) {
      out.put(i, labels.get(i));
    }
    return out;
  }

  /** The keys this head adds to config.json: {@code finetuning_task} and {@value #KEY}. */
  public JsonObject toConfigJson() {
    JsonObject head = new JsonObject();
    head.addProperty("task", task.cliName());
    head.addProperty("max_length", maxLength);
    head.addProperty("feature_mode", featureMode.name().toLowerCase());
    head.add("feature_columns", strings(featureColumns));
    head.add("feature_mean", numbers(featureMean));
    head.add("feature_std", numbers(featureStd));
    if (featureTemplate != null) {
      head.addProperty("feature_template", featureTemplate);
    }
    if (featureMode == FeatureMode.CLS_CONCAT) {
      head.addProperty("feature_weight", FEATURE_WEIGHT);
      head.addProperty("feature_note", "logits = classifier.weight . pooled + " + FEATURE_WEIGHT
          + " . standardised(features) + classifier.bias, i.e. a classifier over [pooled; features]");
    }
    if (task == TaskKind.QA) {
      head.addProperty("max_query_length", MAX_QUERY_LENGTH);
      head.addProperty("max_answer_length", MAX_ANSWER_LENGTH);
    }
    if (baseModel != null) {
      head.addProperty("base_model", baseModel);
    }
    JsonObject o = new JsonObject();
    o.addProperty("finetuning_task", task.cliName());
    o.add(KEY, head);
    return o;
  }

  /**
   * The head described by a model folder's config.json: our own object when present, otherwise
   * Hugging Face's {@code architectures} and {@code id2label} (a model fine-tuned with transformers).
   *
   * @param extraConfig {@code Checkpoint.extraConfig()}: config.json keys as raw JSON text
   * @param id2label {@code Checkpoint.id2label()}
   * @throws IllegalArgumentException when the folder holds no fine-tuned head
   */
  public static HeadConfig fromConfig(Map<String, String> extraConfig, Map<Integer, String> id2label) {
    List<String> labels = new ArrayList<>(id2label.values());
    String own = extraConfig.get(KEY);
    if (own != null) {
      JsonObject h = JsonParser.parseString(own).getAsJsonObject();
      TaskKind task = TaskKind.parse(h.get("task").getAsString());
      return new HeadConfig(task, task == TaskKind.QA ? List.of() : labels,
          FeatureMode.valueOf(h.get("feature_mode").getAsString().toUpperCase()), stringList(h.get("feature_columns")),
          doubles(h.get("feature_mean")), doubles(h.get("feature_std")),
          h.has("feature_template") ? h.get("feature_template").getAsString() : null,
          h.get("max_length").getAsInt(), h.has("base_model") ? h.get("base_model").getAsString() : null);
    }
    String arch = extraConfig.getOrDefault("architectures", "[]");
    TaskKind task;
    if (arch.contains("DistilBertForSequenceClassification")) {
      // Its head (pre_classifier, ReLU, classifier on [CLS]) is not BERT's (classifier on the pooler).
      throw new BadInputException(Message.of(HeadConfig.class, "HeadConfig.distilClassifier"));
    }
    if (arch.contains("BertForSequenceClassification")) {
      task = TaskKind.CLASSIFY;
    } else if (arch.contains("BertForTokenClassification")) {
      task = TaskKind.TAG;
    } else if (arch.contains("BertForQuestionAnswering")) {
      task = TaskKind.QA;
    } else {
throw new BadInputException(Message.of(HeadConfig.class, "HeadConfig.notFinetuned", arch));
    }
    return new HeadConfig(task, task == TaskKind.QA ? List.of() : labels, FeatureMode.NONE, List.of(), null, null,
        null, 512, null);
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  private static JsonArray numbers(double[] values) {
    JsonArray a = new JsonArray();
    Arrays.stream(values).forEach(a::add);
    return a;
  }

  private static List<String> stringList(JsonElement e) {
    List<String> out = new ArrayList<>();
    if (e != null && e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
    }
    return out;
  }

  private static double[] doubles(JsonElement e) {
    if (e == null || !e.isJsonArray()) {
      return new double[0];
    }
    JsonArray a = e.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeadConfig h && task == h.task && labels.equals(h.labels) && featureMode == h.featureMode
        && featureColumns.equals(h.featureColumns) && Arrays.equals(featureMean, h.featureMean)
        && Arrays.equals(featureStd, h.featureStd) && java.util.Objects.equals(featureTemplate, h.featureTemplate)
        && maxLength == h.maxLength && java.util.Objects.equals(baseModel, h.baseModel);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(task, labels, featureMode, featureColumns, Arrays.hashCode(featureMean),
        Arrays.hashCode(featureStd), featureTemplate, maxLength, baseModel);
  }
}
