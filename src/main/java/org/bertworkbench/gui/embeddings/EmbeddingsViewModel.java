package org.bertworkbench.gui.embeddings;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.bertworkbench.core.analysis.EmbeddingGeometry;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.Diverging;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * The Embeddings view's state and background work, without a window: the checks and pictures
 * prepared for the input (off the FX thread, so that 512 tokens never hold the window up), the
 * selected token and its nearest vocabulary tokens, and the model's position-similarity map
 * (computed once per model). Each kind of work runs in its own {@link Latest}, newest request
 * wins. The pane builds the controls, binds the texts, and draws when told to; the numbers behind
 * every picture are tabled here.
 */
public final class EmbeddingsViewModel {

  private static final Texts T = Texts.of(EmbeddingsViewModel.class);

  static final int NEIGHBOURS = 12;

  /** What the background work made of one analysis for this view. */
  record Prepared(WorkbenchViewModel.Analysis analysis, EmbeddingGeometry.Check check,
      double[][] norms, double partsScale, double inputScale, float[][] segments, double segmentScale,
      String sumText, String layerNormText, StripsDrawing strips, ChartDrawing normsChart) {}

  /**
   * The nearest-token list as it stands: being searched, found ({@code done}), or failed; {@code
   * status} says which.
   */
  record Nearest(String token, List<EmbeddingGeometry.Neighbour> found, String status, boolean done) {}

  private final Supplier<LoadedBert> loaded;
  private final Latest prepareWork;
  private final Latest positionWork;
  private final Latest nearestWork;
  private final ReadOnlyStringWrapper sumCheck = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper layerNormCheck = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(" ");

  private Runnable onCleared = () -> {};
  private Runnable onPrepared = () -> {};
  private Runnable onSelected = () -> {};
  private Runnable onNearest = () -> {};
  private Runnable onPositions = () -> {};

  private Prepared prepared;
  private int selected = -1;
  private BertForPreTraining positionModel;
  private float[][] positionMap;
  private Nearest nearest;
  private List<EmbeddingGeometry.Neighbour> neighbours = List.of();

  /** Over the window's model. */
  public EmbeddingsViewModel(WorkbenchViewModel vm) {
    this(() -> vm.modelProperty().get(), name -> vm.modelWork("embeddings-" + name));
  }

  /**
   * Over the model {@code loaded} gives (null: none loaded), with the background runners {@code
   * latest} makes by name (a test makes ones whose threads it runs itself).
   */
  EmbeddingsViewModel(Supplier<LoadedBert> loaded, Function<String, Latest> latest) {
    this.loaded = loaded;
    prepareWork = latest.apply("prepare");
    positionWork = latest.apply("positions");
    nearestWork = latest.apply("nearest");
    clear();
  }

  /**
   * {@code cleared}: no input any more; {@code prepared}: a new input's pictures are ready; {@code
   * selected}: another token is selected; {@code nearest}: the nearest-token list changed; {@code
   * positions}: the position map arrived.
   */
  void setListeners(Runnable cleared, Runnable prepared, Runnable selected, Runnable nearest,
      Runnable positions) {
    onCleared = cleared;
    onPrepared = prepared;
    onSelected = selected;
    onNearest = nearest;
    onPositions = positions;
  }

  /**
   * The window's new analysis (null: none): prepared in the background, the strips rendered for a
   * canvas of {@code width} x {@code height}.
   */
  public void show(WorkbenchViewModel.Analysis analysis, double width, double height) {
    LoadedBert model = loaded.get();
    if (analysis == null || model == null) {
      prepareWork.cancel();
      nearestWork.cancel();
      clear();
      return;
    }
    BertForPreTraining bert = model.model();
    sumCheck.set(T.get("EmbeddingsViewModel.sumChecking"));
    layerNormCheck.set(T.get("EmbeddingsViewModel.layerNormChecking"));
    prepareWork.submit(p -> prepare(bert, analysis, width, height), this::install,
        message -> sumCheck.set(T.format("EmbeddingsViewModel.checkFailed", message)));
    if (positionModel != bert) {
      positionModel = bert;
      positionMap = null;
      positionWork.submit(p -> EmbeddingGeometry.positionCosineMap(bert), map -> {
        positionMap = map;
        onPositions.run();
      }, message -> info.set(T.format("EmbeddingsViewModel.positionsFailed", message)));
    }
  }

