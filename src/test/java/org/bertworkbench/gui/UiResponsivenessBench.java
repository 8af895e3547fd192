package org.bertworkbench.gui;

import com.google.gson.GsonBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.bertworkbench.gui.app.WorkbenchApp;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.tokens.TokensPane;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Benchmark, not a test: with a 512-token input on BERT-Base, how long does the FX thread stay
 * busy? An AnimationTimer notes the gap between consecutive pulses while the benchmark switches
 * every view, steps through every tokenizer stage and sweeps the mouse over the drawings.
 * Writes target/bench/ui-responsiveness.json. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=UiResponsivenessBench}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class UiResponsivenessBench {

  WorkbenchViewModel vm;
  List<WorkbenchPane> panes;
  final List<Double> gapsMs = new ArrayList<>();
  final List<String> gapPhases = new ArrayList<>();
  volatile String phase = "idle";
  long lastPulse;
  volatile long lastPulseClock;
  /** What the FX thread was doing while a pulse was late: our top frame -> samples (5 ms each). */
  final Map<String, Integer> stallFrames = new java.util.concurrent.ConcurrentHashMap<>();

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    panes = WorkbenchApp.panes(vm);
    stage.setScene(new Scene(new WorkbenchView(vm, panes).root(), 1400, 900));
    stage.show();
  }

  @Test
  void measure(FxRobot robot) throws Exception {
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 4000; i++) {
      text.append("Sentence number ").append(i).append(" talks about unaffable lighthouse keepers. ");
    }
    robot.interact(() -> {
      vm.maxLengthProperty().set(512);
      vm.textAProperty().set(text.toString());
    });
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().encoding().length() == 512);

    AnimationTimer timer = new AnimationTimer() {
      @Override
      public void handle(long now) {
        if (lastPulse != 0) {
          gapsMs.add((now - lastPulse) / 1e6);
          gapPhases.add(phase);
        }
        lastPulse = now;
        lastPulseClock = System.nanoTime();
      }
    };
    Thread[] fx = new Thread[1];
    robot.interact(() -> fx[0] = Thread.currentThread());
    Thread sampler = stallSampler(fx[0]);
    robot.interact(timer::start);
    sampler.start();
    Thread.sleep(2000);
    phase = "settled, before any action";
    Map<String, Double> actions = new LinkedHashMap<>();
    TabPane tabs = robot.lookup("#views").queryAs(TabPane.class);
    for (int t = 0; t < tabs.getTabs().size(); t++) {
      int index = t;
      phase = "show tab " + t;
      actions.put("show tab " + tabs.getTabs().get(t).getText(),
          time(robot, () -> tabs.getSelectionModel().select(index)));
      sweepMouse(robot, tabs.getTabs().get(t).getContent(), actions, tabs.getTabs().get(t).getText());
    }
    TokensPane tokens = (TokensPane) panes.get(0);
    robot.interact(() -> tabs.getSelectionModel().select(0));
    for (int s = 0; s < 13; s++) {
      int step = s;
      phase = "step " + s;
      actions.put("tokenizer step " + s, time(robot, () -> tokens.goToStep(step)));
    }
    phase = "recompute";
    actions.put("recompute analysis on new text (FX part)", time(robot,
        () -> vm.textAProperty().set(text + " One more.")));
    Thread.sleep(3000);
    robot.interact(timer::stop);
    sampler.interrupt();

    double maxGap = gapsMs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double maxAction = actions.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tokens", 512);
    result.put("pulses", gapsMs.size());
    result.put("max_pulse_gap_ms", round(maxGap));
    result.put("max_fx_action_ms", round(maxAction));
    result.put("fx_actions_ms", actions);
    List<String> worst = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < gapsMs.size(); i++) {
      order.add(i);
    }
    order.sort((x, y) -> Double.compare(gapsMs.get(y), gapsMs.get(x)));
    for (int i = 0; i < Math.min(5, order.size()); i++) {
      worst.add(round(gapsMs.get(order.get(i))) + " ms during " + gapPhases.get(order.get(i)));
    }
    result.put("longest_pulse_gaps", worst);
    Map<String, Integer> stalls = new LinkedHashMap<>();
    stallFrames.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
        .forEach(e -> stalls.put(e.getKey(), e.getValue()));
    result.put("fx_thread_while_pulse_late_5ms_samples", stalls);
    Path out = Files.createDirectories(Path.of("target", "bench")).resolve("ui-responsiveness.json");
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(result));
  }

  /**
   * Samples the FX thread's stack every 5 ms while the next pulse is more than 60 ms late, and
   * counts the frames of ours (or the top frame) it was in: says which code the stalls are.
   */
  private Thread stallSampler(Thread fx) {
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
        if (lastPulseClock == 0 || System.nanoTime() - lastPulseClock < 60_000_000L) {
          continue;
        }
        StackTraceElement[] stack = fx.getStackTrace();
        String where = stack.length == 0 ? "?" : stack[0].toString();
        for (StackTraceElement frame : stack) {
          if (frame.getClassName().startsWith("org.bertworkbench")) {
            where = frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber()
                + " (top " + stack[0].getClassName() + "." + stack[0].getMethodName() + ")";
            break;
          }
        }
        stallFrames.merge(phase + " | " + where, 1, Integer::sum);
      }
    }, "stall-sampler");
    sampler.setDaemon(true);
    return sampler;
  }

  /** Moves the mouse across a view's drawing canvases, timing each move's handling on the FX thread. */
  private void sweepMouse(FxRobot robot, Node content, Map<String, Double> actions, String tab) {
    for (Node canvas : content.lookupAll(".drawing-canvas")) {
      double worst = 0;
      phase = "hover " + tab;
      for (int k = 0; k < 40; k++) {
        double x = canvas.getLayoutBounds().getWidth() * (k % 20) / 20.0 + 5;
        double y = canvas.getLayoutBounds().getHeight() * (k / 20 + 1) / 3.0;
        MouseEvent move = new MouseEvent(MouseEvent.MOUSE_MOVED, x, y, 0, 0, MouseButton.NONE, 0,
            false, false, false, false, false, false, false, false, false, false, null);
        worst = Math.max(worst, time(robot, () -> Event.fireEvent(canvas, move)));
      }
      actions.merge("hover in " + tab + " (worst of 40)", worst, Math::max);
    }
  }

  private double time(FxRobot robot, Runnable onFx) {
    double[] ms = new double[1];
    robot.interact(() -> {
      long start = System.nanoTime();
      onFx.run();
      ms[0] = (System.nanoTime() - start) / 1e6;
    });
    WaitForAsyncUtils.waitForFxEvents();
    return round(ms[0]);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
