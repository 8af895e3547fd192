package org.bertworkbench.gui.shell;

import javafx.scene.Node;

/** One view of the workbench, shown in its own tab; it redraws when a new analysis arrives. */
public interface WorkbenchPane {

  /** The tab's title. */
  String title();

  /** The view itself. */
  Node node();

  /** Shows a new analysis (on the FX thread); null clears the view. Must return quickly. */
  void show(WorkbenchViewModel.Analysis analysis);

  /** Stops the pane's own background work when the window closes. */
  default void shutdown() {}
}
