package org.bertworkbench.gui.lessons;

import javafx.scene.Node;

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
}
