package org.bertworkbench.gui.sentences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.core.analysis.SentenceEmbedding;
import org.bertworkbench.core.analysis.SentencePooling;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The projector driven headless on all-MiniLM-L6-v2 over a file of 300 labelled sentences: the
 * points are the sentences' first two principal components computed directly, coloured by label
 * with a legend, a click on a point selects it and "Open in the other views" makes it sentence A.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectorPaneTest {

  static final String[] SUBJECTS = {"The cook", "My sister", "A child", "The old man", "Our neighbour",
      "The student", "A tourist", "The teacher", "My father", "A young woman"};
  static final String[] FOOD = {"eats a bowl of rice.", "bakes fresh bread.", "cuts the vegetables.",
      "tastes the soup.", "orders a pizza.", "peels an orange.", "fries two eggs.", "drinks a cup of tea.",
      "cooks pasta for dinner.", "buys cheese at the market.", "makes a salad.", "roasts a chicken."};
  static final String[] ANIMALS = {"feeds the cat.", "walks the dog.", "watches the birds.",
      "rides a horse.", "brushes the pony.", "sees a fox in the garden.", "feeds the goldfish.",
      "hears an owl at night.", "pets a rabbit.", "follows a deer through the woods."};
  static final String[] SPORT = {"plays tennis.", "runs a marathon.", "swims in the pool.",
      "kicks the football.", "rides a racing bike.", "throws the javelin.", "lifts weights at the gym.",
      "scores a goal."};

  WorkbenchViewModel vm;
  ProjectorPane pane;

  @TempDir
  Path dir;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    pane = new ProjectorPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(pane));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  @Test
  void projectsColoursPicksAndOpensASentence(FxRobot robot) throws Exception {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String s : SUBJECTS) {
      add(texts, labels, s, FOOD, "food");
      add(texts, labels, s, ANIMALS, "animals");
      add(texts, labels, s, SPORT, "sport");
    }
    List<String> file = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      file.add(texts.get(i) + "\t" + labels.get(i));
      if (i == 3) {
        file.add("");
      }
    }
    Path tsv = dir.resolve("sentences.tsv");
    Files.write(tsv, file);

    robot.interact(() -> vm.load("all-minilm-l6-v2"));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      pane.load(tsv);
      pane.project();
    });
    waitIdle();
    ProjectorDrawing d = (ProjectorDrawing) pane.canvas().drawing();
    assertEquals(300, d.size());
    assertEquals(6, d.lines().get(4).number(), "the blank line is skipped, the numbers kept");
    assertEquals(texts.get(4), d.lines().get(4).text(), "the label is not part of the sentence");
    assertEquals(List.of("food", "animals", "sport"), d.legend(), "by frequency: 120, 100, 80");
    assertEquals(0, d.otherCount());
    for (int i = 0; i < 300; i++) {
      int expected = ProjectorDrawing.PALETTE[d.legend().indexOf(labels.get(i))];
      assertEquals(expected, d.colour(i), "point " + i + " coloured by its label " + labels.get(i));
    }
    // The rarest label is drawn last: its last point shows its colour in the points' image.
    int last = labels.lastIndexOf("sport");
    double w = pane.canvas().drawingWidth();
    double h = pane.canvas().drawingHeight();
    Point2D at = d.position(last, w, h);
    int px = (int) Math.round((at.getX() - ProjectorDrawing.LEFT) * pane.canvas().factor());
    int py = (int) Math.round((at.getY() - ProjectorDrawing.TOP) * pane.canvas().factor());
    assertEquals(ProjectorDrawing.PALETTE[2], d.image().getRGB(px, py) & 0xffffff);

    // The coordinates are the principal components of the embeddings computed directly.
    LoadedBert model = vm.modelProperty().get();
    SentencePooling pooling = SentencePooling.of(model);
    List<float[]> direct = SentenceEmbedding.embed(model, texts, pooling, pooling.limit(model), 1,
        ForwardOptions.INFERENCE, Progress.NONE).stream().map(SentenceEmbedding.Embedded::vector).toList();
    Pca pca = Pca.fit(direct.toArray(new float[0][]), 2);
    var table = d.table();
    for (int i = 0; i < 300; i += 37) {
      assertEquals(pca.scores()[i][0], ((Number) table.rows().get(i).get(3)).doubleValue(), 1e-3, "pc1 of " + i);
      assertEquals(pca.scores()[i][1], ((Number) table.rows().get(i).get(4)).doubleValue(), 1e-3, "pc2 of " + i);
    }

    int k = 42;
    Point2D p = d.position(k, w, h);
    // A fired event's x and y are the scene's: the target's are worked out from them.
    javafx.geometry.Point2D c = pane.canvas().localToScene(pane.canvas().toCanvas(p.getX(), p.getY()));
    robot.interact(() -> Event.fireEvent(pane.canvas(), new MouseEvent(MouseEvent.MOUSE_CLICKED, c.getX(), c.getY(),
        0, 0, MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false, true, null)));
    WaitForAsyncUtils.waitForFxEvents();
    int picked = d.selected();
    assertTrue(picked >= 0, "a point is selected");
    assertEquals(0, d.position(picked, w, h).distance(p), 0.5, "the point clicked, or one drawn on it");
    String text = d.lines().get(picked).text();
    assertTrue(pane.selectionLabel().getText().contains(text), pane.selectionLabel().getText());
    assertTrue(pane.selectionLabel().getText().contains(labels.get(picked)), pane.selectionLabel().getText());
    assertFalse(pane.openButton().isDisabled());
    robot.interact(() -> pane.openButton().fire());
    assertEquals(text, vm.textAProperty().get(), "the sentence is the window's sentence A");
    assertTrue(pane.infoLabel().getText().contains(String.valueOf(d.lines().get(picked).number())),
        pane.infoLabel().getText());
    org.bertworkbench.gui.Screenshots.save(robot, "projector");
    robot.interact(() -> pane.shutdown());
  }

  private static void add(List<String> texts, List<String> labels, String subject, String[] predicates, String label) {
    for (String p : predicates) {
      texts.add(subject + " " + p);
      labels.add(label);
    }
  }

  private void waitIdle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !pane.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }
}
