package org.bertworkbench.gui.lessons;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.effect.BlurType;
import javafx.scene.effect.DropShadow;
import javafx.scene.effect.Effect;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A lesson step's pointer at what to look at: the {@code lesson-highlight} style class (a thick
 * amber frame on a region: a control, a drawing's canvas) or, on a node with no frame to colour,
 * an amber glow; on one node at a time.
 * A step may also name a tab inside a view (the pretraining view's "Current batch"): that tab is
 * brought to the front and its content glows.
 */
final class Highlight {

  static final String STYLE = "lesson-highlight";

  private Node lit;
  private Effect before;

  /** Lights the node with {@code id} inside {@code view}; false (and nothing lit) when there is none. */
  boolean show(Node view, String id) {
    clear();
    if (view == null || id == null) {
      return false;
    }
    Node target = view.lookup("#" + id);
    if (target == null) {
      target = selectTab(view, id);
    }
    if (target == null) {
      return false;
    }
    bringToFront(view, target);
    lit = target;
    before = target.getEffect();
    if (!(target instanceof Region)) {
      // A region gets the style sheet's frame; a glow on it would blur every letter inside.
      target.setEffect(new DropShadow(BlurType.GAUSSIAN, Color.web("#ff8f00"), 22, 0.55, 0, 0));
    }
    target.getStyleClass().add(STYLE);
    return true;
  }

  /** The node lit now, or null. */
  Node lit() {
    return lit;
  }

  void clear() {
    if (lit != null) {
      lit.setEffect(before);
      lit.getStyleClass().remove(STYLE);
      lit = null;
      before = null;
    }
  }

  /** Selects every tab of {@code view} whose content holds {@code target}, so that it is seen. */
  private static void bringToFront(Node view, Node target) {
    for (Node n : view.lookupAll(".tab-pane")) {
      TabPane pane = (TabPane) n;
      for (Tab tab : pane.getTabs()) {
        for (Node up = target; up != null; up = up.getParent()) {
          if (up == tab.getContent()) {
            pane.getSelectionModel().select(tab);
            break;
          }
        }
      }
    }
  }

  /** Brings the tab with {@code id} to the front in whichever tab pane of {@code view} holds it. */
  private static Node selectTab(Node view, String id) {
    for (Node n : view.lookupAll(".tab-pane")) {
      TabPane pane = (TabPane) n;
      for (Tab tab : pane.getTabs()) {
        if (id.equals(tab.getId())) {
          pane.getSelectionModel().select(tab);
          return tab.getContent() != null ? tab.getContent() : pane;
        }
      }
    }
    return view instanceof Parent p && id.equals(p.getId()) ? p : null;
  }
}
