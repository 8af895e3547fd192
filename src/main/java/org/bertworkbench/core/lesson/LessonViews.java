package org.bertworkbench.core.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views a lesson step may open (the window's tabs) and, for each, the things on it a step may
 * point at: the ids the view's nodes carry ({@code setId(...)} in {@code gui/<view>/}), so the
 * Lessons panel can find a node with {@code lookup("#" + id)}. This is the one place the table is
 * kept; {@code LessonViewsTest} checks every id against the view's source.
 */
public final class LessonViews {

  private static final Map<String, List<String>> HIGHLIGHTS = new LinkedHashMap<>();

  static {
    HIGHLIGHTS.put("tokens", List.of("tokenTable", "stepCanvas", "stepExplanation", "stepSlider", "stepTitle",
        "wordPieceAttempts"));
    HIGHLIGHTS.put("embeddings", List.of("sumCheck", "layerNormCheck", "embeddingStrips", "embeddingNorms",
        "segmentDifference", "positionMap", "nearestTokens", "embeddingInfo"));
    HIGHLIGHTS.put("layers", List.of("layerStrips", "layerCosines", "layerSlider", "layerLabel", "pcaMap",
        "tokenChoice", "layersInfo"));
    HIGHLIGHTS.put("fillmask", List.of("fillMaskCanvas", "fillMaskHint", "nextSentenceLabel"));
    HIGHLIGHTS.put("attention", List.of("attentionViews", "causalCheck", "layerChoice", "headChoice",
        "maskGridCanvas", "statsCanvas", "statsTable", "rankTable"));
    HIGHLIGHTS.put("pretrain", List.of("batchCanvas", "batchTab", "corpusPreview", "presetBox", "timelineTab",
        "probeCanvas", "startButton"));
    HIGHLIGHTS.put("finetune", List.of("previewTable", "features-template", "features-concat", "featureTemplate",
        "featureColumns", "metricsTable", "confusionCanvas", "predictionCanvas", "predictAnswer", "predictPieces",
        "predictionsTable", "modelInfo"));
  }

  private LessonViews() {}

  /** The view names, in the window's tab order. */
  public static Set<String> names() {
    return HIGHLIGHTS.keySet();
  }

  public static boolean isView(String view) {
    return HIGHLIGHTS.containsKey(view);
  }

  /** What a step on {@code view} may highlight; empty for an unknown view. */
  public static List<String> highlights(String view) {
    return HIGHLIGHTS.getOrDefault(view, List.of());
  }
}
