package org.bertworkbench.gui.explain;

import javafx.scene.Node;
import org.bertworkbench.gui.shell.WorkbenchViewModel;

/** One sub-view of the Explain tab, in a tab of its own. */
interface ExplainView {

  /** The sub-tab's title, in the window's language. */
  String title();

  /** The sub-view itself. */
  Node node();

  /** A new analysis arrived (on the FX thread; null clears). Must return quickly. */
  default void show(WorkbenchViewModel.Analysis analysis) {}

  /** Stops the sub-view's own background work when the window closes. */
  default void shutdown() {}
}
