package org.bertworkbench.gui.attention;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.bertworkbench.core.analysis.AttentionCapture;
import org.bertworkbench.core.analysis.CorpusFile;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.HeadStatistics;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The attention explorer's state and background work, without a window: the input's attention
 * (recomputed left-to-right or with heads switched off when asked), the maps of the chosen layer
 * and aggregation, the shown and the masked heads, the head statistics (of this input or a corpus
 * file), fill-mask with the heads off, and the model view's thumbnails. Each kind of work runs in
 * its own {@link Latest}, newest request wins. The pane builds the controls, forwards what the
 * user chooses here, and redraws when told to.
 */
public final class AttentionViewModel {

  private static final Texts T = Texts.of(AttentionViewModel.class);

  static final int TOP_K = 5;

  private final Supplier<LoadedBert> loaded;
  private final IntSupplier maxLength;
  private final Latest captureWork;
  private final Latest deriveWork;
  private final Latest statsWork;
  private final Latest fillMaskWork;
  private final Latest longWork;
  private final Latest thumbsWork;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final Consumer<EncoderSwitches> publish;

  private Runnable onShape = () -> {};
  private Runnable onRedraw = () -> {};
  private Runnable onThumbnails = () -> {};
  private Runnable onStatistics = () -> {};

  private WorkbenchViewModel.Analysis analysis;
  private AttentionData data;
  private AttentionData.Maps maps;
  private BufferedImage[][] thumbs;
  private AttentionData thumbsOf;
  private boolean thumbsWords;
  private AttentionData thumbsRequested;
  private boolean thumbsRequestedWords;
  private int layer;
  private int focusHead;
  private boolean[] shownHeads = new boolean[0];
  private boolean[][] headMask = new boolean[0][0];
  private int query;
  private HeadStatistics stats;
  private String statsSource = T.get("AttentionViewModel.source.input");
  private boolean corpusStats;
  private List<FillMask.MaskPredictions> afterMasks = List.of();
  private Aggregation aggregation = Aggregation.SINGLE_HEAD;
  private boolean words;
  private boolean causal;
  private boolean neuronShown;

