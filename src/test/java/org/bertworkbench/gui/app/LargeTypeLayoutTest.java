package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.bertworkbench.gui.Screenshots;
import org.bertworkbench.gui.export.Zoom;
import org.bertworkbench.gui.finetune.FinetunePane;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12.1, the window in presentation mode (F5, 22 px type) at 1200 x 800, the size the fault was
 * seen at (01-f5-head-view-shrinks.png), with BERT-Base's 12 heads: every tab and every
 * view of the Attention tab is visited, and no control shows its label cut to "…" (the toolbars wrap
 * instead) and the max-length field shows 128 whole (it showed "12").
 */
@ExtendWith(ApplicationExtension.class)
class LargeTypeLayoutTest {

  WholeWindow window;
  WorkbenchViewModel vm;
  List<WorkbenchPane> panes;
  Scene scene;

  @Start
  void start(Stage stage) {
    window = WholeWindow.show(stage, 1200, 800);
    vm = window.vm;
    panes = window.panes;
    scene = window.scene;
  }

  @AfterEach
  void stop(FxRobot robot) {
    window.close(robot);
  }

  @Test
  void inLargeTypeNoLabelIsCutAndMaxLengthShowsWhole(FxRobot robot) throws Exception {
    robot.interact(() -> {
      vm.textAProperty().set("The cat sat on the mat.");
      vm.textBProperty().set("It was happy.");
      vm.load("bert-base-uncased"); // 12 heads: 12 check-boxes in the attention toolbar
    });
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null);
    robot.push(KeyCode.F5);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("-fx-font-size: 22.0px;", scene.getRoot().getStyle());

    Spinner<?> max = robot.lookup("#maxLength").query();
    assertEquals("128", max.getEditor().getText());
    Text shown = new Text("128");
    shown.setFont(max.getEditor().getFont());
    double room = max.getEditor().getWidth() - max.getEditor().getInsets().getLeft()
        - max.getEditor().getInsets().getRight();
    assertTrue(shown.getLayoutBounds().getWidth() <= room, "128 needs " + shown.getLayoutBounds().getWidth()
        + " px, the field has " + room);

