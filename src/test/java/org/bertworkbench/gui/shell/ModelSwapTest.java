package org.bertworkbench.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.gui.work.Latest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A model replaced while a view still computes on it stays open until that work is done. */
@ExtendWith(ApplicationExtension.class)
class ModelSwapTest {

  WorkbenchViewModel vm;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
  }

  static boolean open(LoadedBert m) {
    return m.model().weights().manager().isOpen();
  }

  @Test
  void aReplacedModelIsClosedOnlyAfterTheWorkStillUsingIt(FxRobot robot) throws Exception {
    Latest work = vm.modelWork("test-view");
    robot.interact(() -> vm.load("sample-tiny"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    LoadedBert first = vm.modelProperty().get();

    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Float> read = new AtomicReference<>();
    robot.interact(() -> work.submit(p -> {
      started.countDown();
      release.await();
      // What a view does with the model it was given: read its weights.
      return first.model().weights().all().get("bert.embeddings.word_embeddings.weight").getFloat(0, 0);
    }, read::set, message -> read.set(Float.NaN)));
    assertTrue(started.await(10, TimeUnit.SECONDS));

    robot.interact(() -> vm.load("sample-tiny"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != first);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(open(first), "the replaced model stays open while a view computes on it");

    release.countDown();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> read.get() != null);
    assertTrue(Float.isFinite(read.get()), "the work read the weights: " + read.get());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !open(first));
    assertTrue(open(vm.modelProperty().get()), "the new model is open");
    assertEquals(vm.modelProperty().get().name(), first.name());
    robot.interact(vm::shutdown);
  }
}
