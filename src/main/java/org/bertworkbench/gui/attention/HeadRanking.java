package org.bertworkbench.gui.attention;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.bertworkbench.core.analysis.CorpusFile;
import org.bertworkbench.core.analysis.HeadImportance;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.Vocab;
import org.bertworkbench.gui.shell.SampleInputs;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.export.Placeholders;
import org.bertworkbench.gui.work.Latest;

/**
 * Ranking heads by how much masking each one alone changes the output (Michel et al. 2019) over a
 * set of sentences: the input the window shows, the sample inputs, or every line of a text file.
 * The passes run in the background on the attention view's long-work queue (progress bar, cancel);
 * the result is a sortable table here and a layer x head heatmap in the masking view.
 */
final class HeadRanking {

  private static final Texts T = Texts.of(HeadRanking.class);

  /** Where the sentences come from. */
  enum Source {
    INPUT,
    SAMPLES,
    FILE;

    @Override
    public String toString() {
      return switch (this) {
        case INPUT -> T.get("HeadRanking.Source.input");
        case SAMPLES -> T.get("HeadRanking.Source.samples");
        case FILE -> T.get("HeadRanking.Source.file");
      };
    }
  }

  /** One line of the table. */
  record Row(int rank, int layer, int head, double score) {}

  /**
   * A finished ranking and what it was computed on: {@code source} names the set ("this input",
   * "sample inputs", a file name), {@code over} says which of its sentences were used.
   */
  record Outcome(HeadImportance importance, String source, String over, String note) {}

  /** Scores below this are float32 rounding, not a change of the predictions. */
  static final double NOISE = 1e-6;

  private final WorkbenchViewModel vm;
  private final Latest work;
  private final BooleanSupplier causal;
  private final Consumer<String> status;
  private final Runnable onRanked;
  private final ComboBox<HeadImportance.Measure> measureChoice =
      new ComboBox<>(FXCollections.observableArrayList(HeadImportance.Measure.values()));
  private final ComboBox<Source> sourceChoice = new ComboBox<>(FXCollections.observableArrayList(Source.values()));
  private final TableView<Row> table = new TableView<>();
  private Outcome outcome;

  HeadRanking(WorkbenchViewModel vm, Latest work, BooleanSupplier causal, Consumer<String> status, Runnable onRanked) {
    this.vm = vm;
    this.work = work;
    this.causal = causal;
    this.status = status;
    this.onRanked = onRanked;
    buildTable();
  }

  /** The controls: measure, source of sentences, the button. */
  FlowPane bar() {
    measureChoice.setId("measureChoice");
    measureChoice.setValue(HeadImportance.Measure.KL_AT_MASKS);
    measureChoice.setConverter(new StringConverter<>() {
      @Override
      public String toString(HeadImportance.Measure m) {
        return m == null ? "" : describe(m);
      }

      @Override
      public HeadImportance.Measure fromString(String s) {
        return null;
      }
    });
    sourceChoice.setId("rankSource");
    sourceChoice.setValue(Source.INPUT);
    sourceChoice.setTooltip(new Tooltip(T.get("HeadRanking.source.tip")));
    Button rank = new Button(T.get("HeadRanking.rank"));
    rank.setId("rankHeads");
    rank.setTooltip(new Tooltip(T.get("HeadRanking.rank.tip")));
    rank.setOnAction(e -> rank(sourceChoice.getValue()));
    FlowPane bar = new FlowPane(8, 6, new Label(T.get("HeadRanking.rankBy")), measureChoice,
        new Label(T.get("HeadRanking.over")), sourceChoice, rank);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  /** The ranking as a sortable table (click a header to sort by it). */
  TableView<Row> table() {
    return table;
  }

  Outcome outcome() {
    return outcome;
  }

  private void rank(Source source) {
    switch (source) {
      case SAMPLES -> rankOnSamples();
      case FILE -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(T.get("HeadRanking.chooser"));
        File file = chooser.showOpenDialog(table.getScene().getWindow());
        if (file != null) {
          rankOnFile(file);
        }
      }
      default -> rankOnInput();
    }
  }

