package org.bertworkbench.gui.attention;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.bertworkbench.core.analysis.AttentionCapture;
import org.bertworkbench.core.analysis.AttentionComparison;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The "Compare models" view's state and background work, without a window: the second model
 * (loaded in the background; the previous one stays until it succeeds and is closed once nothing
 * uses it), both models' attention on the window's input (rerun when the input, a model or the
 * left-to-right switch changes, and only while the view shows), the side-by-side drawing of the
 * map the attention controls select and the grid of every head's difference. Each kind of work
 * runs in its own {@link Latest}, newest request wins. {@link ModelComparison} builds the controls,
 * forwards what the user chooses here and draws when told to.
 */
final class ComparisonViewModel {

  private static final Texts T = Texts.of(ComparisonViewModel.class);

  /** What the attention controls select, read whenever the view redraws. */
  record Settings(int layer, int head, Aggregation aggregation, boolean words, boolean causal) {}

  private final Supplier<LoadedBert> main;
  private final Supplier<WorkbenchViewModel.Analysis> input;
  private final Supplier<Settings> settings;
  private final Latest loadWork;
  private final Latest compareWork;
  private final Latest deriveWork;
  private final Latest gridWork;
  private final ReadOnlyStringWrapper info =
      new ReadOnlyStringWrapper(T.get("ComparisonViewModel.choose"));

  private Runnable onChoice = () -> {};
  private Runnable onSecondShape = () -> {};
  private Runnable onMode = () -> {};
  private Runnable onPairDrawing = () -> {};
  private Runnable onGrid = () -> {};

  private LoadedBert second;
  private String secondChoice;
  private String choice;
  private Comparison.Pair pair;
  private Object[] requested = new Object[0];
  private Comparison.Grid grid;
  private Settings drawn;
  private ComparisonDrawing lastPair;
  private ComparisonDrawing pairShown;
  private Comparison.Grid gridShown;
  private boolean active;
  private boolean everyHead;
  private int secondLayers;
  private int secondHeads;
  private int secondLayer;
  private int secondHead;
  private final Map<String, OptionalInt> vocabularySizes = new HashMap<>();

  /** Over the window's model and input, for what the attention controls select. */
  ComparisonViewModel(WorkbenchViewModel vm, Supplier<Settings> settings) {
    this(() -> vm.modelProperty().get(), () -> vm.analysisProperty().get(), settings,
        name -> vm.modelWork("attention-" + name));
  }

  /**
   * Over the model {@code main} gives (null: none loaded) and its input (null: none), with the
   * background runners {@code latest} makes by name (a test makes ones whose threads it runs itself).
   */
  ComparisonViewModel(Supplier<LoadedBert> main, Supplier<WorkbenchViewModel.Analysis> input,
      Supplier<Settings> settings, Function<String, Latest> latest) {
    this.main = main;
    this.input = input;
    this.settings = settings;
    loadWork = latest.apply("second-model");
    compareWork = latest.apply("compare");
    deriveWork = latest.apply("compare-derive");
    gridWork = latest.apply("compare-grid");
  }

  /**
   * {@code choice}: the model choice to show changed; {@code secondShape}: a pair arrived (the
   * second model's layer and head choices); {@code mode}: one map or every head; {@code
   * pairDrawing}, {@code grid}: what the two canvases show changed.
   */
  void setListeners(Runnable choice, Runnable secondShape, Runnable mode, Runnable pairDrawing, Runnable grid) {
    onChoice = choice;
    onSecondShape = secondShape;
    onMode = mode;
    onPairDrawing = pairDrawing;
    onGrid = grid;
  }

  // ---------------------------------------------------------------- the second model

