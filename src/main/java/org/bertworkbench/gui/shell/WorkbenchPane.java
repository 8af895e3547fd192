package org.bertworkbench.gui.shell;

import javafx.scene.Node;
import org.bertworkbench.core.load.LoadedBert;

/** One view of the workbench, shown in its own tab; it redraws when a new analysis arrives. */
public interface WorkbenchPane {

  /** The tab's title. */
  String title();

  /** The view itself. */
  Node node();

  /** Shows a new analysis (on the FX thread); null clears the view. Must return quickly. */
  void show(WorkbenchViewModel.Analysis analysis);

  /**
   * Why this view has nothing to show for {@code model} (its tab is then disabled and says so), or
   * null when it can show it. A view that needs a part some models lack (the masked-LM head) says
   * which and what to open instead.
   */
  default String unavailableFor(LoadedBert model) {
    return null;
  }

  /**
   * Whether the pane runs work that rebuilding the window would stop (a training run): the
   * language switch waits until it is done.
   */
  default boolean hasRunningJob() {
    return false;
  }

  /** Whether this pane answers {@link WorkbenchViewModel#explainRequestProperty()} (brought to the front then). */
  default boolean explainsPredictions() {
    return false;
  }

  /** Stops the pane's own background work when the window closes. */
  default void shutdown() {}
}