  /** Ranks on the input the window shows. */
  void rankOnInput() {
    WorkbenchViewModel.Analysis a = vm.analysisProperty().get();
    if (a == null) {
      status.accept(T.get("HeadRanking.typeFirst"));
      return;
    }
    Encoding e = a.encoding();
    sourceChoice.setValue(Source.INPUT);
    start(T.get("HeadRanking.source.input"), m -> List.of(e));
  }

  /** Ranks on every sample input of the Samples menu. */
  void rankOnSamples() {
    List<SampleInputs.Sample> samples = SampleInputs.load();
    int max = vm.maxLengthProperty().get();
    sourceChoice.setValue(Source.SAMPLES);
    start(T.get("HeadRanking.source.samples"), m -> samples.stream()
        .map(s -> m.encode(s.textA(), s.textB().isBlank() ? null : s.textB(), max)).toList());
  }

  /** Ranks on every line of {@code file} (read and encoded in the background). */
  void rankOnFile(File file) {
    int max = vm.maxLengthProperty().get();
    sourceChoice.setValue(Source.FILE);
    start(file.getName(), m -> CorpusFile.encode(m, CorpusFile.read(file.toPath()), max));
  }

  private void start(String source, Function<LoadedBert, List<Encoding>> sentences) {
    LoadedBert model = vm.modelProperty().get();
    if (model == null) {
      status.accept(T.get("HeadRanking.loadFirst"));
      return;
    }
    HeadImportance.Measure asked = measureChoice.getValue();
    ForwardOptions options = ForwardOptions.INFERENCE.withCausal(causal.getAsBoolean());
    work.submit(p -> {
      p.report(-1, T.format("HeadRanking.reading", source));
      List<Encoding> all = sentences.apply(model);
      List<Encoding> used = all;
      HeadImportance.Measure measure = asked;
      String note = "";
      if (asked != HeadImportance.Measure.HIDDEN_STATES) {
        used = all.stream().filter(e -> e.tokens().contains(Vocab.MASK)).toList();
        if (used.isEmpty()) {
          used = all;
          measure = HeadImportance.Measure.HIDDEN_STATES;
          note = T.format("HeadRanking.note.noMask", Vocab.MASK, source);
        } else if (used.size() < all.size()) {
          note = T.format("HeadRanking.note.some", String.valueOf(used.size()), String.valueOf(all.size()), Vocab.MASK);
        }
      }
      HeadImportance r = HeadImportance.rank(model.model(), used, measure, options, p);
      if (measure != HeadImportance.Measure.HIDDEN_STATES && r.ranking().get(0).score() < NOISE) {
        note = (note + " " + T.get("HeadRanking.note.noise")).trim();
      }
      String over = all.size() == 1 ? source
          : used.size() == all.size() ? T.format("HeadRanking.over.all", source, String.valueOf(all.size()))
          : T.format("HeadRanking.over.some", String.valueOf(used.size()), String.valueOf(all.size()), source,
              Vocab.MASK);
      return new Outcome(r, source, over, note);
    }, o -> {
      outcome = o;
      List<Row> rows = new ArrayList<>();
      int rank = 1;
      for (HeadImportance.Ranked k : o.importance().ranking()) {
        rows.add(new Row(rank++, k.layer(), k.head(), k.score()));
      }
      table.getItems().setAll(rows);
      table.sort();
      status.accept(o.note());
      onRanked.run();
    }, status);
  }

  /** A short name of a measure, for the menu and titles. */
  static String describe(HeadImportance.Measure m) {
    return switch (m) {
      case KL_AT_MASKS -> T.get("HeadRanking.measure.kl");
      case TOTAL_VARIATION_AT_MASKS -> T.get("HeadRanking.measure.tv");
      default -> T.get("HeadRanking.measure.hidden");
    };
  }

  private void buildTable() {
    table.setId("rankTable");
    table.getColumns().add(Columns.<Row>intColumn(T.get("HeadRanking.col.rank"), Row::rank, "rank"));
    table.getColumns().add(Columns.<Row>intColumn(T.get("HeadRanking.col.layer"), Row::layer, "layer"));
    table.getColumns().add(Columns.<Row>intColumn(T.get("HeadRanking.col.head"), Row::head, "head"));
    table.getColumns().add(Columns.<Row>numberColumn(T.get("HeadRanking.col.score"), Row::score, "score", "%.5g"));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(Placeholders.wrapping(T.get("HeadRanking.placeholder")));
  }
}