  /** Loads the second model (a known name or a folder) in the background; the previous one stays until it succeeds. */
  /**
   * Why {@code choice} cannot be compared with the window's model, known before it is loaded (its
   * declared vocabulary size differs), or null when it may be (loading checks the vocabulary itself).
   */
  String incompatibility(String choice) {
    LoadedBert first = main.get();
    if (first == null || choice == null || choice.isBlank()) {
      return null;
    }
    OptionalInt size = vocabularySizes.computeIfAbsent(choice.trim(), CheckpointLoader::vocabularySize);
    int mine = first.vocab().size();
    if (size.isPresent() && size.getAsInt() != mine) {
      return T.format("ComparisonViewModel.otherVocabulary", size.getAsInt(), first.label(Language.current().locale()),
          mine);
    }
    return null;
  }

  void load(String nameOrPath) {
    LoadedBert first = main.get();
    if (first == null) {
      info.set(T.get("ComparisonViewModel.loadFirst"));
      return;
    }
    if (nameOrPath == null || nameOrPath.isBlank()) {
      return;
    }
    String target = nameOrPath.trim();
    String refused = incompatibility(target);
    if (refused != null) {
      info.set(T.format("ComparisonViewModel.refused", target, refused));
      return;
    }
    setChoice(target);
    info.set(T.format("ComparisonViewModel.loading", target));
    loadWork.submit(p -> {
      LoadedBert loaded = LoadedBert.open(target, first.model().device(), p);
      try {
        p.checkCancelled();
        p.report(-1, T.get("ComparisonViewModel.checking"));
        AttentionComparison.requireSameVocabulary(first.vocab(), loaded.vocab());
        return loaded;
      } catch (RuntimeException e) {
        loaded.close();
        throw e;
      }
    }, loaded -> {
      LoadedBert old = second;
      second = loaded;
      secondChoice = target;
      if (old != null) {
        compareWork.after(old::close); // after any comparison still running on it
      }
      pair = null;
      grid = null;
      info.set(T.format("ComparisonViewModel.loaded", loaded.label(Language.current().locale())));
      refresh();
    }, message -> {
      info.set(T.format("ComparisonViewModel.loadFailed", target, message));
      setChoice(secondChoice);
    }, LoadedBert::close); // loaded, but cancelled in the meantime
  }

  /** Stops loading a second model; the one loaded before stays. */
  void cancelLoad() {
    loadWork.cancel();
    info.set(T.get("ComparisonViewModel.cancelled"));
    setChoice(secondChoice);
  }

  private void setChoice(String c) {
    choice = c;
    onChoice.run();
  }

  // ---------------------------------------------------------------- computing

  /** A new input arrived: the pair is recomputed now if the view shows, else when it is next shown. */
  void inputChanged() {
    if (active) {
      refresh();
    }
  }

  /** The view was brought to the front ({@code true}) or left. */
  void setActive(boolean on) {
    active = on;
    if (on) {
      refresh();
    }
  }

  /** Redraws for the current settings; reruns both models when the input, model or causal switch changed. */
  void refresh() {
    Settings s = settings.get();
    LoadedBert first = main.get();
    WorkbenchViewModel.Analysis a = input.get();
    Object[] key = {first, second, a, s.causal()};
    if (first != null && second != null && a != null && !sameObjects(key, requested)) {
      requested = key;
      requestPair(s, first, second, a);
      return;
    }
    redraw();
  }

