package org.bertworkbench.gui.attention;

import com.google.gson.GsonBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
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
 * Benchmark, not a test, on BERT-Base: the model view of 144 heads at 128 tokens (target: drawn in
 * under 100 ms) and hovering in the head view at 512 tokens (target: each update under 50 ms),
 * timed as the FX thread's whole action (drawing + image upload). Writes
 * target/bench/attention-views.json. Run:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=AttentionViewBench}
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class AttentionViewBench {

  WorkbenchViewModel vm;
  WorkbenchView view;
  AttentionPane pane;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    pane = new AttentionPane(vm);
    view = new WorkbenchView(vm, List.<WorkbenchPane>of(pane));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  @Test
  void measure(FxRobot robot) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("load_average_before", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    result.put("processors", Runtime.getRuntime().availableProcessors());
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);

    // Model view, 144 heads, 128 tokens.
    typeTokens(robot, 128);
    robot.interact(() -> pane.select("Head view"));
    float[][][][] attn = pane.viewModel().data().attentions();
    List<Double> thumbs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      ModelViewDrawing.thumbnails(attn);
      thumbs.add((System.nanoTime() - t0) / 1e6);
    }
    // The thumbnails are made in the background as soon as the input arrives; the FX thread only
    // scales 144 small images.
    double cold = time(robot, () -> pane.select("Model view"));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !pane.busy());
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      warm.add(time(robot, pane::drawModel));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("tokens", pane.viewModel().data().length());
    model.put("heads", ((ModelViewDrawing) pane.modelCanvas().drawing()).cells().size());
    model.put("first_draw_on_tab_switch_ms", round(cold));
    model.put("redraw_ms_median", round(median(warm)));
    model.put("redraw_ms_worst", round(max(warm)));
    model.put("thumbnails_background_ms", thumbs.stream().map(AttentionViewBench::round).toList());
    model.put("target_ms", 100);
    result.put("model_view_144_heads", model);

    // Head view, 512 tokens, every head shown, hover sweep down the left column then the right.
    typeTokens(robot, 512);
    double firstHead = time(robot, () -> pane.select("Head view"));
    List<Double> hovers = new ArrayList<>();
    HeadViewDrawing d = (HeadViewDrawing) pane.headCanvas().drawing();
    int t = pane.viewModel().data().length();
    for (int k = 0; k < 60; k++) {
      int row = (k * 37) % t;
      javafx.geometry.Point2D at = pane.headCanvas().toCanvas(k % 2 == 0 ? d.leftX() - 10 : d.rightX() + 10,
          d.rowY(row));
      double x = at.getX();
      double y = at.getY();
      MouseEvent move = new MouseEvent(MouseEvent.MOUSE_MOVED, x, y, 0, 0, MouseButton.NONE, 0,
          false, false, false, false, false, false, false, false, false, false, null);
      hovers.add(time(robot, () -> Event.fireEvent(pane.headCanvas(), move)));
    }
    List<Double> full = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      full.add(time(robot, pane::drawHead));
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("tokens", t);
    head.put("threshold", robot.lookup("#thresholdSlider").<javafx.scene.control.Slider>query().getValue());
    head.put("first_draw_ms", round(firstHead));
    head.put("full_redraw_ms_median", round(median(full)));
    head.put("lines_without_hover", lastLines(robot));
    head.put("hover_updates", hovers.size());
    head.put("hover_ms_median", round(median(hovers)));
    head.put("hover_ms_p90", round(percentile(hovers, 0.9)));
    head.put("hover_ms_worst", round(max(hovers)));
    head.put("target_ms", 50);
    result.put("head_view_hover_512", head);
    result.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Path out = Files.createDirectories(Path.of("target", "bench")).resolve("attention-views.json");
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(result));
  }

  private int lastLines(FxRobot robot) {
    int[] n = new int[1];
    robot.interact(() -> {
      pane.hoverHead(-1, -1);
      pane.drawHead();
      n[0] = ((HeadViewDrawing) pane.headCanvas().drawing()).linesDrawn();
    });
    return n[0];
  }

  private void typeTokens(FxRobot robot, int tokens) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < tokens * 8; i++) {
      text.append("Sentence number ").append(i).append(" talks about unaffable lighthouse keepers. ");
    }
    robot.interact(() -> {
      vm.maxLengthProperty().set(tokens);
      vm.textAProperty().set(text.toString());
    });
    WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().encoding().length() == tokens && pane.viewModel().data() != null
        && pane.viewModel().data().length() == tokens && !pane.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }

  private double time(FxRobot robot, Runnable onFx) {
    double[] ms = new double[1];
    robot.interact(() -> {
      long start = System.nanoTime();
      onFx.run();
      ms[0] = (System.nanoTime() - start) / 1e6;
    });
    WaitForAsyncUtils.waitForFxEvents();
    return ms[0];
  }

  private static double median(List<Double> v) {
    return percentile(v, 0.5);
  }

  private static double percentile(List<Double> v, double p) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    return s.get(Math.min(s.size() - 1, (int) Math.floor(p * s.size())));
  }

  private static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
