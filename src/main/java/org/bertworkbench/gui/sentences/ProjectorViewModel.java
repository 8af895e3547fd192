package org.bertworkbench.gui.sentences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The projector's work, without a window: up to {@value #MAX_POINTS} sentences (each line {@code
 * text} or {@code text<TAB>label}) embedded in chunks, their first two principal components, and
 * the drawing of them, its points' image made ahead, all off the FX thread; newest request wins and
 * can be cancelled. Every point is projected: nothing is sampled.
 */
public final class ProjectorViewModel {

  private static final Texts T = Texts.of(ProjectorViewModel.class);

  /** The most sentences the projector takes. */
  public static final int MAX_POINTS = 100_000;

  /** Sentences embedded together: their word pieces and encodings are dropped after each chunk. */
  static final int CHUNK = 1024;

  /** Sentences with the label column split off: {@code labels[i]} is null where a line has none. */
  public record Labelled(List<SentenceFile.Line> lines, String[] labels) {}

  private final Supplier<LoadedBert> loaded;
  private final Supplier<EncoderSwitches> switches;
  private final Latest work;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(" ");

  /** Over the window's model, with the heads the Attention tab switches off. */
  public ProjectorViewModel(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), name -> vm.modelWork("projector-" + name),
        () -> vm.switchesProperty().get());
  }

  /** Over the model {@code loaded} gives, with a runner {@code latest} makes by name. */
  ProjectorViewModel(Supplier<LoadedBert> loaded, Function<String, Latest> latest,
      Supplier<EncoderSwitches> switches) {
    this.loaded = loaded;
    this.switches = switches;
    work = latest.apply("points");
  }

  /**
   * Splits each line at its last TAB into the sentence and its label (both trimmed); a line
   * without a TAB, or with nothing after it, has no label. A line with nothing before it is left out.
   */
  public static Labelled labelled(List<SentenceFile.Line> rows) {
    List<SentenceFile.Line> lines = new ArrayList<>(rows.size());
    List<String> labels = new ArrayList<>(rows.size());
    for (SentenceFile.Line row : rows) {
      String text = row.text();
      String label = null;
      int tab = text.lastIndexOf('\t');
      if (tab >= 0) {
        label = text.substring(tab + 1).strip();
        text = text.substring(0, tab).strip();
        label = label.isEmpty() ? null : label;
      }
      if (!text.isBlank()) {
        lines.add(new SentenceFile.Line(row.number(), text));
        labels.add(label);
      }
    }
    return new Labelled(lines, labels.toArray(new String[0]));
  }

  /**
   * Embeds the sentences with the window's model, projects them and hands the drawing to {@code
   * onDone} (on the FX thread). The drawing's points are made for a {@code width} x {@code height}
   * view at {@code factor} pixels a unit.
   */
  public void project(List<SentenceFile.Line> rows, double width, double height, double factor,
      Consumer<ProjectorDrawing> onDone) {
    if (rows.isEmpty()) {
      status.set(T.get("ProjectorViewModel.noSentences"));
      return;
    }
    run(() -> rows, rows.size(), width, height, factor, onDone);
  }

  /**
   * As {@link #project}, the sentences read from {@code file} on the worker (reading 100,000 lines
   * is no work for the FX thread): UTF-8, {@code text} or {@code text<TAB>label} a line.
   */
  public void projectFile(Path file, double width, double height, double factor,
      Consumer<ProjectorDrawing> onDone) {
    run(() -> SentenceFile.read(file), -1, width, height, factor, onDone);
  }

  private void run(Supplier<List<SentenceFile.Line>> rows, int count, double width, double height, double factor,
      Consumer<ProjectorDrawing> onDone) {
    LoadedBert model = loaded.get();
    if (model == null) {
      status.set(T.get("ProjectorViewModel.noModel"));
      return;
    }
    EncoderSwitches sw = switches.get();
    ForwardOptions options = sw == null ? ForwardOptions.INFERENCE : sw.applyTo(ForwardOptions.INFERENCE);
    status.set(count < 0 ? T.get("ProjectorViewModel.reading") : T.format("ProjectorViewModel.embedding", count));
    work.submit(p -> {
      Labelled in = checked(labelled(rows.get()));
      SentencePooling pooling = SentencePooling.of(model);
      float[][] vectors = embed(model, in.lines(), pooling, options, scaled(p, 0, 0.95));
      return drawing(in, vectors, pooling.mode().cliName(), width, height, factor, scaled(p, 0.95, 1));
    }, d -> done(d, onDone), this::failed);
  }

  /** As {@link #project}, with the vectors given (a benchmark's, or ones computed elsewhere). */
  public void projectVectors(Labelled in, float[][] vectors, String pooling, double width, double height,
      double factor, Consumer<ProjectorDrawing> onDone) {
    status.set(T.format("ProjectorViewModel.projecting", in.lines().size()));
    work.submit(p -> drawing(checked(in), vectors, pooling, width, height, factor, p), d -> done(d, onDone),
        this::failed);
  }

  /** {@code in} if the projector takes it, else a one-line error: no sentence, or more than {@value #MAX_POINTS}. */
  static Labelled checked(Labelled in) {
    if (in.lines().isEmpty()) {
      throw new BadInputException(Message.of(ProjectorViewModel.class, "ProjectorViewModel.noSentences"));
    }
    if (in.lines().size() > MAX_POINTS) {
      throw new BadInputException(Message.of(ProjectorViewModel.class, "ProjectorViewModel.tooMany",
          in.lines().size(), MAX_POINTS));
    }
    return in;
  }

  private void done(ProjectorDrawing d, Consumer<ProjectorDrawing> onDone) {
    status.set(T.format("ProjectorViewModel.done", d.size()));
    onDone.accept(d);
  }

  private static ProjectorDrawing drawing(Labelled in, float[][] vectors, String pooling, double width,
      double height, double factor, Progress p) {
    Pca pca = Pca.fitLarge(vectors, 2, p);
    int n = vectors.length;
    float[] xs = new float[n];
    float[] ys = new float[n];
    for (int i = 0; i < n; i++) {
      xs[i] = pca.scores()[i].length > 0 ? (float) pca.scores()[i][0] : 0;
      ys[i] = pca.scores()[i].length > 1 ? (float) pca.scores()[i][1] : 0;
    }
    double e1 = pca.axes().length > 0 ? pca.explained(0) : 0;
    double e2 = pca.axes().length > 1 ? pca.explained(1) : 0;
    ProjectorDrawing d = new ProjectorDrawing(T.format("ProjectorViewModel.title", n, pooling),
        T.format("ProjectorViewModel.axes", e1, e2), T.get("ProjectorViewModel.other"), in.lines(), in.labels(),
        xs, ys);
    p.checkCancelled();
    if (width > 0 && height > 0) {
      d.warmUp(width, height, factor);
    }
    return d;
  }

  /** The sentences' vectors, {@value #CHUNK} at a time so that only their vectors stay. */
  static float[][] embed(LoadedBert model, List<SentenceFile.Line> lines, SentencePooling pooling,
      ForwardOptions options, Progress p) {
    int n = lines.size();
    float[][] out = new float[n][];
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      List<String> texts = lines.subList(start, end).stream().map(SentenceFile.Line::text).toList();
      int from = start;
      Progress chunk = new Progress() {
        @Override
        public void report(double fraction, String message) {
          p.report((from + fraction * texts.size()) / n, T.format("ProjectorViewModel.embeddingAt",
              from + (int) (fraction * texts.size()) + 1, n));
        }

        @Override
        public boolean isCancelled() {
          return p.isCancelled();
        }
      };
      List<SentenceEmbedding.Embedded> e = SentenceEmbedding.embed(model, texts, pooling, pooling.limit(model),
          SentenceEmbedding.DEFAULT_BATCH, options, chunk);
      for (int i = 0; i < e.size(); i++) {
        out[start + i] = e.get(i).vector();
      }
    }
    return out;
  }

  /** {@code p} seen as running from {@code from} to {@code to} of the whole. */
  static Progress scaled(Progress p, double from, double to) {
    return new Progress() {
      @Override
      public void report(double fraction, String message) {
        p.report(from + (to - from) * fraction, message);
      }

      @Override
      public void report(double fraction, Message message) {
        p.report(from + (to - from) * fraction, message);
      }

      @Override
      public boolean isCancelled() {
        return p.isCancelled();
      }
    };
  }

  private void failed(String message) {
    status.set(T.format("ProjectorViewModel.failed", message));
  }

  /** Puts {@code line} on the status line (the view's own news, such as a sentence opened). */
  public void say(String line) {
    status.set(line);
  }

  /** What the projector is doing, or what went wrong, in one line. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The runner, for its progress and message. */
  Latest work() {
    return work;
  }

  /** Stops the projection under way; the view says so. */
  public void cancel() {
    if (work.isRunning()) {
      work.cancel();
      status.set(T.get("ProjectorViewModel.cancelled"));
    }
  }

  /** True while a projection runs. */
  public boolean busy() {
    return work.isRunning();
  }

  /** Stops the work. */
  public void shutdown() {
    work.shutdown();
  }
}
