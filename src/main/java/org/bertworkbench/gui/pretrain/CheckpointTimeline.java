package org.bertworkbench.gui.pretrain;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.pretrain.PretrainRun;
import org.bertworkbench.core.tensor.Engines;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The checkpoint timeline: a run's checkpoints, one chosen on a slider, and for a probe sentence
 * with [MASK] that checkpoint's fill-mask guesses and attention. Checkpoints load through one
 * {@link Latest} (newest request wins); its thread keeps one model open and closes it when another
 * loads.
 */
public final class CheckpointTimeline {

  static final int TOP_K = 5;

  /**
   * What one checkpoint made of the probe.
   *
   * @param step the checkpoint's step
   * @param tokens the probe's tokens
   * @param masks top-k guesses at every [MASK]
   * @param attentions [L][N][T][T]
   */
  public record Probe(long step, String text, List<String> tokens, List<FillMask.MaskPredictions> masks,
      float[][][][] attentions) {}

  private static final Texts T = Texts.of(CheckpointTimeline.class);

  private final Latest probes = new Latest("checkpoint-timeline");

  private final ObjectProperty<Path> run = new SimpleObjectProperty<>();
  private final ObservableList<Path> checkpoints = FXCollections.observableArrayList();
  private final IntegerProperty index = new SimpleIntegerProperty(-1);
  private final StringProperty probe = new SimpleStringProperty(
      "Then the small cat sees the [MASK] near the tree."); // i18n-ok: the model's input, for the English sample corpus
  private final ObjectProperty<Probe> result = new SimpleObjectProperty<>();
  private final StringProperty status = new SimpleStringProperty(T.get("CheckpointTimeline.noRun"));
  private final IntegerProperty layer = new SimpleIntegerProperty(0);
  private final IntegerProperty head = new SimpleIntegerProperty(0);

  // Only touched on the background thread.
  private LoadedBert open;
  private Path openFolder;

  public CheckpointTimeline() {
    index.addListener((o, was, now) -> request());
  }

  /** Lists the checkpoints of {@code dir}, keeping the slider's place when it can; shows the newest at first. */
  public void refresh(Path dir) {
    try {
      List<Path> found = dir == null ? List.of() : new PretrainRun(dir).checkpoints();
      Path selected = index.get() >= 0 && index.get() < checkpoints.size() ? checkpoints.get(index.get()) : null;
      boolean sameRun = dir != null && dir.equals(run.get());
      run.set(dir);
      if (found.equals(checkpoints)) {
        return;
      }
      checkpoints.setAll(found);
      if (found.isEmpty()) {
        index.set(-1);
        status.set(dir == null ? T.get("CheckpointTimeline.noRun") : T.format("CheckpointTimeline.noCheckpoint", dir));
        return;
      }
      // Keep the user's place, unless it was the newest checkpoint: then follow the newest.
      boolean wasNewest = index.get() == checkpoints.size() - 1;
      int keep = sameRun && selected != null && !wasNewest ? found.indexOf(selected) : -1;
      int target = keep >= 0 ? keep : found.size() - 1;
      if (index.get() == target) {
        if (keep < 0) {
          request();
        }
      } else {
        index.set(target); // the listener requests it
      }
    } catch (IOException | RuntimeException e) {
      status.set(T.format("CheckpointTimeline.cannotList", dir, Texts.failure(e)));
    }
  }

  /** Loads the chosen checkpoint (if it is not the open one) and runs the probe; newest request wins. */
  public void request() {
    int i = index.get();
    if (i < 0 || i >= checkpoints.size()) {
      return;
    }
    String text = probe.get() == null ? "" : probe.get().trim();
    if (text.isEmpty()) {
      status.set(T.get("CheckpointTimeline.typeProbe"));
      return;
    }
    Path folder = checkpoints.get(i);
    long step = PretrainRun.stepOf(folder);
    status.set(T.format("CheckpointTimeline.loading", String.valueOf(step)));
    probes.submit(progress -> compute(folder, step, text), p -> {
      result.set(p);
      status.set(p.masks().isEmpty()
          ? T.format("CheckpointTimeline.noMask", String.valueOf(step))
          : T.format("CheckpointTimeline.probed", String.valueOf(step), String.valueOf(TOP_K)));
    }, message -> status.set(T.format("CheckpointTimeline.cannotProbe", String.valueOf(step), message)));
  }

  private Probe compute(Path folder, long step, String text) throws Exception {
    if (!folder.equals(openFolder)) {
      LoadedBert previous = open;
      open = null;
      openFolder = null;
      if (previous != null) {
        previous.close();
      }
      open = LoadedBert.open(folder.toString(), Device.cpu(), Progress.NONE);
      openFolder = folder;
    }
    Encoding e = open.encode(text, null, 128);
    List<FillMask.MaskPredictions> masks = FillMask.predict(open.model(), open.vocab(), e, TOP_K,
        ForwardOptions.INFERENCE);
    Inspection inspection = Inspection.of(open.model(), e, ForwardOptions.TRACE);
    return new Probe(step, text, e.tokens(), masks, inspection.attentions());
  }

  /** True while a request has not been delivered yet. */
  public boolean busy() {
    return probes.isRunning();
  }

  /** Closes the open model and the thread. */
  public void shutdown() {
    probes.shutdownAfter(() -> {
      if (open != null) {
        open.close();
        open = null;
        openFolder = null;
      }
    });
  }

  public ObjectProperty<Path> runProperty() {
    return run;
  }

  public ObservableList<Path> checkpoints() {
    return checkpoints;
  }

  /** The chosen checkpoint's place in {@link #checkpoints()}. */
  public IntegerProperty indexProperty() {
    return index;
  }

  public StringProperty probeProperty() {
    return probe;
  }

  public ObjectProperty<Probe> resultProperty() {
    return result;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public IntegerProperty layerProperty() {
    return layer;
  }

  public IntegerProperty headProperty() {
    return head;
  }
}
