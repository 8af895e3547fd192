package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the ControlsFX wizard from a TestFX test: its buttons, its pages' checks, screenshots. */
final class WizardDriver {

  private final FxRobot robot;
  private final FinetuneWizard wizard;

  WizardDriver(FxRobot robot, FinetuneWizard wizard) {
    this.robot = robot;
    this.wizard = wizard;
  }

  <T> T fx(Callable<T> read) {
    return Fx.call(robot, read);
  }

  WizardViewModel vm() {
    return wizard.viewModel();
  }

  /** The dialog's button of that kind on the current page. */
  Button button(ButtonBar.ButtonData data) {
    return fx(() -> wizard.wizard().getDialog().getDialogPane().getButtonTypes().stream()
        .filter(t -> t.getButtonData() == data)
        .map(t -> (Button) wizard.wizard().getDialog().getDialogPane().lookupButton(t)).findFirst().orElse(null));
  }

  /** The check of a page, once the background reads are done. */
  String problem(WizardViewModel.Page page) throws Exception {
    settle();
    return fx(() -> vm().problem(page));
  }

  /** Waits for the previews, reads and probes to finish. */
  void settle() throws Exception {
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !fx(() -> vm().busy()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Clicks "Next" (it must be enabled: the page's check passed). */
  void next(WizardViewModel.Page from) throws Exception {
    settle();
    Button next = button(ButtonBar.ButtonData.NEXT_FORWARD);
    assertNotNull(next, "a Next button on " + from);
    assertFalse(fx(next::isDisabled), "Next is enabled on " + from + "; page says: " + problem(from));
    robot.clickOn(next);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Asserts that the current page's "Next" is disabled and its problem line says {@code text}. */
  void blocked(WizardViewModel.Page page, String text) throws Exception {
    settle();
    String p = problem(page);
    assertNotNull(p, page + " should not be complete");
    if (!p.contains(text)) {
      throw new AssertionError(page + ": expected a problem with \"" + text + "\", got \"" + p + "\"");
    }
    Button next = button(page == WizardViewModel.Page.REVIEW ? ButtonBar.ButtonData.FINISH
        : ButtonBar.ButtonData.NEXT_FORWARD);
    assertEquals(Boolean.TRUE, fx(next::isDisabled), "the button is disabled while " + p);
  }

  /** The current page's title. */
  WizardViewModel.Page page() {
    return fx(() -> ((WizardPage) wizard.wizard().getDialog().getDialogPane()).page());
  }

  Window window() {
    return fx(() -> wizard.wizard().getDialog().getDialogPane().getScene().getWindow());
  }

  void screenshot(String name) {
    org.bertworkbench.gui.Screenshots.save(robot, window(), name);
  }
}
