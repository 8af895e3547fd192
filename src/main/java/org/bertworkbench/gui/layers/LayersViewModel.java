package org.bertworkbench.gui.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.bertworkbench.core.analysis.HiddenStateTrajectory;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.draw.LayerNames;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The Hidden states view's state and background work, without a window: the input, the selected
 * token and its trajectory through the layers, the layer the map shows, and every layer's 2-D PCA
 * of all tokens (computed in the background, newest input wins). The pane builds the controls,
 * forwards what the user chooses here, and draws when told to; the numbers behind every picture
 * are tabled here.
 */
public final class LayersViewModel {

  private static final Texts T = Texts.of(LayersViewModel.class);

  /** The slider starts at BERT-Base's last layer; an input's own count then bounds it. */
  static final int FIRST_LAYER_SHOWN = 12;

  private final Supplier<LoadedBert> loaded;
  private final Latest pcaWork;
  private final Latest switchedWork;
  private final Supplier<EncoderSwitches> switches;
  private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(" ");
  private final ReadOnlyStringWrapper switchesNote = new ReadOnlyStringWrapper("");

  private Runnable onCleared = () -> {};
  private Runnable onShown = () -> {};
  private Runnable onTrajectory = () -> {};
  private Runnable onMap = () -> {};

  private WorkbenchViewModel.Analysis analysis;
  /** The window's analysis, of the whole model; {@link #analysis} is it with the switches applied. */
  private WorkbenchViewModel.Analysis given;
  private HiddenStateTrajectory trajectory;
  private List<Pca> pcas;
  private int selected = -1;
  private int layer = FIRST_LAYER_SHOWN;