  /** The expensive part of showing an analysis, off the FX thread. */
  static Prepared prepare(BertForPreTraining model, WorkbenchViewModel.Analysis a, double width,
      double height) {
    Inspection x = a.inspection();
    EmbeddingGeometry.Check check = EmbeddingGeometry.check(model, x);
    int t = x.embeddingSum().length;
    double[][] n = new double[t][];
    for (int i = 0; i < t; i++) {
      n[i] = new double[] {EmbeddingGeometry.norm(x.tokenEmbeddings()[i]),
          EmbeddingGeometry.norm(x.segmentEmbeddings()[i]), EmbeddingGeometry.norm(x.positionEmbeddings()[i]),
          EmbeddingGeometry.norm(x.embeddingSum()[i]), EmbeddingGeometry.norm(x.normalized()[i])};
    }
    double partsScale = Diverging.scaleOf(0.99, x.tokenEmbeddings(), x.segmentEmbeddings(),
        x.positionEmbeddings(), x.embeddingSum());
    double inputScale = Diverging.scaleOf(0.99, x.normalized());
    float[][] seg = EmbeddingGeometry.segmentVectors(model);
    float[][] segRows = {seg[0], seg.length > 1 ? seg[1] : seg[0], difference(seg)};
    double segScale = Diverging.scaleOf(0.99, segRows);
    String sumText = T.format("EmbeddingsViewModel.sumChecked",
        EmbeddingDrawings.formatDifference(check.sumMaxDifference()), String.valueOf(t),
        String.valueOf(x.embeddingSum()[0].length));
    String lnText = T.format("EmbeddingsViewModel.layerNormChecked",
        EmbeddingDrawings.formatDifference(check.layerNormMaxDifference()));
    Prepared bare = new Prepared(a, check, n, partsScale, inputScale, segRows, segScale, sumText, lnText,
        null, null);
    // The drawings are built and the strips rendered here, off the FX thread.
    ChartDrawing chart = EmbeddingDrawings.normsChart(bare);
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = scratch.createGraphics();
    chart.draw(g, Math.max(300, width / 2), Math.max(200, height / 2)); // loads and lays out off the FX thread
    g.dispose();
    return new Prepared(a, check, n, partsScale, inputScale, segRows, segScale, sumText, lnText,
        EmbeddingDrawings.strips(bare).prerender(width, height), chart);
  }

  private static float[] difference(float[][] seg) {
    float[] d = new float[seg[0].length];
    if (seg.length > 1) {
      for (int i = 0; i < d.length; i++) {
        d[i] = seg[1][i] - seg[0][i];
      }
    }
    return d;
  }

  private void install(Prepared p) {
    prepared = p;
    int t = tokens().size();
    if (selected < 0 || selected >= t) {
      selected = Math.min(1, t - 1);
    }
    sumCheck.set(p.sumText());
    layerNormCheck.set(p.layerNormText());
    onPrepared.run();
    findNeighbours();
  }

  private void clear() {
    prepared = null;
    sumCheck.set(T.get("EmbeddingsViewModel.sumNoInput"));
    layerNormCheck.set(T.get("EmbeddingsViewModel.layerNormNoInput"));
    onCleared.run();
  }

  /** Selects the token at {@code row}: its neighbours are searched; says whether the selection changed. */
  public boolean select(int row) {
    if (prepared == null || row < 0 || row >= tokens().size() || row == selected) {
      return false;
    }
    selected = row;
    onSelected.run();
    findNeighbours();
    info.set(T.format("EmbeddingsViewModel.selected", rowLabel(row)));
    return true;
  }

  private void findNeighbours() {
    LoadedBert model = loaded.get();
    if (prepared == null || model == null || selected < 0) {
      return;
    }
    int row = selected;
    String token = tokens().get(row);
    int id = prepared.analysis().encoding().inputIds()[row];
    float[] query = prepared.analysis().inspection().tokenEmbeddings()[row];
    Vocab vocab = model.vocab();
    BertForPreTraining bert = model.model();
    nearest = new Nearest(token, List.of(), T.format("EmbeddingsViewModel.searching", String.valueOf(vocab.size())),
        false);
    onNearest.run();
    nearestWork.submit(p -> EmbeddingGeometry.nearestTokens(bert, vocab, query, NEIGHBOURS, i -> i == id),
        found -> {
          neighbours = found;
          nearest = new Nearest(token, found, T.format("EmbeddingsViewModel.searched", String.valueOf(vocab.size()),
              token), true);
          onNearest.run();
        }, message -> {
          nearest = new Nearest(token, List.of(), T.format("EmbeddingsViewModel.searchFailed", message), false);
          onNearest.run();
        });
  }

  // ---------------------------------------------------------------- what the pointer is over

  /** Puts {@code text} in the info line (what the pointer is over). */
  void setInfo(String text) {
    info.set(text);
  }

  /** What the strips show at token {@code row}, dimension {@code dim} (-1: its row label); null without an input. */
  String describe(int row, int dim) {
    if (prepared == null) {
      return null;
    }
    String seg = prepared.analysis().encoding().tokenTypeIds()[row] == 0 ? "A" : "B";
    if (dim < 0) {
      double[] n = prepared.norms()[row];
      return T.format("EmbeddingsViewModel.lengths", rowLabel(row), seg, f3(n[0]), f3(n[1]), f3(n[2]), f3(n[3]),
          f3(n[4]));
    }
    Inspection ins = prepared.analysis().inspection();
    return T.format("EmbeddingsViewModel.dimension", rowLabel(row), seg, String.valueOf(dim),
        f4(ins.tokenEmbeddings()[row][dim]), f4(ins.segmentEmbeddings()[row][dim]),
        f4(ins.positionEmbeddings()[row][dim]), f4(ins.embeddingSum()[row][dim]), f4(ins.normalized()[row][dim]));
  }

