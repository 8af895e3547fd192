package org.bertworkbench.gui.explain;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.bertworkbench.core.explain.Explanation;
import org.bertworkbench.core.explain.Method;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.text.Texts;

/**
 * Which input tokens a prediction rests on: text A (and B), the target, the method and its steps;
 * the tokens coloured by their attribution, a stacked bar per token split into word, segment and
 * position, and the completeness line. On "Explain this prediction" the fine-tuned model's example
 * is explained; "Use the window's model" goes back. The input fields are the explanation views'
 * one input (the faithfulness view reads them too).
 */
final class AttributionView implements ExplainView {

  private static final Texts T = Texts.of(AttributionView.class);

  private final AttributionViewModel model;
  private final BorderPane root = new BorderPane();
  private final TextField textA = new TextField();
  private final TextField textB = new TextField();
  private final ComboBox<String> target = new ComboBox<>();
  private final TextField token = new TextField();
  private final ChoiceBox<Method> method = new ChoiceBox<>();
  private final Spinner<Integer> steps = new Spinner<>(1, AttributionViewModel.MAX_STEPS, 50);
  private final Label completeness = new Label(" ");
  private final DrawingCanvas tokens = new DrawingCanvas();
  private final DrawingCanvas bars = new DrawingCanvas();
  private final WorkRow work;

