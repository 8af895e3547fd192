package org.bertworkbench.gui.sentences;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.bertworkbench.core.analysis.LayerSimilarity;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentenceFile;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.analysis.SentenceSimilarity;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The Sentences view's work, without a window: sentence embeddings of a list of sentences (one per
 * line, pooled as the model says), their similarity matrix, a search of the list for a query, and
 * two sentences compared layer by layer. Each runs in the background, newest request wins; the
 * results come back on the FX thread.
 */
public final class SentencesViewModel {

  private static final Texts T = Texts.of(SentencesViewModel.class);

  /** The matrix of a list and the pooling that made it. */
  public record Matrix(List<SentenceFile.Line> lines, double[][] cosines, SentencePooling pooling) {}

  /** A search's results, the best first. */
  public record Results(String query, List<SentenceFile.Line> lines, List<SentenceSimilarity.Hit> hits) {}

  /** Two sentences compared at every layer. */
  public record Layers(String a, String b, LayerSimilarity similarity, SentencePooling pooling) {}

  private final Supplier<LoadedBert> loaded;
  private final Supplier<EncoderSwitches> switches;
  private final Latest matrixWork;
  private final Latest searchWork;
  private final Latest layersWork;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(" ");

  /** Over the window's model, with the heads the Attention tab switches off. */
  public SentencesViewModel(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), name -> vm.modelWork("sentences-" + name),
        () -> vm.switchesProperty().get());
  }

  /** Over the model {@code loaded} gives, with runners {@code latest} makes by name. */
  SentencesViewModel(Supplier<LoadedBert> loaded, Function<String, Latest> latest,
      Supplier<EncoderSwitches> switches) {
    this.loaded = loaded;
    this.switches = switches;
    matrixWork = latest.apply("matrix");
    searchWork = latest.apply("search");
    layersWork = latest.apply("layers");
  }

  /** The sentences of {@code text}: one a line, blank lines skipped, numbered from 1 as in a file. */
  public static List<SentenceFile.Line> lines(String text) {
    List<SentenceFile.Line> out = new ArrayList<>();
    String[] rows = text.split("\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].endsWith("\r") ? rows[i].substring(0, rows[i].length() - 1) : rows[i];
      if (!row.isBlank()) {
        out.add(new SentenceFile.Line(i + 1, row));
      }
    }
    return out;
  }

  /** Computes the matrix of {@code text}'s sentences. */
  public void matrix(String text, Consumer<Matrix> onDone) {
    List<SentenceFile.Line> lines = lines(text);
    LoadedBert model = loaded.get();
    if (!ready(model, lines)) {
      return;
    }
    ForwardOptions options = options();
    status.set(T.format("SentencesViewModel.embedding", lines.size()));
    matrixWork.submit(p -> {
      SentenceSimilarity.checkMatrixSize(lines.size());
      SentencePooling pooling = SentencePooling.of(model);
      List<float[]> v = embed(model, lines, pooling, options, p);
      return new Matrix(lines, SentenceSimilarity.matrix(v), pooling);
    }, m -> {
      status.set(T.format("SentencesViewModel.matrixDone", m.lines().size(), m.pooling().mode().cliName()));
      onDone.accept(m);
    }, this::failed);
  }

  /** Searches {@code text}'s sentences for {@code query}, the {@code k} best. */
  public void search(String query, String text, int k, Consumer<Results> onDone) {
    List<SentenceFile.Line> lines = lines(text);
    LoadedBert model = loaded.get();
    if (!ready(model, lines)) {
      return;
    }
    if (query.isBlank()) {
      status.set(T.get("SentencesViewModel.noQuery"));
      return;
    }
    ForwardOptions options = options();
    status.set(T.format("SentencesViewModel.searching", lines.size()));
    searchWork.submit(p -> {
      SentenceSimilarity.checkTopK(k);
      SentencePooling pooling = SentencePooling.of(model);
      float[] q = SentenceEmbedding.embed(model, List.of(query), pooling, pooling.limit(model), 1, options,
          Progress.NONE).get(0).vector();
      List<float[]> v = embed(model, lines, pooling, options, p);
      return new Results(query, lines, SentenceSimilarity.search(q, v, k));
    }, r -> {
      status.set(T.format("SentencesViewModel.searchDone", r.hits().size(), r.lines().size()));
      onDone.accept(r);
    }, this::failed);
  }

  /** Compares {@code a} and {@code b} at every layer. */
  public void layers(String a, String b, Consumer<Layers> onDone) {
    LoadedBert model = loaded.get();
    if (model == null) {
      status.set(T.get("SentencesViewModel.noModel"));
      return;
    }
    if (a.isBlank() || b.isBlank()) {
      status.set(T.get("SentencesViewModel.noPair"));
      return;
    }
    ForwardOptions options = options();
    status.set(T.get("SentencesViewModel.comparing"));
    layersWork.submit(p -> {
      SentencePooling pooling = SentencePooling.of(model);
      return new Layers(a, b, LayerSimilarity.of(model, a, b, pooling, pooling.limit(model), options), pooling);
    }, l -> {
      status.set(" ");
      onDone.accept(l);
    }, this::failed);
  }

  private boolean ready(LoadedBert model, List<SentenceFile.Line> lines) {
    if (model == null) {
      status.set(T.get("SentencesViewModel.noModel"));
      return false;
    }
    if (lines.isEmpty()) {
      status.set(T.get("SentencesViewModel.noSentences"));
      return false;
    }
    return true;
  }

  private ForwardOptions options() {
    EncoderSwitches sw = switches.get();
    return sw == null ? ForwardOptions.INFERENCE : sw.applyTo(ForwardOptions.INFERENCE);
  }

  private static List<float[]> embed(LoadedBert model, List<SentenceFile.Line> lines, SentencePooling pooling,
      ForwardOptions options, Progress p) {
    return SentenceEmbedding.embed(model, lines.stream().map(SentenceFile.Line::text).toList(), pooling,
        pooling.limit(model), SentenceEmbedding.DEFAULT_BATCH, options, p).stream()
        .map(SentenceEmbedding.Embedded::vector).toList();
  }

  private void failed(String message) {
    status.set(T.format("SentencesViewModel.failed", message));
  }

  /** What the view is doing, or what went wrong, in one line. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True while any of the view's work runs. */
  public boolean busy() {
    return matrixWork.isRunning() || searchWork.isRunning() || layersWork.isRunning();
  }

  /** Stops the view's work. */
  public void shutdown() {
    matrixWork.shutdown();
    searchWork.shutdown();
    layersWork.shutdown();
  }
}
