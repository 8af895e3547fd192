package org.bertworkbench.gui.fillmask;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.bertworkbench.core.analysis.FillMask;
import org.bertworkbench.core.analysis.NextSentence;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.BertForPreTraining;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.export.Drawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Table;
import org.bertworkbench.gui.shell.EncoderSwitches;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.Latest;

/**
 * BERT's two pretraining tasks on the current text: its guesses at every [MASK], as bars of softmax
 * probability, and, for a pair, whether sentence B follows sentence A.
 */
public final class FillMaskPane implements WorkbenchPane {

  private static final Texts T = Texts.of(FillMaskPane.class);

  private final BorderPane root = new BorderPane();
  private final DrawingCanvas canvas = new DrawingCanvas();
  private final Label hint = new Label();
  private final Label nextSentence = new Label();
  private final Label switchesLine = new Label();
  private final Supplier<EncoderSwitches> switches;
  private final Supplier<LoadedBert> model;
  private final Latest switchedWork;
  private WorkbenchViewModel.Analysis shown;

  /**
   * Over the window's analyses; with the heads the Attention tab switched off, or left-to-right,
   * the guesses and the next-sentence answer are computed again with them (in the background).
   */
  public FillMaskPane(WorkbenchViewModel vm) {
    this(() -> vm.switchesProperty().get(), () -> vm.modelProperty().get(), vm.modelWork("fill-mask-switched"));
    vm.switchesProperty().addListener((o, a, b) -> show(shown));
  }

  private FillMaskPane(Supplier<EncoderSwitches> switches, Supplier<LoadedBert> model, Latest switchedWork) {
    this.switches = switches;
    this.model = model;
    this.switchedWork = switchedWork;
    canvas.setId("fillMaskCanvas");
    hint.setId("fillMaskHint");
    hint.setWrapText(true);
    hint.setPadding(new Insets(8));
    nextSentence.setId("nextSentenceLabel");
    nextSentence.setWrapText(true);
    nextSentence.setPadding(new Insets(0, 8, 8, 8));
    switchesLine.setId("fillMaskSwitches");
    switchesLine.setWrapText(true);
    switchesLine.setPadding(new Insets(0, 8, 8, 8));
    switchesLine.getStyleClass().add("switches-line");
    root.setTop(new VBox(switchesLine, hint, nextSentence));
    root.setCenter(canvas);
  }

  @Override
  public String title() {
    return T.get("FillMaskPane.title");
  }

  @Override
  public Node node() {
    return root;
  }

  @Override
  public String unavailableFor(LoadedBert model) {
    return model.model().hasMlmHead() ? null : FillMask.unavailableFor(model.label()).in(Language.current().locale());
  }

  @Override
  public void show(WorkbenchViewModel.Analysis analysis) {
    shown = analysis;
    EncoderSwitches sw = switches.get();
    switchesLine.setText(sw.active()
        ? T.format("FillMaskPane.switches", sw.describe()) : "");
    switchesLine.setManaged(sw.active());
    switchesLine.setVisible(sw.active());
    if (analysis != null && !analysis.mlmHead()) {
      switchedWork.cancel();
      nextSentence.setText(nextSentenceText(analysis));
      hint.setText(T.get("FillMaskPane.noMlmHead"));
      canvas.show(new Bars(List.of(), List.of()), () -> table(List.of()), "fill-mask");
      return;
    }
    LoadedBert loaded = model.get();
    if (analysis != null && loaded != null && sw.active()
        && (!analysis.masks().isEmpty() || analysis.nextSentence() != null)) {
      hint.setText(T.format("FillMaskPane.recomputing", sw.describe()));
      WorkbenchViewModel.Analysis a = analysis;
      switchedWork.submit(p -> switched(loaded, a, sw), this::showPredictions, hint::setText);
      return;
    }
    switchedWork.cancel();
    showPredictions(analysis);
  }

  /** {@code a} with its guesses and next-sentence answer computed again under {@code sw}. */
  private static WorkbenchViewModel.Analysis switched(LoadedBert loaded, WorkbenchViewModel.Analysis a,
      EncoderSwitches sw) {
    BertForPreTraining model = loaded.model();
    ForwardOptions options = sw.applyTo(ForwardOptions.INFERENCE);
    List<FillMask.MaskPredictions> masks = a.masks().isEmpty() ? List.of()
        : FillMask.predict(model, loaded.vocab(), a.encoding(), WorkbenchViewModel.TOP_K, options);
    NextSentence.Prediction nsp = a.nextSentence() == null ? null
        : NextSentence.predict(model, a.encoding(), options);
    return new WorkbenchViewModel.Analysis(a.textA(), a.textB(), a.traced(), a.inspection(), masks, a.mlmHead(),
        nsp);
  }

