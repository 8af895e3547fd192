package org.bertworkbench.gui.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.bertworkbench.core.bench.ProcessMemory;
import org.bertworkbench.core.device.DeviceProbe;
import org.bertworkbench.gui.app.WholeWindow;
import org.bertworkbench.gui.attention.AttentionPane;
import org.bertworkbench.gui.embeddings.EmbeddingsPane;
import org.bertworkbench.gui.fillmask.FillMaskPane;
import org.bertworkbench.gui.layers.LayersPane;
import org.bertworkbench.gui.pretrain.PretrainPane;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.tokens.TokensPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Benchmark, not a test: issue 12's memory sequence replayed in the whole window (every pane, as
 * WorkbenchApp builds them, headless): BERT-Base loaded and idle, a long analysis looked at in
 * every tab, heads ranked over the sample inputs, a short BERT-Base fine-tuning from the wizard,
 * idle again. After each step's work has ended and the window was left alone for
 * {@link #SETTLE_SECONDS}, it prints {@code step, rss_mb, peak_mb} (resident then, and the highest
 * resident sampled every 50 ms during the step) with the Java heap and the live
 * DJL arrays beside them, and writes target/bench/window-memory.json. Resident memory is the whole
 * process's, so run it alone, in its own JVM:
 * {@code mvn -B -o test -Dbench.excluded=none -Dgroups=bench -Dtest=WindowMemoryBench}
 * Sizes are options: {@code -Dbench.tokens=512 -Dbench.finetune.batch=8 -Dbench.finetune.length=128
 * -Dbench.finetune.rows=40 -Dbench.idle.seconds=10 -Dbench.settle.seconds=20}. Printed, never asserted.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class WindowMemoryBench {

  static final int TOKENS = Integer.getInteger("bench.tokens", 512);
  static final int FT_BATCH = Integer.getInteger("bench.finetune.batch", 8);
  static final int FT_LENGTH = Integer.getInteger("bench.finetune.length", 128);
  static final int FT_ROWS = Integer.getInteger("bench.finetune.rows", 40);
  static final int IDLE_SECONDS = Integer.getInteger("bench.idle.seconds", 10);
  /**
   * How long the window is left alone after a step's work ended before its figure is taken: long
   * enough for the window's MemoryRelease (a trim check every 5 s, G1's idle collection after 15 s).
   * The figure at the moment the work ended is reported beside it.
   */
  static final int SETTLE_SECONDS = Integer.getInteger("bench.settle.seconds", 20);
  /** Diagnosis only: after each step also collect the Java heap, then trim malloc, and say what each gave back. */
  static final boolean DIAGNOSE = Boolean.getBoolean("bench.diagnose");

  @TempDir
  Path dir;
  WholeWindow window;
  WorkbenchViewModel vm;
  List<WorkbenchPane> panes;
  FinetunePane finetune;
  AttentionPane attention;
  final AtomicLong stepPeak = new AtomicLong();
  /** Resident memory once a second during the current step, MiB: where in the step the peak was. */
  final List<Long> series = java.util.Collections.synchronizedList(new ArrayList<>());
  /** The mapped-file part of it at the same moments. */
  final List<Long> fileSeries = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<Map<String, Object>> steps = new ArrayList<>();

  @Start
  void start(Stage stage) {
    // As WorkbenchApp.panes, with the runs in a temporary folder.
    window = WholeWindow.show(stage, 1400, 900, model -> {
      attention = new AttentionPane(model);
      finetune = new FinetunePane(dir.resolve("runs"), DeviceProbe.system(),
          () -> List.copyOf(model.modelChoices()), m -> { }, model::load);
      return List.of(new TokensPane(model), new EmbeddingsPane(model), new LayersPane(model),
          new FillMaskPane(model), attention, new PretrainPane(model), finetune);
    });
    vm = window.vm;
    panes = window.panes;
  }

  @AfterEach
  void stop(FxRobot robot) {
    window.close(robot);
  }

  @Test
  void replayIssue12(FxRobot robot) throws Exception {
    Thread sampler = new Thread(() -> {
      for (long tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
        long rss = ProcessMemory.residentMb();
        stepPeak.accumulateAndGet(rss, Math::max);
        if (tick % 20 == 0) {
          synchronized (series) {
            series.add(rss);
            fileSeries.add(ProcessMemory.residentFileMb());
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    TabPane tabs = robot.lookup("#views").queryAs(TabPane.class);

    robot.interact(() -> {
      vm.textAProperty().set("The cat sat on the [MASK].");
      vm.load("bert-base-uncased");
    });
    waitIdle(robot, 300);
    showEveryTab(robot, tabs);
    Thread.sleep(IDLE_SECONDS * 1000L);
    record("idle, BERT-Base loaded");

    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < TOKENS * 8; i++) {
      text.append("Sentence number ").append(i).append(" talks about unaffable lighthouse keepers. ");
    }
    robot.interact(() -> {
      vm.maxLengthProperty().set(TOKENS);
      vm.textAProperty().set(text + "The [MASK] was bright.");
    });
    WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> Fx.call(robot, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().encoding().length() == TOKENS));
    waitIdle(robot, 300);
    showEveryTab(robot, tabs);
    record(TOKENS + "-token analysis, every tab shown");

    robot.interact(() -> {
      tabs.getSelectionModel().select(4);
      attention.rankHeadsOnSamples();
    });
    TableView<?> rankTable = robot.lookup("#rankTable").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(1800, TimeUnit.SECONDS, () -> Fx.call(robot, () -> !rankTable.getItems().isEmpty()));
    waitIdle(robot, 300);
    record("heads ranked over the sample inputs");

    robot.interact(() -> tabs.getSelectionModel().select(6));
    WizardRuns.Launched run = launchBertBase(robot);
    new WizardRuns(robot, finetune, dir).awaitEnd(run);
    waitIdle(robot, 300);
    record("BERT-Base fine-tuned in the window (batch " + FT_BATCH + ", length " + FT_LENGTH + ")");

    Thread.sleep(IDLE_SECONDS * 1000L);
    record("idle at the end");
    sampler.interrupt();

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tokens", TOKENS);
    doc.put("finetune_batch", FT_BATCH);
    doc.put("finetune_length", FT_LENGTH);
    doc.put("finetune_rows", FT_ROWS);
    doc.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    doc.put("steps", steps);
    doc.put("vm_hwm_mb", ProcessMemory.peakResidentMb());
    Path out = Files.createDirectories(Path.of("target", "bench")).resolve("window-memory.json");
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(doc));
    System.out.println("window-memory: " + out.toAbsolutePath());
  }

  /** Every tab in turn, each given time to compute and draw what it shows. */
  private void showEveryTab(FxRobot robot, TabPane tabs) throws Exception {
    for (int t = 0; t < tabs.getTabs().size(); t++) {
      int index = t;
      robot.interact(() -> tabs.getSelectionModel().select(index));
      waitIdle(robot, 300);
    }
    robot.interact(() -> tabs.getSelectionModel().select(0));
    waitIdle(robot, 300);
  }

  /** Waits until no view computes on the model (two checks 300 ms apart, so that a queued redraw is seen). */
  private void waitIdle(FxRobot robot, int seconds) throws Exception {
    BooleanSupplier idle = () -> !Fx.call(robot, () -> vm.busy() || finetune.runs().busy());
    for (int twice = 0; twice < 2; twice++) {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, idle::getAsBoolean);
      WaitForAsyncUtils.waitForFxEvents();
      Thread.sleep(300);
    }
  }

  /** The wizard with BERT-Base, {@link #FT_ROWS} inputs of about {@link #FT_LENGTH} pieces, one epoch. */
  private WizardRuns.Launched launchBertBase(FxRobot robot) throws Exception {
    Path train = longClassifyData(dir, FT_ROWS, FT_LENGTH);
    FinetuneWizard[] opened = new FinetuneWizard[1];
    robot.interact(() -> opened[0] = finetune.openWizard());
    WizardDriver w = new WizardDriver(robot, opened[0]);
    robot.clickOn("#task-classify");
    w.next(WizardViewModel.Page.TASK);
    robot.interact(() -> {
      w.vm().data().trainFileProperty().set(train.toString());
      w.vm().data().devFractionProperty().set("20%");
    });
    w.settle();
    w.next(WizardViewModel.Page.DATA);
    robot.interact(() -> w.vm().modelProperty().set("bert-base-uncased"));
    w.next(WizardViewModel.Page.MODEL);
    robot.interact(() -> {
      HyperChoices h = w.vm().hyper();
      h.learningRateProperty().set("3e-5");
      h.batchSizeProperty().set(String.valueOf(FT_BATCH));
      h.epochsProperty().set("1");
      h.maxLengthProperty().set(String.valueOf(FT_LENGTH));
      h.seedProperty().set("7");
    });
    w.next(WizardViewModel.Page.HYPERPARAMETERS);
    w.next(WizardViewModel.Page.DEVICE);
    robot.interact(() -> w.vm().runNameProperty().set("memory"));
    w.settle();
    robot.clickOn("#launchButton");
    return new WizardRuns.Launched(w, dir.resolve("runs").resolve("memory"), null);
  }

  /** Sentences long enough to be cut at {@code length} pieces, labelled by their topic. */
  static Path longClassifyData(Path dir, int rows, int length) throws Exception {
    Random r = new Random(3);
    String[] wet = {"rain", "river", "water", "sea", "flood"};
    String[] dry = {"desert", "sand", "dust", "drought", "stone"};
    StringBuilder s = new StringBuilder("sentence\tlabel\n");
    for (int i = 0; i < rows; i++) {
      boolean isWet = r.nextBoolean();
      String[] topic = isWet ? wet : dry;
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < length; k++) {
        line.append(k % 3 == 0 ? topic[r.nextInt(topic.length)] : "the").append(' ');
      }
      s.append(line.toString().trim()).append('\t').append(isWet ? "wet" : "dry").append('\n');
    }
    return Files.writeString(dir.resolve("long-classify.tsv"), s);
  }

  static String trimNativeHeap() {
    try {
      return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
          new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
          new Object[] {null}, new String[] {String[].class.getName()})).trim();
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** Notes the step's figures and starts the next step's peak from now. */
  private void record(String step) throws InterruptedException {
    long atEnd = ProcessMemory.residentMb();
    Thread.sleep(SETTLE_SECONDS * 1000L);
    long rss = ProcessMemory.residentMb();
    long peak = Math.max(stepPeak.getAndSet(rss), rss);
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    List<NDArray> arrays;
    try (NDManager probe = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
      // Every base manager's parent is the engine's system manager: it holds every live array.
      arrays = probe.getParentManager() instanceof ai.djl.ndarray.BaseNDManager m ? m.getManagedArrays() : List.of();
    }
    long ndBytes = 0;
    for (NDArray a : arrays) {
      if (!a.isReleased()) {
        ndBytes += a.getShape().size() * a.getDataType().getNumOfBytes();
      }
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", step);
    row.put("rss_mb", rss);
    row.put("rss_when_work_ended_mb", atEnd);
    row.put("peak_mb", peak);
    row.put("rss_anon_mb", ProcessMemory.residentAnonMb());
    row.put("rss_file_mb", ProcessMemory.residentFileMb());
    row.put("heap_used_mb", heap.getUsed() >> 20);
    row.put("heap_committed_mb", heap.getCommitted() >> 20);
    row.put("nd_arrays", arrays.size());
    row.put("nd_mb", ndBytes >> 20);
    synchronized (series) {
      row.put("rss_each_second_mb", List.copyOf(series));
      row.put("rss_file_each_second_mb", List.copyOf(fileSeries));
      series.clear();
      fileSeries.clear();
    }
    System.out.printf("step, rss_mb, peak_mb: %s, %d, %d  (%d when the work ended; anon %d, file %d; heap used %d / committed %d MB;"
        + " %d DJL arrays %d MB, views counted again)%n", step, rss, peak, atEnd, ProcessMemory.residentAnonMb(),
        ProcessMemory.residentFileMb(), heap.getUsed() >> 20, heap.getCommitted() >> 20, arrays.size(), ndBytes >> 20);
    if (DIAGNOSE) {
      System.gc();
      row.put("diag_rss_after_gc_mb", ProcessMemory.residentMb());
      row.put("diag_heap_after_gc_mb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
      row.put("diag_trim", trimNativeHeap());
      row.put("diag_rss_after_trim_mb", ProcessMemory.residentMb());
      System.out.println("  diagnosis: " + row);
    }
    steps.add(row);
  }
}
