package org.bertworkbench.gui.attention;

/** What the head and matrix views draw: each head, or a combination of heads and layers. */
public enum Aggregation {
  SINGLE_HEAD("Single heads", false),
  MEAN_OVER_HEADS("Mean over heads", true),
  MEAN_OVER_LAYERS("Mean over layers and heads", true),
  ROLLOUT("Attention rollout (up to this layer)", true),
  NORM_WEIGHTED("Norm-weighted ‖α f(x)‖ (per head)", false);

  private final String label;
  private final boolean combined;

  Aggregation(String label, boolean combined) {
    this.label = label;
    this.combined = combined;
  }

  /** True when the result is one map rather than one per head. */
  public boolean combined() {
    return combined;
  }

  @Override
  public String toString() {
    return label;
  }
}
