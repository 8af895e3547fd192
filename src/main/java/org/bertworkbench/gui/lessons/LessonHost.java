package org.bertworkbench.gui.lessons;

import javafx.scene.Node;
import org.bertworkbench.core.pretrain.SampledBatch;

/**
 * What the Lessons panel asks of the window it sits in: bring a view to the front and hand over its
 * node (to find what a step points at, and to take a handout's picture). Views are named as
 * lessons name them ({@code core.lesson.LessonViews}): the package of the pane, "tokens",
 * "embeddings", ….
 */
public interface LessonHost {

  /** Brings {@code view} to the front; false when the window has no such view or it is disabled. */
  boolean openView(String view);

  /** The view's node, or null when the window has no such view. */
  Node viewNode(String view);

  /**
   * Draws the batch a pretraining check was computed on in the pretraining view, so the class sees
   * the positions behind the percentages; a window without that view ignores it.
   */
  default void showBatch(SampledBatch batch) {}
}
