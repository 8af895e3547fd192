package org.bertworkbench.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.bertworkbench.core.tokenize.TraceStep;
import org.bertworkbench.gui.fillmask.FillMaskPane;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.tokens.StepCanvasCells;
import org.bertworkbench.gui.tokens.TokensPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window driven headless on Google's BERT-Base: load, type a pair, step through, fill masks. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

  WorkbenchViewModel vm;
  WorkbenchView view;
  TokensPane tokens;
  FillMaskPane fillMask;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    tokens = new TokensPane(vm);
    fillMask = new FillMaskPane(vm);
    view = new WorkbenchView(vm, List.<WorkbenchPane>of(tokens, fillMask));
    stage.setScene(new Scene(view.root(), 1280, 820));
    stage.show();
  }

  void loadBertBase(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  void typeAndWait(FxRobot robot, String a, String b) throws Exception {
    robot.interact(() -> {
      vm.textAProperty().set(a);
      vm.textBProperty().set(b);
    });
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().textA().equals(a)
        && String.valueOf(vm.analysisProperty().get().textB()).equals(b.isEmpty() ? "null" : b));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void ctrlAndADigitGoesToThatView(FxRobot robot) throws Exception {
    loadBertBase(robot);
    javafx.scene.control.TabPane tabs = robot.lookup("#views").queryAs(javafx.scene.control.TabPane.class);
    robot.clickOn("#textA");
    robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DIGIT2)
        .release(javafx.scene.input.KeyCode.CONTROL);
    assertEquals("Fill-mask", tabs.getSelectionModel().getSelectedItem().getText());
    robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.DIGIT1)
        .release(javafx.scene.input.KeyCode.CONTROL);
    assertEquals("Tokens", tabs.getSelectionModel().getSelectedItem().getText());
  }

  @Test
  void loadTypeAndSeePredictions(FxRobot robot) throws Exception {
    loadBertBase(robot);
    assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().contains("109,482,240"));
    robot.clickOn("#textA").write("Hello I'm a [MASK] model.");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().textA().equals("Hello I'm a [MASK] model."));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("Fill-mask");
    assertEquals(List.of("fashion", "role", "new", "super", "fine"), fillMask.shownTokens());
    Screenshots.save(robot, "fill-mask");
  }

  @Test
  void stepThroughEveryTokenizerStageOfAPair(FxRobot robot) throws Exception {
    loadBertBase(robot);
    typeAndWait(robot, "Unaffable Zoë!", "Où est le café?");
    robot.clickOn("Tokens");
    robot.interact(() -> tokens.goToStep(0));
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TraceStep step = tokens.currentStep();
      seen.add(step.id());
      String title = robot.lookup("#stepTitle").queryAs(Label.class).getText();
      assertTrue(title.contains(step.title()), title);
      assertFalse(robot.lookup("#stepExplanation").queryAs(Label.class).getText().isBlank());
      if (step.id().equals("raw") || step.id().equals("lowercase") || step.id().equals("wordpiece")
          || step.id().equals("padding")) {
        Screenshots.save(robot, "tokens-step-" + step.id());
      }
      if (step.id().equals("padding")) {
        break;
      }
      robot.clickOn("#nextStep");
    }
    assertEquals(List.of("raw", "cleaned", "cjk", "lowercase", "whitespace", "punctuation", "wordpiece",
        "truncation", "special", "ids", "segments", "positions", "padding"), seen);
    TraceStep lower = vm.analysisProperty().get().traced().trace().step("lowercase");
    assertEquals("unaffable zoe!", lower.row("A").text());
    String attempts = robot.lookup("#wordPieceAttempts").queryAs(javafx.scene.control.TextArea.class).getText();
    assertTrue(attempts.contains("unaffable → una ##ffa ##ble"), attempts);

    @SuppressWarnings("unchecked")
    TableView<TokensPane.TokenRow> table = robot.lookup("#tokenTable").queryAs(TableView.class);
    List<String> shown = table.getItems().stream().map(TokensPane.TokenRow::token).toList();
    assertEquals(List.of("[CLS]", "una", "##ffa", "##ble", "zoe", "!", "[SEP]", "ou", "est", "le", "cafe", "?", "[SEP]"), shown);
    TokensPane.TokenRow zoe = table.getItems().get(4);
    assertEquals(0, zoe.segment());
    assertEquals("A 10–13 \"Zoë\"", zoe.from());
    assertEquals(1, table.getItems().get(10).segment());
  }

  @Test
  void clickingATokenMasksIt(FxRobot robot) throws Exception {
    loadBertBase(robot);
    typeAndWait(robot, "The cat sat on the mat.", "");
    robot.clickOn("Tokens");
    WaitForAsyncUtils.waitForFxEvents();
    // The last step (padding) is shown: its "tokens" row is [CLS] the cat sat ...; double-click "cat"
    // on the canvas, where the user would.
    AtomicReference<Point2D> cat = new AtomicReference<>();
    robot.interact(() -> {
      assertEquals("padding", tokens.currentStep().id());
      assertEquals("cat", StepCanvasCells.text(tokens, "tokens", 2));
      cat.set(StepCanvasCells.screenCentre(tokens, "tokens", 2));
    });
    // The README: "double-click a token to mask it"; a single click masks nothing.
    robot.moveTo(cat.get()).clickOn(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("The cat sat on the mat.", vm.textAProperty().get(), "a single click masks nothing");
    robot.moveTo(cat.get()).doubleClickOn(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().textA().equals("The [MASK] sat on the mat."));
    WaitForAsyncUtils.waitForFxEvents();

    assertEquals("The [MASK] sat on the mat.", robot.lookup("#textA").queryAs(TextField.class).getText());
    @SuppressWarnings("unchecked")
    TableView<TokensPane.TokenRow> table = robot.lookup("#tokenTable").queryAs(TableView.class);
    assertEquals(List.of("[CLS]", "the", "[MASK]", "sat", "on", "the", "mat", ".", "[SEP]"),
        table.getItems().stream().map(TokensPane.TokenRow::token).toList());
    robot.interact(() -> assertEquals("[MASK]", StepCanvasCells.text(tokens, "tokens", 2)));
    assertEquals(1, vm.analysisProperty().get().masks().size());
  }

  @Test
  void badInputKeepsTheWindowUsable(FxRobot robot) throws Exception {
    loadBertBase(robot);
    typeAndWait(robot, "A fine sentence.", "");
    robot.interact(() -> vm.load("/no/such/model/folder"));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.errorProperty().get().startsWith("Could not load"));
    Label error = robot.lookup("#errorLabel").queryAs(Label.class);
    assertTrue(error.getText().startsWith("Could not load /no/such/model/folder"), error.getText());
    assertEquals(1, error.getText().lines().count());
    assertEquals("bert-base-uncased", vm.modelProperty().get().name());

    robot.interact(() -> vm.textAProperty().set("   "));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.errorProperty().get().startsWith("Type a sentence"));
    assertEquals("A fine sentence.", vm.analysisProperty().get().textA());

    String longText = "word ".repeat(2000);
    typeAndWait(robot, longText, "");
    assertTrue(vm.errorProperty().get().contains("truncated"), vm.errorProperty().get());
    assertEquals(128, vm.analysisProperty().get().encoding().length());
  }
}