  private void showPredictions(WorkbenchViewModel.Analysis analysis) {
    nextSentence.setText(nextSentenceText(analysis));
    List<FillMask.MaskPredictions> masks = analysis == null ? List.of() : analysis.masks();
    boolean whole = !switches.get().active();
    hint.setText(masks.isEmpty() ? T.get("FillMaskPane.noMask")
        : T.get(whole ? "FillMaskPane.guesses.whole" : "FillMaskPane.guesses.switched"));
    List<String> tokens = analysis == null ? List.of() : analysis.encoding().tokens();
    canvas.show(new Bars(masks, tokens), () -> table(masks), "fill-mask");
  }

  /** The line saying which heads are off and the direction, empty when nothing is switched; for tests. */
  public String switchesText() {
    return switchesLine.getText();
  }

  /** The next-sentence line: the NSP head's answer for a pair, or what to type to get one. */
  static String nextSentenceText(WorkbenchViewModel.Analysis analysis) {
    if (analysis == null) {
      return "";
    }
    NextSentence.Prediction p = analysis.nextSentence();
    if (p != null) {
      return T.format("FillMaskPane.nextSentence", p.isNext(), p.notNext());
    }
    return analysis.textB() == null
        ? T.get("FillMaskPane.nextSentence.typeB") : T.get("FillMaskPane.nextSentence.noHead");
  }

  /** Labels of the bars as drawn, for tests. */
  public List<String> shownTokens() {
    List<String> out = new ArrayList<>();
    if (canvas.drawing() instanceof Bars bars) {
      bars.masks.forEach(m -> m.predictions().forEach(p -> out.add(p.token())));
    }
    return out;
  }

  static Table table(List<FillMask.MaskPredictions> masks) {
    List<List<Object>> rows = new ArrayList<>();
    for (FillMask.MaskPredictions m : masks) {
      int rank = 1;
      for (FillMask.Prediction p : m.predictions()) {
        rows.add(List.of(m.position(), rank++, p.token(), p.id(), p.score()));
      }
    }
    return new Table(List.of("position", "rank", "token", "id", "probability"), rows); // i18n-ok: CSV header
  }

  /** One group of bars per mask, with the sentence around it. */
  record Bars(List<FillMask.MaskPredictions> masks, List<String> tokens) implements Drawing {

    static final Color BAR = new Color(0x42a5f5);

    @Override
    public void draw(Graphics2D g, double width, double height) {
      Font plain = Fonts.sans(Font.PLAIN, 14);
      Font mono = Fonts.mono(Font.PLAIN, 14);
      double y = 24;
      double barMax = Math.max(100, width - 320);
      for (FillMask.MaskPredictions m : masks) {
        g.setFont(plain);
        g.setColor(Color.DARK_GRAY);
        g.drawString(T.format("FillMaskPane.Bars.mask", m.position(), context(m.position())), 12, (float) y);
        y += 10;
        for (FillMask.Prediction p : m.predictions()) {
          y += 22;
          g.setFont(mono);
          g.setColor(Color.BLACK);
          g.drawString(p.token(), 24, (float) y);
          double w = Math.max(2, barMax * p.score());
          g.setColor(BAR);
          g.fill(new java.awt.geom.Rectangle2D.Double(190, y - 14, w, 16));
          g.setColor(Color.DARK_GRAY);
          g.setFont(plain);
          g.drawString(Texts.number(p.score(), 4), (float) (198 + w), (float) y);
        }
        y += 34;
        g.setColor(new Color(0xe0e0e0));
        g.setStroke(new BasicStroke(1));
        g.drawLine(12, (int) y - 20, (int) width - 12, (int) y - 20);
      }
    }

    private String context(int position) {
      int from = Math.max(0, position - 6);
      int to = Math.min(tokens.size(), position + 7);
      StringBuilder sb = new StringBuilder();
      for (int i = from; i < to; i++) {
        sb.append(i == position ? "___" : tokens.get(i)).append(' ');
      }
      return sb.toString().trim();
    }

    @Override
    public double preferredHeight() {
      return 60 + masks.stream().mapToDouble(m -> 44 + 22.0 * m.predictions().size()).sum();
    }
  }
}