  /** Over the window's model and maximum length. */
  public AttentionViewModel(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), () -> vm.maxLengthProperty().get(),
        name -> vm.modelWork("attention-" + name), vm.switchesProperty()::set);
  }

  /** As {@link #AttentionViewModel(Supplier, IntSupplier, Function, Consumer)}, telling no one of the switches. */
  AttentionViewModel(Supplier<LoadedBert> loaded, IntSupplier maxLength, Function<String, Latest> latest) {
    this(loaded, maxLength, latest, switches -> {});
  }

  /**
   * Over the model {@code loaded} gives (null: none loaded), with the background runners {@code
   * latest} makes by name (a test makes ones whose threads it runs itself); {@code publish} is told the
   * heads off and the direction whenever they change, so that the other tabs follow them.
   */
  AttentionViewModel(Supplier<LoadedBert> loaded, IntSupplier maxLength, Function<String, Latest> latest,
      Consumer<EncoderSwitches> publish) {
    this.loaded = loaded;
    this.publish = publish;
    this.maxLength = maxLength;
    captureWork = latest.apply("capture");
    deriveWork = latest.apply("derive");
    statsWork = latest.apply("statistics");
    fillMaskWork = latest.apply("fill-mask");
    longWork = latest.apply("long");
    thumbsWork = latest.apply("thumbnails");
  }

  /** {@code shape}: the number of layers or heads changed; {@code redraw}: the shown view is out of date. */
  void setListeners(Runnable shape, Runnable redraw, Runnable thumbnails, Runnable statistics) {
    onShape = shape;
    onRedraw = redraw;
    onThumbnails = thumbnails;
    onStatistics = statistics;
  }

  /** The window's new analysis (null: none). */
  public void show(WorkbenchViewModel.Analysis a) {
    analysis = a;
    if (a == null) {
      data = null;
      maps = null;
      onRedraw.run();
      return;
    }
    float[][][][] attn = a.inspection().attentions();
    adoptShape(attn.length, attn[0].length);
    Encoding e = a.encoding();
    int t = attn[0][0].length;
    query = Math.min(query, t - 1);
    AttentionData base = new AttentionData(e.tokens().subList(0, t), Arrays.copyOf(e.tokenTypeIds(), t),
        Arrays.copyOf(e.wordIds(), t), attn, null, false, 0);
    if (needsCapture()) {
      if (data == null || data.length() != t || !anyMasked() && !causal) {
        setData(base);
      }
      requestCapture();
    } else {
      setData(base);
    }
    if (!corpusStats) {
      requestInputStatistics();
    }
    requestMaskedFillMask();
  }

  // ---------------------------------------------------------------- state changes

  private void adoptShape(int layers, int heads) {
    if (headMask.length == layers && shownHeads.length == heads) {
      return;
    }
    shownHeads = new boolean[heads];
    Arrays.fill(shownHeads, true);
    headMask = new boolean[layers][heads];
    layer = Math.min(layer, layers - 1);
    focusHead = Math.min(focusHead, heads - 1);
    onShape.run();
    publish.accept(switches()); // a model of another shape starts with every head on
  }

  private void setData(AttentionData d) {
    data = d;
    requestThumbnails(d, words);
    query = Math.min(query, d.length() - 1);
    refreshMaps();
  }

  boolean anyMasked() {
    for (boolean[] row : headMask) {
      for (boolean m : row) {
        if (m) {
          return true;
        }
      }
    }
    return false;
  }

  int maskedCount() {
    int n = 0;
    for (boolean[] row : headMask) {
      for (boolean m : row) {
        n += m ? 1 : 0;
      }
    }
    return n;
  }

  /** The head mask in the model's form: 1 keeps a head, 0 switches it off; null keeps all. */
  float[][] headMaskArray() {
    if (!anyMasked()) {
      return null;
    }
    float[][] out = new float[headMask.length][];
    for (int l = 0; l < headMask.length; l++) {
      out[l] = new float[headMask[l].length];
      for (int h = 0; h < headMask[l].length; h++) {
        out[l][h] = headMask[l][h] ? 0 : 1;
      }
    }
    return out;
  }

  /** The heads off and the direction, as every tab shares them. */
  EncoderSwitches switches() {
    return new EncoderSwitches(headMaskArray(), maskedCount(), causal);
  }

  ForwardOptions options() {
    return ForwardOptions.INFERENCE.withHeadMask(headMaskArray()).withCausal(causal);
  }

  private boolean needsCapture() {
    return causal || anyMasked() || aggregation == Aggregation.NORM_WEIGHTED || neuronShown;
  }

  /**
   * The model options changed (causal, masks): the other tabs are told, and attention and fill-mask
   * are recomputed in the background.
   */
  private void optionsChanged() {
    publish.accept(switches());
    if (analysis == null) {
      onRedraw.run();
      return;
    }
    if (needsCapture()) {
      requestCapture();
    } else {
      show(analysis);
      return;
    }
    requestMaskedFillMask();
    onRedraw.run();
  }

  /** Recomputes the attention with q, k, v (and the current options) in the background. */
  void requestCapture() {
    LoadedBert model = loaded.get();
    if (analysis == null || model == null) {
      return;
    }
    Encoding e = analysis.encoding();
    ForwardOptions options = options();
    int masked = maskedCount();
    status.set(masked > 0
        ? T.format(options.causal() ? "AttentionViewModel.recomputing.causalMasked" : "AttentionViewModel.recomputing.masked",
            masked)
        : T.get(options.causal() ? "AttentionViewModel.recomputing.causal" : "AttentionViewModel.recomputing"));
    captureWork.submit(p -> AttentionCapture.of(model.model(), e, options), c -> {
      status.set("");
      setData(AttentionData.of(c, masked));
      if (!corpusStats) {
        requestInputStatistics();
      }
    }, this::error);
  }

  private void refreshMaps() {
    if (data == null) {
      maps = null;
      onRedraw.run();
      return;
    }
    Aggregation agg = aggregation;
    if (agg == Aggregation.NORM_WEIGHTED && data.capture() == null) {
      requestCapture();
      return;
    }
    AttentionData d = data;
    int l = layer;
    boolean w = words;
    if (d.slow(agg, w)) {
      status.set(T.format("AttentionViewModel.computing", agg.toString()));
      deriveWork.submit(p -> d.maps(l, agg, w), m -> {
        if (d == data) {
          status.set("");
          maps = m;
          onRedraw.run();
        }
      }, this::error);
    } else {
      maps = d.maps(l, agg, w);
      onRedraw.run();
    }
  }

  private void requestInputStatistics() {
    AttentionData d = data;
    if (d == null) {
      return;
    }
    statsWork.submit(p -> HeadStatistics.of(d.attentions(), d.tokens()), s -> {
      if (!corpusStats) {
        stats = s;
        statsSource = d.maskedHeads() > 0
            ? T.format(d.causal() ? "AttentionViewModel.source.input.causalMasked" : "AttentionViewModel.source.input.masked",
                d.length(), d.maskedHeads())
            : T.format(d.causal() ? "AttentionViewModel.source.input.causal" : "AttentionViewModel.source.input.tokens",
                d.length());
        onStatistics.run();
      }
    }, this::error);
  }

  private void requestMaskedFillMask() {
    LoadedBert model = loaded.get();
    if (analysis == null || model == null) {
      return;
    }
    if (analysis.masks().isEmpty() || !anyMasked() && !causal) {
      afterMasks = analysis.masks();
      onRedraw.run();
      return;
    }
    Encoding e = analysis.encoding();
    ForwardOptions options = options();
    fillMaskWork.submit(p -> FillMask.predict(model.model(), model.vocab(), e, TOP_K, options), r -> {
      afterMasks = r;
      onRedraw.run();
    }, this::error);
  }

  /** Shows {@code message} in the status line. */
  void error(String message) {
    status.set(message);
  }

  /** The model view's thumbnails are made off the FX thread, once per input; until then, empty cells. */
  private void requestThumbnails(AttentionData d, boolean w) {
    if (thumbsRequested == d && thumbsRequestedWords == w && thumbsWork.isRunning()) {
      return;
    }
    thumbsRequested = d;
    thumbsRequestedWords = w;
    thumbsWork.submit(p -> ModelViewDrawing.thumbnails(w ? d.words().merge(d.attentions()) : d.attentions()),
        images -> {
          thumbs = images;
          thumbsOf = d;
          thumbsWords = w;
          onThumbnails.run();
        }, this::error);
  }

  /** The thumbnails of every head of the current attention, or null while they are made (then asked for). */
  BufferedImage[][] thumbnails() {
    if (data == null) {
      return null;
    }
    if (thumbsOf == data && thumbsWords == words) {
      return thumbs;
    }
    requestThumbnails(data, words);
    return null;
  }

  // ---------------------------------------------------------------- what the user chooses

  /** Shows layer {@code l}. */
  void setLayer(int l) {
    layer = l;
    refreshMaps();
  }

  /** The head the matrix and neuron views show. */
  /** Opens head {@code h} in the matrix and neuron views; it joins the heads the head view shows. */
  void setFocusHead(int h) {
    focusHead = h;
    shownHeads[h] = true;
    onRedraw.run();
  }

  void setAggregation(Aggregation a) {
    aggregation = a;
    refreshMaps();
  }

  /** Merges ## pieces into words (or not). */
  void setWords(boolean on) {
    words = on;
    refreshMaps();
  }

  /** Left-to-right attention (or not): recomputes. */
  void setCausal(boolean on) {
    causal = on;
    optionsChanged();
  }

  /** The neuron view is shown (it needs q and k: captured if missing) or hidden. */
  void setNeuronShown(boolean on) {
    neuronShown = on;
    if (on && data != null && data.capture() == null) {
      requestCapture();
    }
  }

  /**
   * Shows head {@code h} in the head view, or hides it; no redraw. There is one selection: the open
   * head (the one the matrix and neuron views show) is always among the shown heads. Ticking the only
   * shown head opens it, hiding the open head opens the lowest head still shown, and the last shown
   * head stays shown.
   */
  void setShown(int h, boolean on) {
    if (!on && shownHeads[h] && shownCount() == 1) {
      return;
    }
    shownHeads[h] = on;
    if (on && shownCount() == 1) {
      focusHead = h;
    } else if (!on && h == focusHead) {
      for (int k = 0; k < shownHeads.length; k++) {
        if (shownHeads[k]) {
          focusHead = k;
          break;
        }
      }
    }
  }

  /** Shows head {@code h} alone and opens it. */
  void showOnly(int h) {
    Arrays.fill(shownHeads, false);
    shownHeads[h] = true;
    focusHead = h;
  }

  /** Shows every head, or ({@code false}) only the open one. */
  void showAll(boolean on) {
    Arrays.fill(shownHeads, on);
    shownHeads[focusHead] = true;
  }

  private int shownCount() {
    int n = 0;
    for (boolean b : shownHeads) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** The query token of the neuron view (a piece). */
  void setQuery(int piece) {
    query = piece;
  }

  /** Selects layer {@code l} and head {@code h} (one head, not an aggregate). */
  void focus(int l, int h) {
    layer = l;
    focusHead = h;
    shownHeads[h] = true;
    if (aggregation.combined()) {
      aggregation = Aggregation.SINGLE_HEAD;
    }
    refreshMaps();
  }

  /** Switches head (layer, head) off, or on again. */
  public void toggleMask(int l, int h) {
    headMask[l][h] = !headMask[l][h];
    optionsChanged();
  }

  /** Switches every head on again. */
  public void clearMasks() {
    for (boolean[] row : headMask) {
      Arrays.fill(row, false);
    }
    optionsChanged();
  }

  /** Averages the head statistics over every line of {@code file}, in the background. */
  public void corpusStatistics(File file) {
    LoadedBert model = loaded.get();
    if (model == null) {
      status.set(T.get("AttentionViewModel.loadFirst"));
      return;
    }
    int max = maxLength.getAsInt();
    ForwardOptions options = options();
    longWork.submit(p -> {
      p.report(-1, T.format("AttentionViewModel.reading", file.getName()));
      List<Encoding> inputs = CorpusFile.encode(model, CorpusFile.read(file.toPath()), max);
      return HeadStatistics.compute(model.model(), inputs, options, p);
    }, s -> {
      corpusStats = true;
      stats = s;
      statsSource = T.format("AttentionViewModel.source.file", file.getName(), String.valueOf(s.inputs()),
          String.valueOf(s.tokens()));
      onStatistics.run();
    }, this::error);
  }

  /** Back to the statistics of the input the window shows. */
  public void inputStatistics() {
    corpusStats = false;
    requestInputStatistics();
  }

  // ---------------------------------------------------------------- state

  WorkbenchViewModel.Analysis analysis() {
    return analysis;
  }

  public AttentionData data() {
    return data;
  }

  public AttentionData.Maps maps() {
    return maps;
  }

  public int layer() {
    return layer;
  }

  public int focusHead() {
    return focusHead;
  }

  public int query() {
    return query;
  }

  public boolean[] shownHeads() {
    return shownHeads.clone();
  }

  public boolean masked(int l, int h) {
    return headMask[l][h];
  }

  /** A copy of the head mask (true: off). */
  boolean[][] headMask() {
    boolean[][] out = new boolean[headMask.length][];
    for (int i = 0; i < headMask.length; i++) {
      out[i] = headMask[i].clone();
    }
    return out;
  }

  public Aggregation aggregation() {
    return aggregation;
  }

  public boolean words() {
    return words;
  }

  public boolean causal() {
    return causal;
  }

  /** Fill-mask at every [MASK] with the current options (the window's own predictions when none apply). */
  public List<FillMask.MaskPredictions> afterMasks() {
    return afterMasks;
  }

  public HeadStatistics statistics() {
    return stats;
  }

  public String statisticsSource() {
    return statsSource;
  }

  /** The statistics are of a corpus file, not of this input. */
  public boolean corpusStatistics() {
    return corpusStats;
  }

  boolean fillMaskRunning() {
    return fillMaskWork.isRunning();
  }

  /** The runner of long work with a progress bar and a Cancel button (corpus statistics, ranking). */
  Latest longWork() {
    return longWork;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True while any background work of this view runs. */
  public boolean busy() {
    return captureWork.isRunning() || deriveWork.isRunning() || statsWork.isRunning()
        || fillMaskWork.isRunning() || longWork.isRunning() || thumbsWork.isRunning();
  }

  public void shutdown() {
    for (Latest w : List.of(captureWork, deriveWork, statsWork, fillMaskWork, longWork, thumbsWork)) {
      w.shutdown();
    }
  }
}
