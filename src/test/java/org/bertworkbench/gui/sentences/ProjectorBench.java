package org.bertworkbench.gui.sentences;

import com.google.gson.GsonBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Benchmark, not a test: the projector with 100,000 points (synthetic 384-dimensional vectors in 25
 * labelled clusters, so that 20 labels get colours and 5 are "other"). How long does the PCA and
 * the points' image take off the FX thread, and how long is the FX thread busy at most while the
 * drawing arrives, the window is resized (the points drawn again at a new size) and points are
 * clicked? An AnimationTimer notes the gap between pulses, as {@code UiResponsivenessBench} does.
 * Prints the figures and writes target/bench/projector.json. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=ProjectorBench}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ProjectorBench {

  static final int N = 100_000;
  static final int H = 384;
  static final int CLUSTERS = 25;

  WorkbenchViewModel vm;
  ProjectorPane pane;
  Stage stage;
  final List<Double> gapsMs = new ArrayList<>();
  final List<String> gapPhases = new ArrayList<>();
  volatile String phase = "idle";
  long lastPulse;
  volatile long lastPulseClock;
  /** What the FX thread was doing while a pulse was over 50 ms late: phase | top frames -> 5 ms samples. */
  final Map<String, Integer> stallFrames = new java.util.concurrent.ConcurrentHashMap<>();

  @Start
  void start(Stage stage) {
    this.stage = stage;
    vm = new WorkbenchViewModel();
    pane = new ProjectorPane(vm);
    stage.setScene(new Scene(new WorkbenchView(vm, List.<WorkbenchPane>of(pane)).root(), 1400, 900));
    stage.show();
  }

  @Test
  void measure(FxRobot robot) throws Exception {
    Random r = new Random(7);
    float[][] centres = new float[CLUSTERS][H];
    for (float[] c : centres) {
      for (int d = 0; d < H; d++) {
        c[d] = (float) r.nextGaussian();
      }
    }
    float[][] vectors = new float[N][H];
    List<SentenceFile.Line> lines = new ArrayList<>(N);
    String[] labels = new String[N];
    for (int i = 0; i < N; i++) {
      int k = (int) Math.min(CLUSTERS - 1, Math.abs(r.nextGaussian()) * 8);
      for (int d = 0; d < H; d++) {
        vectors[i][d] = centres[k][d] + (float) (0.8 * r.nextGaussian());
      }
      lines.add(new SentenceFile.Line(i + 1, "synthetic sentence " + i));
      labels[i] = "cluster " + k;
    }
    ProjectorViewModel.Labelled in = new ProjectorViewModel.Labelled(lines, labels);

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
    sampler.start();
    robot.interact(timer::start);
    Thread.sleep(1000);
    Map<String, Object> actions = new LinkedHashMap<>();
    phase = "projecting 100,000 vectors (PCA and the points' image on the worker)";
    long start = System.nanoTime();
    actions.put("submit (FX part)", time(robot, () -> pane.projectVectors(in, vectors, "synthetic")));
    WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !pane.busy());
    WaitForAsyncUtils.waitForFxEvents();
    double projectMs = (System.nanoTime() - start) / 1e6;
    ProjectorDrawing d = (ProjectorDrawing) pane.canvas().drawing();
    java.awt.image.BufferedImage made = d.image();
    phase = "redraw with the image made";
    actions.put("redraw, points' image cached", time(robot, () -> pane.canvas().redraw()));
    System.out.println("points' image made on the worker still used on screen: " + (made == d.image()));
    int[][] sizes = {{1200, 800}, {1600, 1000}, {1000, 700}, {1400, 900}};
    double resize = 0;
    for (int[] s : sizes) {
      phase = "resize to " + s[0] + "x" + s[1];
      resize = Math.max(resize, time(robot, () -> {
        stage.setWidth(s[0]);
        stage.setHeight(s[1]);
        pane.canvas().getParent().layout();
        pane.canvas().layout();
      }));
    }
    actions.put("resize window (FX part; the layout follows in the next pulse, see the gaps)", resize);
    phase = "canvas resized, points drawn again on the FX thread";
    double redrawNew = 0;
    for (int[] s : sizes) {
      redrawNew = Math.max(redrawNew, time(robot, () -> {
        pane.canvas().resize(s[0] * 0.7, s[1] * 0.6);
        pane.canvas().layout();
      }));
    }
    actions.put("canvas resized and drawn, 100,000 points written at the new size (worst of 4)", redrawNew);
    robot.interact(() -> pane.canvas().getParent().requestLayout());
    WaitForAsyncUtils.waitForFxEvents();
    phase = "show the drawing (what its delivery does on the FX thread)";
    actions.put("show the drawing, as its delivery does", time(robot, () -> pane.canvas().show(d, d::table,
        "projector")));
    phase = "clicks";
    double click = 0;
    for (int k = 0; k < 40; k++) {
      double x = pane.canvas().getWidth() * (k % 8 + 0.5) / 8;
      double y = pane.canvas().getHeight() * (k / 8 + 0.5) / 5;
      javafx.geometry.Point2D at = pane.canvas().localToScene(x, y); // a fired event's x and y are the scene's
      MouseEvent e = new MouseEvent(MouseEvent.MOUSE_CLICKED, at.getX(), at.getY(), 0, 0, MouseButton.PRIMARY, 1,
          false, false, false, false, true, false, false, false, false, true, null);
      click = Math.max(click, time(robot, () -> Event.fireEvent(pane.canvas(), e)));
    }
    actions.put("click a point: pick, select, redraw (worst of 40)", click);
    phase = "open in the other views";
    actions.put("open in the other views", time(robot, () -> pane.openSelected()));
    Thread.sleep(1000);
    robot.interact(timer::stop);
    sampler.interrupt();

    double maxGap = gapsMs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double maxAction = actions.values().stream().mapToDouble(v -> (Double) v).max().orElse(0);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("points", d.size());
    result.put("dimensions", H);
    result.put("labels_coloured", d.legend().size());
    result.put("points_other", d.otherCount());
    result.put("project_ms_worker", round(projectMs));
    result.put("max_fx_action_ms", round(maxAction));
    result.put("max_pulse_gap_ms", round(maxGap));
    result.put("fx_actions_ms", actions);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < gapsMs.size(); i++) {
      order.add(i);
    }
    order.sort((x, y) -> Double.compare(gapsMs.get(y), gapsMs.get(x)));
    List<String> worst = new ArrayList<>();
    for (int i = 0; i < Math.min(5, order.size()); i++) {
      worst.add(round(gapsMs.get(order.get(i))) + " ms during " + gapPhases.get(order.get(i)));
    }
    result.put("longest_pulse_gaps", worst);
    Map<String, Integer> stalls = new LinkedHashMap<>();
    stallFrames.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(10)
        .forEach(e -> stalls.put(e.getKey(), e.getValue()));
    result.put("fx_thread_while_pulse_late_5ms_samples", stalls);
    String json = new GsonBuilder().setPrettyPrinting().create().toJson(result);
    System.out.println(json);
    Path out = Files.createDirectories(Path.of("target", "bench")).resolve("projector.json");
    Files.writeString(out, json);
    robot.interact(() -> pane.shutdown());
  }

  /** Samples the FX thread every 5 ms while the next pulse is over 50 ms late: which code the stalls are. */
  private Thread stallSampler(Thread fx) {
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
        if (lastPulseClock == 0 || System.nanoTime() - lastPulseClock < 50_000_000L) {
          continue;
        }
        StackTraceElement[] stack = fx.getStackTrace();
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < Math.min(3, stack.length); i++) {
          where.append(i == 0 ? "" : " < ").append(stack[i].getClassName()).append('.')
              .append(stack[i].getMethodName());
        }
        stallFrames.merge(phase + " | " + where, 1, Integer::sum);
      }
    }, "stall-sampler");
    sampler.setDaemon(true);
    return sampler;
  }

  private static double time(FxRobot robot, Runnable onFx) {
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