  AttributionView(AttributionViewModel model) {
    this.model = model;
    textA.setId("attributionTextA");
    textA.textProperty().bindBidirectional(model.textAProperty());
    textB.setId("attributionTextB");
    textB.setPromptText(T.get("AttributionView.textBPrompt"));
    textB.textProperty().bindBidirectional(model.textBProperty());
    textB.setTooltip(new javafx.scene.control.Tooltip(T.get("AttributionView.textBPrompt")));
    GridPane texts = new GridPane(); // one row each, so that B's hint shows whole in large type too
    texts.setHgap(8);
    texts.setVgap(6);
    texts.addRow(0, label("AttributionView.textA"), textA);
    texts.addRow(1, label("AttributionView.textB"), textB);
    GridPane.setHgrow(textA, Priority.ALWAYS);
    GridPane.setHgrow(textB, Priority.ALWAYS);

    target.setId("attributionTarget");
    target.setEditable(true);
    target.setItems(model.targets());
    target.setPrefWidth(130);
    target.valueProperty().bindBidirectional(model.targetProperty());
    token.setId("attributionToken");
    token.setPromptText(T.get("AttributionView.tokenPrompt"));
    token.setPrefColumnCount(8);
    token.textProperty().bindBidirectional(model.tokenProperty());
    method.setId("attributionMethod");
    method.getItems().setAll(Method.values());
    method.setConverter(new StringConverter<>() {
      @Override
      public String toString(Method m) {
        return m == null ? "" : m.cliName();
      }

      @Override
      public Method fromString(String s) {
        return Method.parse(s);
      }
    });
    method.valueProperty().bindBidirectional(model.methodProperty());
    steps.setId("attributionSteps");
    steps.setEditable(true);
    steps.getEditor().setPrefColumnCount(5);
    // Enter runs the explanation with the typed number (let through, it would press a default button).
    steps.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER) {
        e.consume();
        explain();
      }
    });
    steps.getValueFactory().setValue(model.stepsProperty().get());
    steps.valueProperty().addListener((o, was, now) -> model.stepsProperty().set(now));
    Button explain = new Button(T.get("AttributionView.explain"));
    explain.setId("attributionExplain");
    explain.setOnAction(e -> explain());
    textA.setOnAction(e -> explain());
    textB.setOnAction(e -> explain());
    token.setOnAction(e -> explain());
    Button cancel = new Button(T.get("AttributionView.cancel"));
    cancel.setId("attributionCancel");
    cancel.setOnAction(e -> model.cancel());
    cancel.disableProperty().bind(model.work().runningProperty().not());
    FlowPane choices = new FlowPane(8, 6, group("AttributionView.target", target),
        group("AttributionView.token", token), group("AttributionView.method", method),
        group("AttributionView.steps", steps), explain, cancel);
    choices.setAlignment(Pos.CENTER_LEFT);

    Label source = new Label();
    source.setId("attributionSource");
    source.setWrapText(true);
    source.setMinHeight(Region.USE_PREF_SIZE);
    source.textProperty().bind(model.sourceProperty());
    Button windowModel = new Button(T.get("AttributionView.windowModel"));
    windowModel.setId("attributionWindowModel");
    windowModel.setMinWidth(Region.USE_PREF_SIZE);
    windowModel.setOnAction(e -> model.useWindowModel());
    windowModel.visibleProperty().bind(model.requestProperty().isNotNull());
    windowModel.managedProperty().bind(windowModel.visibleProperty());
    HBox.setHgrow(source, Priority.ALWAYS);
    source.setMaxWidth(Double.MAX_VALUE);
    HBox sourceRow = new HBox(8, source, windowModel);
    sourceRow.setAlignment(Pos.CENTER_LEFT);

    work = new WorkRow("attribution", model.work(), model.statusProperty());
    completeness.setId("attributionCompleteness");
    completeness.setWrapText(true);
    completeness.setMinHeight(Region.USE_PREF_SIZE);
    VBox top = new VBox(6, texts, choices, sourceRow, work, completeness);
    top.setPadding(new Insets(6, 8, 4, 8));

    tokens.setId("attributionTokens");
    tokens.setEmptyText(T.get("AttributionView.empty"));
    bars.setId("attributionBars");
    SplitPane split = new SplitPane(tokens, bars);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.34);
    root.setCenter(withPictures(top, split));
    model.explanationProperty().addListener((o, was, now) -> showExplanation(now));
    showExplanation(null);
  }

  /**
   * The controls above the pictures, split by a divider the user can drag: the controls take their
   * own height but at most 45% of the view (in large type they scroll), so that the pictures never
   * shrink to nothing; when their height changes the divider follows.
   */
  static SplitPane withPictures(Region controls, Node pictures) {
    ScrollPane scroll = new ScrollPane(controls);
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.getStyleClass().add("edge-to-edge");
    SplitPane whole = new SplitPane(scroll, pictures);
    whole.setOrientation(Orientation.VERTICAL);
    SplitPane.setResizableWithParent(scroll, false);
    Runnable place = () -> {
      double h = whole.getHeight();
      if (h > 0) {
        double wanted = controls.prefHeight(Math.max(1, whole.getWidth() - 2)) + 4;
        whole.setDividerPositions(Math.min(0.45, wanted / h));
      }
    };
    whole.heightProperty().addListener((o, was, now) -> place.run());
    controls.layoutBoundsProperty().addListener((o, was, now) -> {
      if (was.getHeight() != now.getHeight()) {
        place.run(); // the controls grew or shrank (large type on or off, a wrapped line): fit them again
      }
    });
    return whole;
  }

  private static Label label(String key) {
    Label l = new Label(T.get(key));
    l.setMinWidth(Region.USE_PREF_SIZE);
    return l;
  }

  private static HBox group(String key, Node control) {
    HBox h = new HBox(4, label(key), control);
    h.setAlignment(Pos.CENTER_LEFT);
    return h;
  }

  /** Explains the input as the fields say (the spinner's typed text taken first). */
  void explain() {
    try {
      steps.commitValue();
    } catch (NumberFormatException notANumber) {
      steps.cancelEdit();
    }
    model.explain();
  }

  private void showExplanation(Explanation e) {
    if (e == null) {
      tokens.show(null, null, "attribution-tokens");
      bars.show(null, null, "attribution-parts");
      completeness.setText(" ");
      return;
    }
    tokens.show(new TokenColoursDrawing(e), () -> AttributionText.table(e), () -> AttributionText.json(e),
        "attribution-tokens");
    bars.show(new PartBarsDrawing(e), () -> AttributionText.table(e), () -> AttributionText.json(e),
        "attribution-parts");
    completeness.setText(AttributionText.completeness(e));
  }

  @Override
  public String title() {
    return T.get("AttributionView.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void shutdown() {
    model.shutdown();
  }

  DrawingCanvas tokensCanvas() {
    return tokens;
  }

  DrawingCanvas barsCanvas() {
    return bars;
  }

  Label statusLabel() {
    return work.status();
  }

  Label completenessLabel() {
    return completeness;
  }

  TextField textAField() {
    return textA;
  }
}
