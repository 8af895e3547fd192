package org.bertworkbench.gui.finetune;

import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableSet;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.gui.text.Texts;

/** Page 4: the paper's hyper-parameters with its defaults and choices, and the optional small grid. */
final class HyperPage extends WizardPage {

  private static final Texts T = Texts.of(HyperPage.class);

  HyperPage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.HYPERPARAMETERS, T.get("HyperPage.header"));
    HyperChoices h = vm.hyper();
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    int row = 0;
    ComboBox<String> rate = combo("learningRate", h.learningRateProperty(),
        FinetuneSpec.PAPER_LEARNING_RATES.stream().map(Fields::rate).toList());
    ComboBox<String> batch = combo("batchSize", h.batchSizeProperty(),
        FinetuneSpec.PAPER_BATCH_SIZES.stream().map(String::valueOf).toList());
    ComboBox<String> epochCount = combo("epochs", h.epochsProperty(),
        FinetuneSpec.PAPER_EPOCHS.stream().map(String::valueOf).toList());
    for (ComboBox<String> c : List.of(rate, batch, epochCount)) {
      c.disableProperty().bind(h.gridProperty()); // the grid's values replace them
    }
    grid.addRow(row++, new Label(T.get("HyperPage.learningRate")), rate, note(T.get("HyperPage.learningRate.note")));
    grid.addRow(row++, new Label(T.get("HyperPage.batchSize")), batch, note(T.get("HyperPage.batchSize.note")));
    grid.addRow(row++, new Label(T.get("HyperPage.epochs")), epochCount, note(T.get("HyperPage.epochs.note")));
    grid.addRow(row++, new Label(T.get("HyperPage.warmup")), field("warmup", h.warmupProperty()),
        note(T.get("HyperPage.warmup.note")));
    grid.addRow(row++, new Label(T.get("HyperPage.weightDecay")), field("weightDecay", h.weightDecayProperty()),
        note(T.get("HyperPage.weightDecay.note")));
    grid.addRow(row++, new Label(T.get("HyperPage.maxLength")), field("maxLength", h.maxLengthProperty()),
        note(T.get("HyperPage.maxLength.note")));
    grid.addRow(row++, new Label(T.get("HyperPage.seed")), field("seed", h.seedProperty()),
        note(T.get("HyperPage.seed.note")));
    Spinner<Integer> frozen = new Spinner<>(0, 48, h.frozenLayersProperty().get());
    frozen.setId("frozenLayers");
    frozen.getEditor().setPrefColumnCount(3);
    frozen.setEditable(true);
    frozen.valueProperty().addListener((o, was, now) -> h.frozenLayersProperty().set(now));
    h.frozenLayersProperty().addListener((o, was, now) -> frozen.getValueFactory().setValue(now.intValue()));
    vm.modelConfigProperty().addListener((o, was, now) -> {
      if (now != null) {
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) frozen.getValueFactory()).setMax(now.numHiddenLayers());
      }
    });
    grid.addRow(row++, new Label(T.get("HyperPage.frozen")), frozen, note(T.get("HyperPage.frozen.note")));

    CheckBox useGrid = new CheckBox(T.get("HyperPage.grid"));
    useGrid.setId("gridCheck");
    useGrid.selectedProperty().bindBidirectional(h.gridProperty());
    HBox rates = choices("grid-lr", h.gridRates(), FinetuneSpec.PAPER_LEARNING_RATES, Fields::rate);
    HBox batches = choices("grid-batch", h.gridBatches(), FinetuneSpec.PAPER_BATCH_SIZES, String::valueOf);
    HBox epochs = choices("grid-epochs", h.gridEpochs(), FinetuneSpec.PAPER_EPOCHS, String::valueOf);
    GridPane cells = new GridPane();
    cells.setHgap(10);
    cells.setVgap(4);
    cells.addRow(0, new Label(T.get("HyperPage.rates")), rates);
    cells.addRow(1, new Label(T.get("HyperPage.batches")), batches);
    cells.addRow(2, new Label(T.get("HyperPage.epochCounts")), epochs);
    cells.disableProperty().bind(h.gridProperty().not());
    cells.setStyle("-fx-padding: 0 0 0 26;");
    Label count = new Label();
    count.setId("gridCount");
    count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> h.runs() == 1 ? T.get("HyperPage.oneRun") : T.format("HyperPage.runs", h.runs()),
        h.gridProperty(), h.gridRates(), h.gridBatches(), h.gridEpochs()));
    VBox box = new VBox(12, smallModelHint(vm), grid, useGrid, cells, count);
    setBody(box);
  }

  /** Shown only when the base model is small: the paper's settings barely move it. */
  private static Node smallModelHint(WizardViewModel vm) {
    Label text = new Label();
    text.setWrapText(true);
    Button use = new Button(T.get("HyperPage.useSmall"));
    use.setId("smallModelSettings");
    use.setOnAction(e -> vm.hyper().useSmallModelSettings());
    use.setMinWidth(Region.USE_PREF_SIZE); // the text wraps, the button keeps its words
    text.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(text, Priority.ALWAYS);
    HBox hint = new HBox(10, text, use);
    hint.setAlignment(Pos.CENTER_LEFT);
    hint.setStyle("-fx-background-color: #fff8e1; -fx-padding: 6 8 6 8; -fx-background-radius: 4;");
    hint.setId("smallModelHint");
    Runnable update = () -> {
      BertConfig c = vm.modelConfigProperty().get();
      boolean small = c != null && c.hiddenSize() < HyperChoices.SMALL_MODEL_HIDDEN;
      hint.setVisible(small);
      hint.setManaged(small);
      if (small) {
        text.setText(T.format("HyperPage.small", c.hiddenSize(), c.numHiddenLayers()));
      }
    };
    vm.modelConfigProperty().addListener((o, was, now) -> update.run());
    update.run();
    return hint;
  }

  private static ComboBox<String> combo(String id, StringProperty p, List<String> items) {
    ComboBox<String> c = new ComboBox<>();
    c.setId(id);
    c.getItems().setAll(items);
    c.setEditable(true);
    c.setStyle("-fx-pref-width: 8.5em;"); // em: grows with the zoom's type
    c.setValue(p.get());
    c.getEditor().textProperty().addListener((o, was, now) -> p.set(now));
    c.valueProperty().addListener((o, was, now) -> {
      if (now != null) {
        p.set(now);
      }
    });
    p.addListener((o, was, now) -> {
      if (now != null && !now.equals(c.getEditor().getText())) {
        c.setValue(now);
        c.getEditor().setText(now);
      }
    });
    return c;
  }

  private static TextField field(String id, StringProperty p) {
    TextField f = new TextField();
    f.setId(id);
    f.setPrefColumnCount(8);
    f.textProperty().bindBidirectional(p);
    return f;
  }

  private static Label note(String text) {
    Label l = new Label(text);
    l.setStyle("-fx-text-fill: #616161;");
    return l;
  }

  private static <V> HBox choices(String id, ObservableSet<V> chosen, List<V> values,
      java.util.function.Function<V, String> name) {
    HBox box = new HBox(10);
    box.setAlignment(Pos.CENTER_LEFT);
    for (V v : values) {
      CheckBox c = new CheckBox(name.apply(v));
      c.setId(id + "-" + name.apply(v));
      c.setSelected(chosen.contains(v));
      c.selectedProperty().addListener((o, was, now) -> {
        if (now) {
          chosen.add(v);
        } else {
          chosen.remove(v);
        }
      });
      box.getChildren().add(c);
    }
    return box;
  }
}