  /** A value with 3 and 4 decimals, the same in both languages (figures in columns, as the strips' CSV). */
  private static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** The cosine of positions {@code i} and {@code j}, for the pointer over the map. */
  String describePositions(int i, int j) {
    return T.format("EmbeddingsViewModel.positions", String.valueOf(i), String.valueOf(j), f4(positionMap[i][j]));
  }

  // ---------------------------------------------------------------- the numbers behind the pictures

  /** Every token's parts: lengths, then every value of each part. */
  Table stripsTable() {
    Inspection x = prepared.analysis().inspection();
    Encoding e = prepared.analysis().encoding();
    int h = x.embeddingSum()[0].length;
    List<String> header = new ArrayList<>(List.of("position", "token", "segment", "token_norm",
        "segment_norm", "position_norm", "sum_norm", "layernorm_norm"));
    String[] names = {"token", "segment", "position", "sum", "layernorm"};
    for (String n : names) {
      for (int d = 0; d < h; d++) {
        header.add(n + "_" + d);
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < tokens().size(); i++) {
      List<Object> row = new ArrayList<>(List.of(i, tokens().get(i), e.tokenTypeIds()[i]));
      for (double v : prepared.norms()[i]) {
        row.add(v);
      }
      for (float[][] part : new float[][][] {x.tokenEmbeddings(), x.segmentEmbeddings(),
          x.positionEmbeddings(), x.embeddingSum(), x.normalized()}) {
        for (float v : part[i]) {
          row.add(v);
        }
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  /** Every token's five lengths. */
  Table normsTable() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < tokens().size(); i++) {
      double[] n = prepared.norms()[i];
      rows.add(List.of(i, tokens().get(i), n[0], n[1], n[2], n[3], n[4]));
    }
    return new Table(List.of("position", "token", "token_norm", "segment_norm", "position_norm",
        "sum_norm", "layernorm_norm"), rows);
  }

  /** Segment A, segment B and B − A, dimension by dimension. */
  static Table segmentsTable(float[][] s) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < s[0].length; i++) {
      rows.add(List.of(i, s[0][i], s[1][i], s[2][i]));
    }
    return new Table(List.of("dimension", "segment_A", "segment_B", "B_minus_A"), rows);
  }

  /** The position map: every position's cosine with every other. */
  static Table positionsTable(float[][] map) {
    List<String> header = new ArrayList<>(List.of("position"));
    for (int j = 0; j < map.length; j++) {
      header.add(String.valueOf(j));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < map.length; i++) {
      List<Object> row = new ArrayList<>(List.of(i));
      for (float v : map[i]) {
        row.add(v);
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  /** The nearest tokens found, by rank. */
  static Table neighboursTable(List<EmbeddingGeometry.Neighbour> found) {
    List<List<Object>> rows = new ArrayList<>();
    int rank = 1;
    for (EmbeddingGeometry.Neighbour n : found) {
      rows.add(List.of(rank++, n.token(), n.id(), n.cosine()));
    }
    return new Table(List.of("rank", "token", "id", "cosine"), rows);
  }

  // ---------------------------------------------------------------- state

  /** What was prepared for the input shown (null: none). */
  Prepared prepared() {
    return prepared;
  }

  /** The input's tokens (those the model saw), empty without an input. */
  List<String> tokens() {
    return prepared == null ? List.of() : prepared.analysis().encoding().tokens().subList(0,
        prepared.analysis().inspection().embeddingSum().length);
  }

  private String rowLabel(int i) {
    return i + " " + tokens().get(i);
  }

  /** The selected token's row; -1 before the first input. */
  public int selected() {
    return selected;
  }

  /** The nearest-token list as it stands (null before the first search). */
  Nearest nearest() {
    return nearest;
  }

  /** The tokens of the last nearest-neighbour list found. */
  public List<String> neighbourTokens() {
    return neighbours.stream().map(EmbeddingGeometry.Neighbour::token).toList();
  }

  /** Every position's cosine with every other (null until computed). */
  float[][] positionMap() {
    return positionMap;
  }

  public ReadOnlyStringProperty sumCheckProperty() {
    return sumCheck.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty layerNormCheckProperty() {
    return layerNormCheck.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty infoProperty() {
    return info.getReadOnlyProperty();
  }

  /** True while background work for this view is still to arrive. */
  public boolean busy() {
    return prepareWork.isRunning() || positionWork.isRunning() || nearestWork.isRunning();
  }

  public void shutdown() {
    for (Latest w : List.of(prepareWork, positionWork, nearestWork)) {
      w.shutdown();
    }
  }
}
