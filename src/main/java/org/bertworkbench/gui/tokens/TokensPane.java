package org.bertworkbench.gui.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.core.tokenize.TokenizerTrace;
import org.bertworkbench.core.tokenize.TraceStep;
import org.bertworkbench.core.tokenize.WordPieceSearch;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Texts;

/**
 * The tokenizer, one step at a time: previous / next and a slider through every step from the raw
 * text to padding and mask, what each step changed highlighted and explained; the WordPiece
 * longest-match attempts; the final table. Hovering a token outlines the characters it came from,
 * and hovering a character outlines its token. Clicking a token masks it for fill-mask.
 */
public final class TokensPane implements WorkbenchPane {

  private static final Texts T = Texts.of(TokensPane.class);
  /** How core's English explanation of a cased model's lower-case step begins (to pick the key). */
  private static final String CASED = "This model is cased"; // i18n-ok: core's text, matched, never shown
  /** How core's explanations begin for a tokenizer.json's switches: lower-case only, accents only, a step off. */
  private static final String LOWER_ONLY = "This tokenizer lower-cases but"; // i18n-ok: core's text, matched
  private static final String ACCENTS_ONLY = "This tokenizer strips accents but"; // i18n-ok: core's text, matched
  private static final String STEP_OFF = "This tokenizer does not"; // i18n-ok: core's text, matched
  /** How core's English explanation of the padding step begins when no padding was asked for. */
  private static final String NO_PADDING = "No padding"; // i18n-ok: core's text, matched, never shown

  /** A row of the final table. */
  public record TokenRow(int position, String token, int id, int segment, int mask, String from) {}

  private final WorkbenchViewModel vm;
  private final BorderPane root = new BorderPane();
  private final Slider slider = new Slider(0, 1, 0);
  private final Label title = new Label();
  private final Label explanation = new Label();
  private final DrawingCanvas canvas = new DrawingCanvas();
  private final TextArea attempts = new TextArea();
  private final TableView<TokenRow> table = new TableView<>();
  private WorkbenchViewModel.Analysis analysis;
  private int hoveredToken = -1;
  private int[] hoveredChars;

  public TokensPane(WorkbenchViewModel vm) {
    this.vm = vm;
    Button previous = new Button(T.get("TokensPane.previous"));
    previous.setId("previousStep");
    previous.setOnAction(e -> step(-1));
    Button next = new Button(T.get("TokensPane.next"));
    next.setId("nextStep");
    next.setOnAction(e -> step(+1));
    slider.setId("stepSlider");
    slider.setMajorTickUnit(1);
    slider.setMinorTickCount(0);
    slider.setSnapToTicks(true);
    slider.setShowTickMarks(true);
    slider.valueProperty().addListener((o, a, b) -> redraw());
    HBox.setHgrow(slider, Priority.ALWAYS);
    title.setId("stepTitle");
    title.getStyleClass().add("step-title");
    explanation.setId("stepExplanation");
    explanation.setWrapText(true);
    HBox controls = new HBox(8, previous, slider, next);
    controls.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(6, controls, title, explanation);
    top.setPadding(new Insets(8));

    canvas.setId("stepCanvas");
    // In em: in large type the steps keep room for their rows (the split moves, the table gives way).
    canvas.setStyle("-fx-pref-height: 24.6em; -fx-min-height: 16em;");
    canvas.setOnMouseMoved(e -> {
      Point2D p = canvas.toDrawing(e);
      hover(p.getX(), p.getY());
    });
    canvas.setOnMouseExited(e -> {
      hoveredToken = -1;
      hoveredChars = null;
      redraw();
    });
    canvas.setOnMouseClicked(e -> {
      if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && hoveredToken >= 0) {
        vm.maskToken(hoveredToken);
      }
    });
    attempts.setId("wordPieceAttempts");
    attempts.setEditable(false);
    attempts.setPrefRowCount(6);
    attempts.getStyleClass().add("attempts");