  /** Element by element identity (the input and the models are compared as objects, not by content). */
  private static boolean sameObjects(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i] && !(a[i] instanceof Boolean && a[i].equals(b[i]))) {
        return false;
      }
    }
    return true;
  }

  private void requestPair(Settings s, LoadedBert first, LoadedBert other, WorkbenchViewModel.Analysis a) {
    Encoding e = a.encoding();
    String firstName = first.label();
    String secondName = other.label();
    info.set(T.format("ComparisonViewModel.running", firstName, secondName));
    compareWork.submit(p -> {
      AttentionComparison.requireSameVocabulary(first.vocab(), other.vocab());
      Comparison.requireFits(other.model().config(), e);
      ForwardOptions options = ForwardOptions.INFERENCE.withCausal(s.causal());
      AttentionCapture c1 = AttentionCapture.of(first.model(), e, options);
      p.checkCancelled();
      AttentionCapture c2 = AttentionCapture.of(other.model(), e, options);
      return new Comparison.Pair(AttentionData.of(c1, 0), AttentionData.of(c2, 0), firstName, secondName, a,
          s.causal());
    }, p -> {
      pair = p;
      grid = null;
      lastPair = null;
      adoptSecondShape(p.second());
      info.set(Comparison.describe(p));
      redraw();
    }, message -> {
      pair = null;
      info.set(T.format("ComparisonViewModel.failed", message));
      redraw();
    });
  }

  /** The second model's layer and head choices (shown when the shapes differ) keep the window's when they can. */
  private void adoptSecondShape(AttentionData d) {
    if (secondLayers != d.layers() || secondHeads != d.heads()) {
      Settings s = settings.get();
      secondLayers = d.layers();
      secondHeads = d.heads();
      secondLayer = Math.min(s.layer(), d.layers() - 1);
      secondHead = Math.min(s.head(), d.heads() - 1);
    }
    onSecondShape.run();
  }

  // ---------------------------------------------------------------- what is drawn

  /** Works out the current mode's picture from what was computed (derived maps in the background when slow). */
  void redraw() {
    onMode.run();
    if (everyHead) {
      drawGrid();
      return;
    }
    Comparison.Pair p = pair;
    if (p == null) {
      showPair(null);
      return;
    }
    info.set(Comparison.describe(p));
    Settings s = settings.get();
    int l2 = p.sameShape() ? s.layer() : secondLayer;
    int h2 = p.sameShape() ? s.head() : secondHead;
    if (lastPair != null && s.equals(drawn)
        && lastPair.second().title().equals(sideTitle(p.secondName(), l2, h2, s))) {
      return;
    }
    if (p.first().slow(s.aggregation(), s.words()) || p.second().slow(s.aggregation(), s.words())) {
      info.set(T.format("ComparisonViewModel.computing", s.aggregation().toString()));
      deriveWork.submit(w -> drawingOf(p, s, l2, h2), d -> {
        if (p == pair) {
          info.set(Comparison.describe(p));
          show(d, s);
        }
      }, info::set);
    } else {
      show(drawingOf(p, s, l2, h2), s);
    }
  }

  static ComparisonDrawing drawingOf(Comparison.Pair p, Settings s, int l2, int h2) {
    AttentionData.Maps m1 = p.first().maps(s.layer(), s.aggregation(), s.words());
    AttentionData.Maps m2 = p.second().maps(l2, s.aggregation(), s.words());
    float[][] a = m1.mapOf(s.head());
    float[][] b = m2.mapOf(h2);
    String title = s.aggregation() + (s.words() ? " · " + T.get("ComparisonViewModel.inWords") : "")
        + (p.causal() ? " · " + T.get("ComparisonViewModel.leftToRight") : "") + " · "
        + T.format(s.words() ? "ComparisonViewModel.count.words" : "ComparisonViewModel.count.tokens", m1.length());
    return new ComparisonDrawing(m1.labels(), new ComparisonDrawing.Side(sideTitle(p.firstName(),
        s.layer(), s.head(), s), a), new ComparisonDrawing.Side(sideTitle(p.secondName(), l2, h2, s), b),
        AttentionComparison.difference(a, b), title, -1, -1).withSegments(m1.segments());
  }

  private static String sideTitle(String name, int layer, int head, Settings s) {
    String where = switch (s.aggregation()) {
      case MEAN_OVER_LAYERS -> T.get("ComparisonViewModel.side.allLayers");
      case MEAN_OVER_HEADS -> T.format("ComparisonViewModel.side.meanOfHeads", layer);
      case ROLLOUT -> T.format("ComparisonViewModel.side.rollout", layer);
      default -> T.format("ComparisonViewModel.side.head", layer, head);
    };
    return name + " · " + where;
  }

  private void show(ComparisonDrawing d, Settings s) {
    drawn = s;
    lastPair = d;
    showPair(d);
  }

  private void showPair(ComparisonDrawing d) {
    pairShown = d;
    onPairDrawing.run();
  }

  /** The pointer is over cell {@code at} (null: none) of {@code d}, the drawing shown: its values are told. */
  void hover(ComparisonDrawing d, int[] at) {
    int r = at == null ? -1 : at[1];
    int c = at == null ? -1 : at[2];
    if (drawn != null && (r != d.hoverRow() || c != d.hoverColumn())) {
      show(d.hovering(r, c), drawn);
    }
  }

  private void drawGrid() {
    Comparison.Pair p = pair;
    if (p == null) {
      showGrid(null);
      return;
    }
    if (!p.sameShape()) {
      showGrid(null);
      info.set(T.format("ComparisonViewModel.gridShapes", p.first().layers(), p.first().heads(), p.second().layers(),
          p.second().heads()));
      return;
    }
    boolean words = settings.get().words();
    if (grid == null || grid.pair() != p || grid.words() != words) {
      gridWork.submit(w -> Comparison.gridOf(p, words), g -> {
        if (g.pair() == pair) {
          grid = g;
          info.set(Comparison.describe(p));
          drawGrid();
        }
      }, info::set);
      if (grid == null || grid.pair() != p) {
        info.set(T.get("ComparisonViewModel.computingGrid"));
        return;
      }
    }
    showGrid(grid);
  }

  private void showGrid(Comparison.Grid g) {
    gridShown = g;
    onGrid.run();
  }

  /** The grid's title: where the largest mean difference is. */
  static String gridTitle(Comparison.Grid g) {
    int[] most = Comparison.largest(g.meanAbs());
    return T.format("ComparisonViewModel.gridTitle", most[0], most[1], g.meanAbs()[most[0]][most[1]]);
  }

  // ---------------------------------------------------------------- what the user chooses

  /** Every head's difference ({@code true}) or one map side by side. */
  void setEveryHead(boolean on) {
    everyHead = on;
    redraw();
  }

  /** The second model's layer, when the shapes differ. */
  void setSecondLayer(int l) {
    secondLayer = l;
    redraw();
  }

  /** The second model's head, when the shapes differ. */
  void setSecondHead(int h) {
    secondHead = h;
    redraw();
  }

  // ---------------------------------------------------------------- state

  Settings settings() {
    return settings.get();
  }

  /** The model choice to show: the one loading, or after a failure the one loaded (null: none). */
  String choice() {
    return choice;
  }

  /** The name or folder the second model was loaded from (null: none). */
  String secondChoice() {
    return secondChoice;
  }

  LoadedBert secondModel() {
    return second;
  }

  Comparison.Pair pair() {
    return pair;
  }

  Comparison.Grid grid() {
    return grid;
  }

  /** What the side-by-side canvas shows (null: nothing), drawn for {@link #drawn()}. */
  ComparisonDrawing pairDrawing() {
    return pairShown;
  }

  Settings drawn() {
    return drawn;
  }

  /** What the every-head canvas shows (null: nothing). */
  Comparison.Grid gridDrawing() {
    return gridShown;
  }

  boolean everyHead() {
    return everyHead;
  }

  int secondLayers() {
    return secondLayers;
  }

  int secondHeads() {
    return secondHeads;
  }

  int secondLayer() {
    return secondLayer;
  }

  int secondHead() {
    return secondHead;
  }

  String info() {
    return info.get();
  }

  ReadOnlyStringProperty infoProperty() {
    return info.getReadOnlyProperty();
  }

  /** The second model's loading, for a progress bar, a message and a Cancel button. */
  Latest loadWork() {
    return loadWork;
  }

  boolean busy() {
    return loadWork.isRunning() || compareWork.isRunning() || deriveWork.isRunning() || gridWork.isRunning();
  }

  /** Stops the background work and frees the second model once nothing uses it any more. */
  void shutdown() {
    for (Latest w : List.of(loadWork, deriveWork, gridWork)) {
      w.shutdown();
    }
    compareWork.cancel();
    LoadedBert s = second;
    second = null;
    if (s != null) {
      compareWork.after(s::close);
    }
  }
}
