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

/** Page 4: the paper's hyper-parameters with its defaults and choices, and the optional small grid. */
final class HyperPage extends WizardPage {

  HyperPage(WizardViewModel vm) {
    super(vm, WizardViewModel.Page.HYPERPARAMETERS, "How should it train? The paper's choices (appendix A.3) are "
        + "offered; type another value if you need one.");
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
    grid.addRow(row++, new Label("Learning rate"), rate, note("the paper: 5e-5, 3e-5 or 2e-5"));
    grid.addRow(row++, new Label("Batch size"), batch, note("the paper: 16 or 32"));
    grid.addRow(row++, new Label("Epochs"), epochCount, note("the paper: 2, 3 or 4"));
    grid.addRow(row++, new Label("Warm-up"), field("warmup", h.warmupProperty()),
        note("share of the steps with a linear warm-up; then linear decay to 0"));
    grid.addRow(row++, new Label("Weight decay"), field("weightDecay", h.weightDecayProperty()),
        note("not on LayerNorm weights or biases"));
    grid.addRow(row++, new Label("Max length"), field("maxLength", h.maxLengthProperty()),
        note("word pieces per input, [CLS] and [SEP] included; longer inputs are cut"));
    grid.addRow(row++, new Label("Seed"), field("seed", h.seedProperty()),
        note("the head's initial weights, the data order and dropout follow from it"));
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
    grid.addRow(row++, new Label("Frozen layers"), frozen,
        note("0 trains everything; K keeps the embeddings and the first K layers as they are"));

    CheckBox useGrid = new CheckBox("Run a small grid instead: one run for each combination of");
    useGrid.setId("gridCheck");
    useGrid.selectedProperty().bindBidirectional(h.gridProperty());
    HBox rates = choices("grid-lr", h.gridRates(), FinetuneSpec.PAPER_LEARNING_RATES, Fields::rate);
    HBox batches = choices("grid-batch", h.gridBatches(), FinetuneSpec.PAPER_BATCH_SIZES, String::valueOf);
    HBox epochs = choices("grid-epochs", h.gridEpochs(), FinetuneSpec.PAPER_EPOCHS, String::valueOf);
    GridPane cells = new GridPane();
    cells.setHgap(10);
    cells.setVgap(4);
    cells.addRow(0, new Label("learning rates"), rates);
    cells.addRow(1, new Label("batch sizes"), batches);
    cells.addRow(2, new Label("epochs"), epochs);
    cells.disableProperty().bind(h.gridProperty().not());
    cells.setStyle("-fx-padding: 0 0 0 26;");
    Label count = new Label();
    count.setId("gridCount");
    count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> h.runs() == 1 ? "1 run" : h.runs() + " runs, one after the other; the runs list compares them",
        h.gridProperty(), h.gridRates(), h.gridBatches(), h.gridEpochs()));
    VBox box = new VBox(12, smallModelHint(vm), grid, useGrid, cells, count);
    setBody(box);
  }

  /** Shown only when the base model is small: the paper's settings barely move it. */
  private static Node smallModelHint(WizardViewModel vm) {
    Label text = new Label();
    text.setWrapText(true);
    Button use = new Button("Use small-model settings");
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
        text.setText("A small base model (hidden size " + c.hiddenSize() + ", " + c.numHiddenLayers()
            + " layers): the paper's settings are for BERT-Base and move it too little. Small-model settings: "
            + "learning rate 3e-4, batch 16, 4 epochs, max length 64.");
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

  private static <T> HBox choices(String id, ObservableSet<T> chosen, List<T> values,
      java.util.function.Function<T, String> name) {
    HBox box = new HBox(10);
    box.setAlignment(Pos.CENTER_LEFT);
    for (T v : values) {
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
