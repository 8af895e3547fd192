package org.bertworkbench.gui.shell;

import java.util.function.LongSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;
import org.bertworkbench.core.bench.ProcessMemory;
import org.bertworkbench.gui.text.Texts;

/**
 * The status bar's memory figure: what the whole process holds in RAM now (the kernel's VmRSS:
 * Java heap, PyTorch's tensors, malloc's free lists, the natives' code), read every two seconds.
 * Taken once at model load it went stale at once (issue 12: 9.6 GB held, 0.9 GB shown). Reading
 * {@code /proc/self/status} takes microseconds, so the FX thread's timeline reads it itself.
 */
final class MemoryGauge {

  private static final Texts T = Texts.of(MemoryGauge.class);

  static final Duration EVERY = Duration.seconds(2);

  private final LongSupplier residentMb;
  private final LongSupplier peakMb;
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
  private Timeline timeline;

  /** This process's memory, as the kernel counts it. */
  MemoryGauge() {
    this(ProcessMemory::residentMb, ProcessMemory::peakResidentMb);
  }

  /** Memory read from {@code residentMb} and {@code peakMb} (MiB, -1 unknown); a test passes its own. */
  MemoryGauge(LongSupplier residentMb, LongSupplier peakMb) {
    this.residentMb = residentMb;
    this.peakMb = peakMb;
    refresh();
  }

  /** Starts reading every {@link #EVERY} (on the FX thread). */
  void start() {
    if (timeline == null) {
      timeline = new Timeline(new KeyFrame(EVERY, e -> refresh()));
      timeline.setCycleCount(Timeline.INDEFINITE);
      timeline.play();
    }
  }

  void stop() {
    if (timeline != null) {
      timeline.stop();
      timeline = null;
    }
  }

  /** Reads the figures now. */
  void refresh() {
    long rss = residentMb.getAsLong();
    long peak = peakMb.getAsLong();
    int every = (int) EVERY.toSeconds();
    text.set(rss < 0 ? "" : T.format("MemoryGauge.text", size(rss)));
    detail.set(rss < 0 ? "" : peak < 0 ? T.format("MemoryGauge.detail", size(rss), every)
        : T.format("MemoryGauge.detailPeak", size(rss), size(peak), every));
  }

  /** "870 MB" below a gigabyte, else "1.3 GB" (MiB and GiB, as the kernel counts). */
  static String size(long mb) {
    return mb < 1024 ? T.format("MemoryGauge.mb", mb) : T.format("MemoryGauge.gb", mb / 1024.0);
  }

  /** "resident 1.3 GB"; empty where the kernel does not say (not Linux). */
  ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  /** The tooltip: what the figure is, and the peak. */
  ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }
}
