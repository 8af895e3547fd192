package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.work.Latest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window for a minute ({@code -Dstress.seconds} to change it) of what an impatient user
 * does: switch models before the last one has finished loading, type while analyses run, flip
 * through every tab. No view may show an error, no background request may fail, nothing may be
 * thrown on any thread, and no stack trace may reach the console. (A replaced model used to be
 * closed at once, under the runners still computing on it: "Native resource has been released
 * already" in the embeddings' nearest-tokens panel.)
 */
@ExtendWith(ApplicationExtension.class)
class WindowStressTest {

  static final long SECONDS = Long.getLong("stress.seconds", 60);
  static final List<String> MODELS = List.of("sample-tiny", "sample-data/pretrain/tiny-model");
  static final List<String> TEXTS = List.of("The cat sat on the [MASK].", "A dog ran in the park.",
      "The [MASK] was warm and the sun shone.", "She read a book by the window.", "Paris is the capital of [MASK].");

  WholeWindow window;
  WorkbenchViewModel vm;
  List<WorkbenchPane> panes;

  @Start
  void start(Stage stage) {
    window = WholeWindow.show(stage, 1280, 820);
    vm = window.vm;
    panes = window.panes;
  }

  @AfterEach
  void stop(FxRobot robot) {
    window.close(robot);
  }

  @Test
  void switchingModelsTabsAndTextWhileAnalysesRunShowsNoError(FxRobot robot) throws Exception {
    List<String> failed = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger(Latest.class.getName());
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        failed.add(r.getMessage() + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(handler);
    Level level = log.getLevel();
    log.setLevel(Level.ALL);
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler uncaught = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> thrown.add(e));
    robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> thrown.add(e)));
    PrintStream console = System.err;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new Tee(console, copy), true, StandardCharsets.UTF_8));
    try {
      robot.interact(() -> vm.textAProperty().set(TEXTS.get(0)));
      robot.interact(() -> vm.load(MODELS.get(0)));
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null);
      TabPane tabs = robot.lookup("#views").queryAs(TabPane.class);
      int tabCount = tabs.getTabs().size();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      int round = 0;
      int loads = 0;
      while (System.nanoTime() < end) {
        int r = round++;
        if (r % 3 == 0) { // a new model while the last one's analyses (and maybe its load) still run
          String model = MODELS.get(loads++ % MODELS.size());
          robot.interact(() -> vm.load(model));
        }
        robot.interact(() -> vm.textAProperty().set(TEXTS.get(r % TEXTS.size())));
        robot.interact(() -> vm.textBProperty().set(r % 2 == 0 ? "" : "It was a long day."));
        for (int t = 0; t < tabCount; t++) {
          int tab = t;
          robot.interact(() -> tabs.getSelectionModel().select(tab));
          WaitForAsyncUtils.sleep(60 + (r * 37 + t * 11) % 90, TimeUnit.MILLISECONDS);
        }
      }
      String last = TEXTS.get((round - 1) % TEXTS.size());
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
          && vm.analysisProperty().get().textA().equals(last) && !vm.loader().isRunning());
      WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS); // the views' own work on the last input
      WaitForAsyncUtils.waitForFxEvents();
      robot.interact(() -> tabs.getSelectionModel().select(1)); // Embeddings: where the error used to stay
      WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
      WaitForAsyncUtils.waitForFxEvents();
      org.bertworkbench.gui.Screenshots.save(robot, "embeddings-after-model-switches");
      assertTrue(loads >= 5, "models switched " + loads + " times");
      assertEquals(List.of(), failed, "background requests that failed");
      assertEquals(List.of(), thrown, "exceptions thrown on a thread");
      assertEquals("", vm.errorProperty().get());
      String printed = copy.toString(StandardCharsets.UTF_8);
      assertFalse(printed.contains("Exception") || printed.contains("\tat "), "console: " + printed);
    } finally {
      System.setErr(console);
      Thread.setDefaultUncaughtExceptionHandler(uncaught);
      log.setLevel(level);
      log.removeHandler(handler);
    }
  }

  /** Writes to the console and keeps a copy. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final ByteArrayOutputStream b;

    Tee(OutputStream a, ByteArrayOutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) {
      try {
        a.write(c);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      synchronized (b) {
        b.write(c);
      }
    }
  }
}
