package org.bertworkbench.gui.finetune;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fine-tuning launched from the wizard as a user would, and waited for: shared by
 * FinetuneEndToEndTest (which checks what the run produced) and FinetuneTrainingBench (which times
 * it), so that both drive the same runs.
 */
final class WizardRuns {

  /** A run launched from the review page: the wizard that launched it, its folder, its spec. */
  record Launched(WizardDriver wizard, Path runDir, FinetuneSpec wanted) {}

  private final FxRobot robot;
  private final FinetunePane pane;
  private final Path dir;
  private Path base;

  /** Runs go to {@code dir}/runs, as {@code pane} was made. */
  WizardRuns(FxRobot robot, FinetunePane pane, Path dir) {
    this.robot = robot;
    this.pane = pane;
    this.dir = dir;
  }

  /**
   * The base: a freshly initialised small BERT (L2, H64) with the tiny sample model's vocabulary,
   * saved as a model folder (the sample model's own encoder gives nearly one vector for every
   * input, a poor start for a classifier: see core.finetune.GeneratedTasks).
   */
  Path base() throws Exception {
    if (base == null) {
      base = org.bertworkbench.core.finetune.GeneratedTasks.randomModel(dir.resolve("base-model"), 0.1, 5);
    }
    return base;
  }

  /**
   * Goes through the wizard with the small base model and small-model hyper-parameters and clicks
   * Launch; {@code onDataPage} runs on the data page once its reads are done.
   */
  Launched launch(String task, Path train, Consumer<WizardDriver> onDataPage, String name, int epochs,
      String lr) throws Exception {
    FinetuneWizard[] opened = new FinetuneWizard[1];
    robot.interact(() -> opened[0] = pane.openWizard());
    WizardDriver w = new WizardDriver(robot, opened[0]);
    robot.clickOn("#task-" + task);
    w.next(WizardViewModel.Page.TASK);
    robot.interact(() -> {
      w.vm().data().trainFileProperty().set(train.toString());
      w.vm().data().devFractionProperty().set("20%");
    });
    w.settle();
    onDataPage.accept(w);
    w.next(WizardViewModel.Page.DATA);
    Path model = base();
    robot.interact(() -> w.vm().modelProperty().set(model.toString()));
    w.next(WizardViewModel.Page.MODEL);
    robot.interact(() -> {
      HyperChoices h = w.vm().hyper();
      h.learningRateProperty().set(lr);
      h.batchSizeProperty().set("16");
      h.epochsProperty().set(String.valueOf(epochs));
      h.maxLengthProperty().set("32");
      h.seedProperty().set("7");
    });
    w.next(WizardViewModel.Page.HYPERPARAMETERS);
    w.next(WizardViewModel.Page.DEVICE);
    robot.interact(() -> w.vm().runNameProperty().set(name));
    w.settle();
    FinetuneSpec wanted = w.fx(() -> w.vm().specs()).get(0);
    robot.clickOn("#launchButton");
    return new Launched(w, dir.resolve("runs").resolve(name), wanted);
  }

  /** Waits until the runs tab shows the run ended (finished or not). */
  void awaitEnd(Launched run) throws Exception {
    WizardDriver w = run.wizard();
    try {
      // Generous: the machine running the tests may be shared.
      WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> w.fx(() -> pane.runs().training() == null
          && !pane.runs().runningProperty().get()
          && pane.runs().runs().stream().anyMatch(s -> s.dir().equals(run.runDir())
              && s.status().state() != FinetuneRun.State.RUNNING)));
    } catch (TimeoutException e) {
      throw new AssertionError("the run did not end: " + w.fx(() -> pane.runs().statusProperty().get()) + " / "
          + w.fx(() -> pane.runs().errorProperty().get()));
    }
  }
}
