package org.bertworkbench.core.checkpoint;

import java.util.regex.Pattern;

/**
 * Maps Google TensorFlow BERT variable names to Hugging Face names (see platform-facts.md):
 * {@code module/} is dropped, {@code layer_N} becomes {@code layer.N}, {@code kernel} becomes a
 * transposed {@code weight}, {@code gamma}/{@code beta} become {@code weight}/{@code bias}, embedding
 * tables get {@code .weight}. A run_classifier head ({@code output_weights}, {@code output_bias})
 * becomes {@code classifier.weight}/{@code classifier.bias}.
 */
final class TfNames {

  /** A Hugging Face name and whether the TF tensor is the transpose of Hugging Face's layout. */
  record Mapping(String hfName, boolean transposed) {
  }

  private static final Pattern LAYER = Pattern.compile("^layer_(\\d+)$");

  private TfNames() {
  }

  /** Optimizer slots and the step counter: present in training checkpoints, never model weights. */
  static boolean isTrainingState(String tfName) {
    return tfName.contains("adam_m") || tfName.contains("adam_v") || tfName.equals("global_step")
        || tfName.endsWith("/global_step");
  }

  /** The mapping, or null if the name is not a BERT variable. */
  static Mapping map(String tfName) {
    String n = tfName.startsWith("module/") ? tfName.substring("module/".length()) : tfName;
    switch (n) {
      case "cls/predictions/output_bias":
        return new Mapping("cls.predictions.bias", false);
      case "cls/seq_relationship/output_weights":
        return new Mapping("cls.seq_relationship.weight", false);
      case "cls/seq_relationship/output_bias":
        return new Mapping("cls.seq_relationship.bias", false);
      case "output_weights":
        return new Mapping("classifier.weight", false);
      case "output_bias":
        return new Mapping("classifier.bias", false);
      default:
        break;
    }
    if (!n.startsWith("bert/") && !n.startsWith("cls/")) {
      return null;
    }
    String[] parts = n.split("/");
    String last = parts[parts.length - 1];
    StringBuilder hf = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      hf.append(LAYER.matcher(parts[i]).replaceFirst("layer.$1")).append('.');
    }
    switch (last) {
      case "kernel":
        return new Mapping(hf + "weight", true);
      case "gamma":
        return new Mapping(hf + "weight", false);
      case "beta":
      case "bias":
        return new Mapping(hf + "bias", false);
      default:
        return last.endsWith("_embeddings") ? new Mapping(hf + last + ".weight", false) : null;
    }
  }
}