    table.setId("tokenTable");
    table.getColumns().addAll(List.of(
        column(T.get("TokensPane.column.position"), TokenRow::position),
        column(T.get("TokensPane.column.token"), TokenRow::token),
        column(T.get("TokensPane.column.id"), TokenRow::id),
        column(T.get("TokensPane.column.segment"), TokenRow::segment),
        column(T.get("TokensPane.column.mask"), TokenRow::mask),
        column(T.get("TokensPane.column.from"), TokenRow::from)));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
      hoveredToken = b.intValue();
      hoveredChars = charsOf(hoveredToken);
      redraw();
    });
    table.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.M && table.getSelectionModel().getSelectedIndex() >= 0) {
        vm.maskToken(table.getSelectionModel().getSelectedIndex());
      }
    });

    VBox drawingAndAttempts = new VBox(6, canvas, new Label(T.get("TokensPane.wordPieceHint")), attempts);
    VBox.setVgrow(canvas, Priority.ALWAYS);
    drawingAndAttempts.setPadding(new Insets(0, 8, 0, 8));
    SplitPane split = new SplitPane(drawingAndAttempts, table);
    split.setOrientation(javafx.geometry.Orientation.VERTICAL);
    split.setDividerPositions(0.62);
    root.setTop(top);
    root.setCenter(split);
    root.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.PAGE_DOWN) {
        step(+1);
      } else if (e.getCode() == KeyCode.PAGE_UP) {
        step(-1);
      }
    });
  }

  @Override
  public String title() {
    return T.get("TokensPane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public void show(WorkbenchViewModel.Analysis a) {
    boolean sameSteps = analysis != null && a != null
        && analysis.traced().trace().steps().size() == a.traced().trace().steps().size();
    analysis = a;
    hoveredToken = -1;
    hoveredChars = null;
    table.getItems().clear();
    if (a == null) {
      canvas.show(null, null, "tokens");
      return;
    }
    TokenizerTrace trace = a.traced().trace();
    slider.setMax(trace.steps().size() - 1);
    if (!sameSteps) {
      slider.setValue(trace.steps().size() - 1);
    }
    attempts.setText(describeAttempts(trace.wordPieceSearches()));
    Encoding e = a.encoding();
    List<TokenRow> rows = new ArrayList<>(e.length());
    for (int i = 0; i < e.length(); i++) {
      rows.add(new TokenRow(i, e.tokens().get(i), e.inputIds()[i], e.tokenTypeIds()[i],
          e.attentionMask()[i], source(i)));
    }
    table.getItems().setAll(rows);
    redraw();
  }

  /** The step shown now. */
  public TraceStep currentStep() {
    return analysis == null ? null : analysis.traced().trace().steps().get(stepIndex());
  }

  /** Moves {@code delta} steps, staying within the trace. */
  public void step(int delta) {
    slider.setValue(Math.max(slider.getMin(), Math.min(slider.getMax(), stepIndex() + delta)));
  }

  public void goToStep(int index) {
    slider.setValue(index);
  }

  private int stepIndex() {
    return (int) Math.round(slider.getValue());
  }

  private void redraw() {
    if (analysis == null) {
      return;
    }
    TraceStep step = currentStep();
    int total = analysis.traced().trace().steps().size();
    title.setText(T.format("TokensPane.stepOf", stepIndex() + 1, total, stepTitle(step)));
    explanation.setText(stepExplanation(step));
    StepDrawing drawing = new StepDrawing(step, analysis.textA(), analysis.textB(), hoveredToken, hoveredChars);
    canvas.show(drawing, () -> stepTable(step), "tokenizer-" + step.id());
  }

  private void hover(double x, double y) {
    if (!(canvas.drawing() instanceof StepDrawing d)) {
      return;
    }
    int token = -1;
    int[] chars = null;
    for (StepDrawing.Cell c : d.cells()) {
      if (c.box().contains(x, y)) {
        if (c.row().startsWith("original ")) { // i18n-ok: the row id StepDrawing gives
          int sentence = c.row().endsWith("A") ? 0 : 1;
          token = tokenAt(sentence, c.index());
          chars = token >= 0 ? charsOf(token) : new int[] {sentence, c.index(), c.index() + 1};
        } else if (currentStep().rows().stream().anyMatch(r -> r.label().equals("tokens"))) {
          token = c.index();
          chars = charsOf(token);
        }
        break;
      }
    }
    if (token != hoveredToken || !java.util.Arrays.equals(chars, hoveredChars)) {
      hoveredToken = token;
      hoveredChars = chars;
      redraw();
    }
  }

  /** The token whose characters include {@code charIndex} of sentence A (0) or B (1), or -1. */
  private int tokenAt(int sentence, int charIndex) {
    Encoding e = analysis.encoding();
    for (int i = 0; i < e.length(); i++) {
      if (e.tokenTypeIds()[i] == sentence && e.charStarts()[i] <= charIndex && charIndex < e.charEnds()[i]) {
        return i;
      }
    }
    return -1;
  }

  private int[] charsOf(int token) {
    if (analysis == null || token < 0 || token >= analysis.encoding().length()) {
      return null;
    }
    Encoding e = analysis.encoding();
    if (e.charStarts()[token] < 0) {
      return null;
    }
    return new int[] {e.tokenTypeIds()[token], e.charStarts()[token], e.charEnds()[token]};
  }

  private String source(int token) {
    int[] c = charsOf(token);
    if (c == null) {
      return T.get("TokensPane.addedByTokenizer");
    }
    String text = c[0] == 0 ? analysis.textA() : analysis.textB();
    return T.format(c[0] == 0 ? "TokensPane.fromA" : "TokensPane.fromB", String.valueOf(c[1]), String.valueOf(c[2]),
        text.substring(c[1], c[2]));
  }

  /**
   * The step's title in the window's language: core names each step in English, so the gui
   * translates it by the step's id (core's own title for an id it does not know).
   */
  static String stepTitle(TraceStep step) {
    String key = "TokensPane.step." + step.id() + ".title";
    return T.has(key) ? T.get(key) : step.title();
  }

  /**
   * The step's explanation in the window's language, by the step's id and the variant core chose:
   * a cased model's lower-case step (or one that only lower-cases or only strips accents, or a
   * cleaning or CJK step a tokenizer.json turned off), padding not asked for, and truncation's sentence with the
   * numbers (read back from core's text: at most N tokens, M pieces removed).
   */
  static String stepExplanation(TraceStep step) {
    String core = step.explanation();
    String key = "TokensPane.step." + step.id() + ".text";
    if (!T.has(key)) {
      return core;
    }
    switch (step.id()) {
      case "lowercase":
        return T.get(core.startsWith(CASED) ? "TokensPane.step.lowercase.cased"
            : core.startsWith(LOWER_ONLY) ? "TokensPane.step.lowercase.lowerOnly"
            : core.startsWith(ACCENTS_ONLY) ? "TokensPane.step.lowercase.accentsOnly" : key);
      case "cleaned":
        return T.get(core.startsWith(STEP_OFF) ? "TokensPane.step.cleaned.off" : key);
      case "cjk":
        return T.get(core.startsWith(STEP_OFF) ? "TokensPane.step.cjk.off" : key);
      case "padding":
        return T.get(core.startsWith(NO_PADDING) ? "TokensPane.step.padding.none" : key);
      case "truncation":
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(core);
        if (!m.find()) {
          return T.get(key);
        }
        String max = m.group();
        return m.find() ? T.format("TokensPane.step.truncation.removed", max, m.group())
            : T.format("TokensPane.step.truncation.kept", max);
      default:
        return T.get(key);
    }
  }

  static String describeAttempts(List<WordPieceSearch> searches) {
    StringBuilder sb = new StringBuilder();
    for (WordPieceSearch s : searches) {
      sb.append(s.word()).append(" → ").append(String.join(" ", s.pieces()));
      if (s.attempts().isEmpty()) {
        sb.append("   ").append(T.get("TokensPane.tooLong"));
      } else if (s.attempts().size() > 1 || !s.pieces().get(0).equals(s.word())) {
        sb.append("   ").append(T.format("TokensPane.tried", s.attempts().stream()
            .map(a -> a.candidate() + (a.found() ? " ✓" : " ✗")).collect(Collectors.joining(", "))));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static Table stepTable(TraceStep step) {
    int width = step.rows().stream().mapToInt(r -> r.cells().size()).max().orElse(0);
    List<String> header = new ArrayList<>(List.of("row"));
    for (int i = 0; i < width; i++) {
      header.add(String.valueOf(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (var r : step.rows()) {
      List<Object> row = new ArrayList<>(List.of(r.label()));
      row.addAll(r.cells());
      while (row.size() < header.size()) {
        row.add("");
      }
      rows.add(row);
    }
    return new Table(header, rows);
  }

  private static <V> TableColumn<TokenRow, V> column(String name, java.util.function.Function<TokenRow, V> value) {
    TableColumn<TokenRow, V> c = new TableColumn<>(name);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    c.setSortable(false);
    return c;
  }

  TableView<TokenRow> table() {
    return table;
  }

  DrawingCanvas canvas() {
    return canvas;
  }
}
