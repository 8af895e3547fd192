package org.bertworkbench.core.lesson;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live checks a lesson step may run, with the inputs each needs and its parameters' defaults.
 * What each proves is written in {@code docs/lessons.md}; {@link LessonChecks} runs them.
 */
public enum CheckKind {
  CLS_SEP("cls-sep", Needs.A),
  EMBEDDING_SUM("embedding-sum", Needs.A),
  SEGMENT_EMBEDDINGS("segment-embeddings", Needs.A_AND_B),
  ENCODER_OUTPUTS("encoder-outputs", Needs.A),
  BIDIRECTIONAL("bidirectional", Needs.A, "position", "1", "at", "last", "with", "[MASK]", "layer", "last"),
  FILL_MASK("fill-mask", Needs.A, "expect", "", "top", "5"),
  MLM_MASKING("mlm-masking", Needs.CORPUS, "batch", "64", "length", "128", "seed", "1", "tolerance", "0.03"),
  NSP_PAIRS("nsp-pairs", Needs.CORPUS, "batch", "256", "length", "128", "seed", "1", "tolerance", "0.08"),
  TRAINING_DEFAULTS("training-defaults", Needs.NOTHING),
  PRETRAINING_LOSS("pretraining-loss", Needs.CORPUS, "batch", "4", "length", "64", "seed", "1"),
  SIZE_RATIO("size-ratio", Needs.NOTHING),
  HEAD_CLASSIFY("head-classify", Needs.A, "labels", "negative,positive"),
  HEAD_PAIR("head-pair", Needs.A_AND_B, "labels", "entailment,neutral,contradiction"),
  HEAD_QA("head-qa", Needs.A_AND_B),
  HEAD_TAG("head-tag", Needs.A, "labels", "O,B-PER,I-PER,B-LOC,I-LOC"),
  FEATURES_TEMPLATE("features-template", Needs.A, "template", "I am {age} years old.", "values", "age=34"),
  FEATURES_CONCAT("features-concat", Needs.A, "values", "age=34", "labels", "no,yes");

  /** What a check reads besides its parameters. */
  public enum Needs { NOTHING, A, A_AND_B, CORPUS }

  private final String fileName;
  private final Needs needs;
  private final Map<String, String> defaults;

  CheckKind(String fileName, Needs needs, String... defaults) {
    this.fileName = fileName;
    this.needs = needs;
    Map<String, String> d = new LinkedHashMap<>();
    for (int i = 0; i < defaults.length; i += 2) {
      d.put(defaults[i], defaults[i + 1]);
    }
    this.defaults = java.util.Collections.unmodifiableMap(d);
  }

  /** The name a lesson file uses ({@code check: embedding-sum}). */
  public String fileName() {
    return fileName;
  }

  public Needs needs() {
    return needs;
  }

  /** Every parameter the check knows, with its default, in documentation order. */
  public Map<String, String> defaults() {
    return defaults;
  }

  public static Optional<CheckKind> named(String name) {
    return Arrays.stream(values()).filter(k -> k.fileName.equals(name)).findFirst();
  }

  /** The names, for messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(CheckKind::fileName).toList());
  }
}
