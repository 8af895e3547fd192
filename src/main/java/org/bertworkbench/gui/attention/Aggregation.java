package org.bertworkbench.gui.attention;

import org.bertworkbench.gui.text.Texts;

/** What the head and matrix views draw: each head, or a combination of heads and layers. */
public enum Aggregation {
  SINGLE_HEAD(false),
  MEAN_OVER_HEADS(true),
  MEAN_OVER_LAYERS(true),
  ROLLOUT(true),
  NORM_WEIGHTED(false);

  private static final Texts T = Texts.of(Aggregation.class);

  private final boolean combined;

  Aggregation(boolean combined) {
    this.combined = combined;
  }

  /** True when the result is one map rather than one per head. */
  public boolean combined() {
    return combined;
  }

  /** The name in the choice box, in the window's language. */
  @Override
  public String toString() {
    return switch (this) {
      case SINGLE_HEAD -> T.get("Aggregation.singleHead");
      case MEAN_OVER_HEADS -> T.get("Aggregation.meanOverHeads");
      case MEAN_OVER_LAYERS -> T.get("Aggregation.meanOverLayers");
      case ROLLOUT -> T.get("Aggregation.rollout");
      case NORM_WEIGHTED -> T.get("Aggregation.normWeighted");
    };
  }

  /** The name inside a picture's title ("mean over heads"), where English writes it in lower case. */
  public String inTitle() {
    return switch (this) {
      case SINGLE_HEAD -> T.get("Aggregation.singleHead.inTitle");
      case MEAN_OVER_HEADS -> T.get("Aggregation.meanOverHeads.inTitle");
      case MEAN_OVER_LAYERS -> T.get("Aggregation.meanOverLayers.inTitle");
      case ROLLOUT -> T.get("Aggregation.rollout.inTitle");
      case NORM_WEIGHTED -> T.get("Aggregation.normWeighted.inTitle");
    };
  }
}