    List<String> cut = new ArrayList<>();
    visitEveryView(robot, scene, "large-type-", cut);
    assertEquals(List.of(), cut, "labels cut to … in large type");
    for (javafx.scene.Node chart : robot.lookup(n -> n.getId() != null && n.getId().startsWith("chart-")).queryAll()) {
      assertTrue(((javafx.scene.layout.Region) chart).getHeight() >= 9 * 22 - 1, chart.getId()
          + " squeezed to " + ((javafx.scene.layout.Region) chart).getHeight() + " px in large type");
    }
    ChartViewer loss = robot.lookup("#lossChart").query();
    assertEquals(22, loss.getChart().getTitle().getFont().getSize2D(), 0.01, "the charts' type follows too");
    robot.push(KeyCode.F5);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(13, loss.getChart().getTitle().getFont().getSize2D(), 0.01, "and comes back");
  }

  @Test
  void theWizardOpensInTheWindowsLargeTypeAndHasTheZoomKeys(FxRobot robot) throws Exception {
    robot.push(KeyCode.F5);
    TabPane views = robot.lookup("#views").query();
    robot.interact(() -> views.getSelectionModel().select(views.getTabs().stream()
        .filter(t -> t.getText().startsWith("Fine-tun")).findFirst().orElseThrow()));
    robot.clickOn("#newFinetune");
    WaitForAsyncUtils.waitForFxEvents();
    FinetunePane finetune = (FinetunePane) panes.stream().filter(p -> p instanceof FinetunePane).findFirst()
        .orElseThrow();
    Scene wizard = finetune.wizard().wizard().getDialog().getDialogPane().getScene();
    try {
      assertEquals(22 / 13.0, Zoom.of(wizard).get(), 1e-9, "the wizard takes the window's F5");
      assertEquals("-fx-font-size: 22.0px;", wizard.getRoot().getStyle());
      WaitForAsyncUtils.waitForFxEvents();
      WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
      WaitForAsyncUtils.waitForFxEvents();
      List<String> cut = new ArrayList<>();
      robot.interact(() -> collectCut(wizard.getRoot(), "wizard", wizard.getWidth(), cut));
      Screenshots.save(robot, wizard.getWindow(), "large-type-wizard");
      assertEquals(List.of(), cut, "labels cut to … in the wizard in large type");
      robot.interact(() -> wizard.getAccelerators().get(new KeyCodeCombination(KeyCode.DIGIT0,
          KeyCombination.SHORTCUT_DOWN)).run());
      assertEquals(1, Zoom.of(wizard).get(), 1e-9, "Ctrl 0 in the wizard");
    } finally {
      robot.interact(() -> finetune.wizard().wizard().getDialog().close());
      robot.push(KeyCode.F5);
    }
  }

  /**
   * Brings every tab to the front, and every view inside the Attention, Sentences and Explain tabs (found by id, in
   * any language), collects what is cut in each and saves a screenshot named {@code prefix} + where.
   */
  static void visitEveryView(FxRobot robot, Scene scene, String prefix, List<String> cut) {
    TabPane views = robot.lookup("#views").query();
    for (Tab tab : views.getTabs()) {
      robot.interact(() -> views.getSelectionModel().select(tab));
      visit(robot, scene, prefix, tab.getText(), cut);
      TabPane inner = tab.getContent().lookup("#attentionViews") instanceof TabPane t ? t
          : tab.getContent().lookup("#sentencesViews") instanceof TabPane s ? s
          : tab.getContent().lookup("#explainViews") instanceof TabPane x ? x : null;
      if (inner != null) {
        for (Tab view : inner.getTabs()) {
          robot.interact(() -> inner.getSelectionModel().select(view));
          visit(robot, scene, prefix, tab.getText() + "/" + view.getText(), cut);
        }
      }
    }
  }

  private static void visit(FxRobot robot, Scene scene, String prefix, String where, List<String> cut) {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> collectCut(scene.getRoot(), where, scene.getWidth(), cut));
    Screenshots.save(robot, prefix + where.replace('/', '-').replace(' ', '-').toLowerCase());
  }

  /**
   * Every shown Labeled whose skin draws other text than its own (cut to "…") or that runs off the
   * window's right edge (outside a scroll pane). Of a table only the column headers count: its
   * cells are the user's to widen, and it scrolls sideways, but a header cut to "Bes…" says nothing.
   */
  static void collectCut(Node node, String where, double windowWidth, List<String> cut) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof TableView<?> table) {
      for (Node header : table.lookupAll(".column-header")) {
        for (Node label : ((Parent) header).getChildrenUnmodifiable()) {
          if (label instanceof Labeled l && l.isVisible()) {
            collectCut(l, where + " (table #" + table.getId() + ")", Double.POSITIVE_INFINITY, cut);
          }
        }
      }
      return;
    }
    if (node instanceof ScrollPane) {
      windowWidth = Double.POSITIVE_INFINITY; // what is inside scrolls sideways
    }
    if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && l.getWidth() > 0) {
      Bounds b = l.localToScene(l.getLayoutBounds());
      if (b.getMaxX() > windowWidth + 1) {
        cut.add(where + ": \"" + l.getText() + "\" runs off the window at x = " + Math.round(b.getMaxX()));
      }
      for (Node child : l.getChildrenUnmodifiable()) {
        if (child instanceof Text t && !t.getText().equals(l.getText())) {
          cut.add(where + ": \"" + l.getText() + "\" shows \"" + t.getText() + "\" (" + l.getClass().getSimpleName()
              + (l.getId() == null ? "" : " #" + l.getId()) + ")");
        }
      }
    }
    if (node instanceof TextField f && !(f.getParent() instanceof Spinner<?>) && f.getWidth() > 0
        && f.getText().isEmpty() && f.getPromptText() != null && !f.getPromptText().isEmpty()
        && (f.getTooltip() == null || !f.getPromptText().equals(f.getTooltip().getText()))) {
      // An empty field's hint cut by the field's edge ("a .txt file or a fol"), with no tooltip to read it whole.
      Text hint = new Text(f.getPromptText());
      hint.setFont(f.getFont());
      double room = f.getWidth() - f.getInsets().getLeft() - f.getInsets().getRight();
      if (hint.getLayoutBounds().getWidth() > room + 0.5) {
        cut.add(where + ": field " + (f.getId() == null ? "" : "#" + f.getId()) + " shows part of its hint \""
            + f.getPromptText() + "\"");
      }
    }
        if (node instanceof Spinner<?> s && s.getEditor().getWidth() > 0) {
      // A number field too narrow for its number shows part of it ("1'" for 17), with no "…".
      TextField editor = s.getEditor();
      Text shown = new Text(editor.getText());
      shown.setFont(editor.getFont());
      double room = editor.getWidth() - editor.getInsets().getLeft() - editor.getInsets().getRight();
      if (shown.getLayoutBounds().getWidth() > room + 0.5) {
        cut.add(where + ": spinner " + (s.getId() == null ? "" : "#" + s.getId()) + " shows part of \""
            + editor.getText() + "\"");
      }
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collectCut(child, where, windowWidth, cut);
      }
    }
  }
}