  /** Over the window's model, following the heads off and the direction the Attention tab sets. */
  public LayersViewModel(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), name -> vm.modelWork("layers-" + name), () -> vm.switchesProperty().get());
    vm.switchesProperty().addListener((o, a, b) -> show(given));
  }

  /** As {@link #LayersViewModel(Supplier, Function, Supplier)} with every head on, both ways. */
  LayersViewModel(Supplier<LoadedBert> loaded, Function<String, Latest> latest) {
    this(loaded, latest, () -> EncoderSwitches.NONE);
  }

  /**
   * Over the model {@code loaded} gives (null: none loaded), with the background runner {@code
   * latest} makes by name (a test makes one whose threads it runs itself), computing the hidden states
   * again with the heads off and the direction {@code switches} gives.
   */
  LayersViewModel(Supplier<LoadedBert> loaded, Function<String, Latest> latest,
      Supplier<EncoderSwitches> switches) {
    this.loaded = loaded;
    this.switches = switches;
    pcaWork = latest.apply("pca");
    switchedWork = latest.apply("switched");
  }

  /**
   * {@code cleared}: no input any more; {@code shown}: a new input (its tokens and layer count);
   * {@code trajectory}: the selected token's trajectory changed; {@code map}: the map is out of date.
   */
  void setListeners(Runnable cleared, Runnable shown, Runnable trajectory, Runnable map) {
    onCleared = cleared;
    onShown = shown;
    onTrajectory = trajectory;
    onMap = map;
  }

  /**
   * The window's new analysis (null: none): the map of every layer is computed in the background. With
   * heads switched off or left-to-right attention, the hidden states are first computed again with
   * them, so that this view shows the same model as the Attention tab.
   */
  public void show(WorkbenchViewModel.Analysis a) {
    given = a;
    EncoderSwitches sw = switches.get();
    LoadedBert model = loaded.get();
    switchesNote.set(sw.active() ? T.format("LayersViewModel.switches", sw.describe()) : "");
    if (a == null || model == null || !sw.active()) {
      switchedWork.cancel();
      adopt(a);
      return;
    }
    info.set(T.format("LayersViewModel.recomputing", sw.describe()));
    switchedWork.submit(p -> new WorkbenchViewModel.Analysis(a.textA(), a.textB(), a.traced(),
        Inspection.of(model.model(), a.encoding(), sw.applyTo(ForwardOptions.TRACE)), a.masks(), a.mlmHead(),
        a.nextSentence()), switched -> {
          info.set(" ");
          adopt(switched);
        }, message -> info.set(T.format("LayersViewModel.recomputeFailed", message)));
  }

  private void adopt(WorkbenchViewModel.Analysis a) {
    analysis = a;
    pcas = null;
    LoadedBert model = loaded.get();
    if (a == null || model == null) {
      pcaWork.cancel();
      trajectory = null;
      onCleared.run();
      return;
    }
    float[][][] hidden = a.inspection().hiddenStates();
    int t = hidden[0].length;
    if (selected < 0 || selected >= t) {
      selected = Math.min(1, t - 1);
    }
    trajectory = null;
    onShown.run();
    BertForPreTraining bert = model.model();
    pcaWork.submit(p -> {
      try (var scope = bert.newScope()) {
        return HiddenStateTrajectory.projections(scope, hidden, p);
      }
    }, result -> {
      pcas = result;
      onMap.run();
    }, message -> info.set(T.format("LayersViewModel.mapFailed", message)));
  }

  /**
   * Selects the token at {@code row}; says whether its trajectory was recomputed (a new row, or
   * none yet).
   */
  public boolean select(int row) {
    if (analysis == null || row < 0 || row >= tokenCount()) {
      return false;
    }
    boolean changed = row != selected;
    selected = row;
    if (changed || trajectory == null) {
      trace();
      return true;
    }
    return false;
  }

  /** Computes the selected token's trajectory through the layers. */
  void trace() {
    trajectory = HiddenStateTrajectory.of(analysis.inspection().hiddenStates(), selected);
    onTrajectory.run();
  }

  /** Shows the map at {@code l} (0 = the embeddings). */
  public void setLayer(int l) {
    layer = l;
    onMap.run();
  }

  // ---------------------------------------------------------------- what the pointer is over

  /** Puts {@code text} in the info line (what the pointer is over). */
  void setInfo(String text) {
    info.set(text);
  }

  /** What the strips show at layer {@code l}, dimension {@code dim} (-1: the row label). */
  String describe(int l, int dim) {
    String where = LayerNames.hiddenState(l);
    return dim < 0
        ? T.format("LayersViewModel.describe.row", token(selected), where, trajectory.norms()[l],
            trajectory.cosineToInput()[l], trajectory.cosineToFinal()[l])
        : T.format("LayersViewModel.describe.value", token(selected), where, dim, trajectory.vectors()[l][dim]);
  }

  /** Token {@code i} as a point of {@code pca}. */
  String describePoint(int i, Pca pca) {
    return T.format("LayersViewModel.describePoint",
        i, token(i), analysis.encoding().tokenTypeIds()[i] == 0 ? "A" : "B", pca.scores()[i][0],
        pca.scores()[i].length > 1 ? pca.scores()[i][1] : 0.0);
  }

  // ---------------------------------------------------------------- the numbers behind the pictures

  /** The trajectory, layer by layer: its cosines, length and every value. */
  static Table trajectoryTable(HiddenStateTrajectory tr) {
    List<String> header = new ArrayList<>(List.of("layer", "cosine_to_input", "cosine_to_final", "norm"));
    for (int k = 0; k < tr.vectors()[0].length; k++) {
      header.add("v" + k);
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < tr.vectors().length; l++) {
      List<Object> row = new ArrayList<>(List.of(l, tr.cosineToInput()[l], tr.cosineToFinal()[l], tr.norms()[l]));
      for (float v : tr.vectors()[l]) {
        row.add(v);
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  /** The trajectory's two cosines per layer. */
  static Table cosinesTable(HiddenStateTrajectory tr) {
    List<List<Object>> rows = new ArrayList<>();
    for (int l = 0; l < tr.vectors().length; l++) {
      rows.add(List.of(l, tr.cosineToInput()[l], tr.cosineToFinal()[l]));
    }
    return new Table(List.of("layer", "cosine_to_input", "cosine_to_final"), rows);
  }

  /** Every token's point on the map {@code p}. */
  static Table mapTable(List<String> tokens, int[] segments, Pca p) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      rows.add(List.of(i, tokens.get(i), segments[i], p.scores()[i][0],
          p.scores()[i].length > 1 ? p.scores()[i][1] : 0.0));
    }
    return new Table(List.of("position", "token", "segment", "pc1", "pc2"), rows);
  }

  // ---------------------------------------------------------------- state

  WorkbenchViewModel.Analysis analysis() {
    return analysis;
  }

  /** The input's token count (0 without an input). */
  int tokenCount() {
    return analysis == null ? 0 : analysis.inspection().hiddenStates()[0].length;
  }

  /** The embeddings and every layer: the number of rows of a trajectory. */
  int layers() {
    return analysis.inspection().hiddenStates().length;
  }

  String token(int i) {
    return analysis.encoding().tokens().get(i);
  }

  public int selected() {
    return selected;
  }

  /** The selected token's way through the layers (null until traced). */
  HiddenStateTrajectory trajectory() {
    return trajectory;
  }

  public int layer() {
    return layer;
  }

  /** Every layer's map (null while computed). */
  public List<Pca> projections() {
    return pcas;
  }

  /** The map of the layer shown (the last one if the input has fewer); null while computed. */
  Pca projection() {
    return pcas == null ? null : pcas.get(Math.min(layer, pcas.size() - 1));
  }

  /** Which switches the hidden states follow ("" when every head is on, both ways). */
  public ReadOnlyStringProperty switchesNoteProperty() {
    return switchesNote.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty infoProperty() {
    return info.getReadOnlyProperty();
  }

  /** True while the map is still being computed. */
  public boolean busy() {
    return pcaWork.isRunning();
  }

  public void shutdown() {
    pcaWork.shutdown();
  }
}
