package org.bertworkbench.gui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bertworkbench.core.analysis.Pca;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.DrawingCanvas;
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

/** The Hidden states view driven headless on Google's BERT-Base with a sentence pair. */
@ExtendWith(ApplicationExtension.class)
class LayersPaneTest {

  static final String A = "The bank of the river.";
  static final String B = "She went to the bank to get money.";

  WorkbenchViewModel vm;
  LayersPane layers;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    layers = new LayersPane(vm);
    WorkbenchView view = new WorkbenchView(vm, List.<WorkbenchPane>of(layers));
    stage.setScene(new Scene(view.root(), 1400, 900));
    stage.show();
  }

  void loadAndType(FxRobot robot, String a, String b) throws Exception {
    robot.interact(() -> vm.load("bert-base-uncased"));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.modelProperty().get() != null);
    robot.interact(() -> {
      vm.textAProperty().set(a);
      vm.textBProperty().set(b);
    });
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().textA().equals(a));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !layers.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void aTokenThroughTheLayersAndTheMapMovingWithTheSlider(FxRobot robot) throws Exception {
    loadAndType(robot, A, B);
    List<String> tokens = vm.analysisProperty().get().encoding().tokens();
    int bank = tokens.indexOf("bank");
    assertEquals(2, bank);
    robot.interact(() -> layers.tokenChoice().getSelectionModel().select(bank));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(bank, layers.viewModel().selected());

    // Strips: the embeddings and 12 layers for "bank".
    StripsDrawing strips = (StripsDrawing) layers.stripsCanvas().drawing();
    assertEquals(13, strips.rowLabels().size());
    assertEquals("embeddings", strips.rowLabels().get(0));
    assertEquals("layer 11", strips.rowLabels().get(12)); // hidden state 12: the output of layer 11
    assertEquals(vm.analysisProperty().get().inspection().hiddenStates()[7][bank][5],
        strips.panels().get(0).rows()[7][5]);

    // Cosines: 1 with itself at layer 0 and at the last layer; in between the token drifts away.
    var chart = ((org.bertworkbench.gui.draw.ChartDrawing) layers.cosinesCanvas().drawing()).chart();
    var data = chart.getXYPlot().getDataset();
    assertEquals(2, data.getSeriesCount());
    assertEquals(13, data.getItemCount(0));
    assertEquals(1.0, data.getYValue(0, 0), 1e-6);
    assertEquals(1.0, data.getYValue(1, 12), 1e-6);
    assertTrue(data.getYValue(0, 12) < 0.9, "layer 12 has moved away from the input: " + data.getYValue(0, 12));

    // The map: every token, a PCA per layer; the slider moves the points.
    robot.interact(() -> layers.showLayer(0));
    PcaDrawing at0 = (PcaDrawing) layers.mapCanvas().drawing();
    assertEquals(tokens.size(), at0.pca().scores().length);
    org.bertworkbench.gui.Screenshots.save(robot, "hidden-states-layer-0");
    robot.interact(() -> layers.showLayer(12));
    PcaDrawing at12 = (PcaDrawing) layers.mapCanvas().drawing();
    assertNotEquals(at0.pca().scores()[bank][0], at12.pca().scores()[bank][0]);
    List<Pca> all = layers.viewModel().projections();
    assertEquals(13, all.size());
    assertTrue(all.get(12).explained(0) > 0 && all.get(12).explained(0) < 1);
    org.bertworkbench.gui.Screenshots.save(robot, "hidden-states-layer-12");

    // Both "bank"s: same token id and nearly the same input vector (only the position and segment
    // differ), further apart after 12 layers of context (river bank vs money bank).
    int bank2 = tokens.lastIndexOf("bank");
    float[][][] h = vm.analysisProperty().get().inspection().hiddenStates();
    double in = cosine(h[0][bank], h[0][bank2]);
    double out = cosine(h[12][bank], h[12][bank2]);
    System.out.printf("bank/bank cosine: input %.3f, layer 12 %.3f%n", in, out);
    assertTrue(out < in, "context separates the two banks: " + in + " -> " + out);
  }

  static double cosine(float[] a, float[] b) {
    double d = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }

  @Test
  void exportsPngSvgAndCsv(FxRobot robot, @TempDir Path dir) throws Exception {
    loadAndType(robot, A, B);
    int tokens = vm.analysisProperty().get().encoding().length();
    List<DrawingCanvas> canvases = List.of(layers.stripsCanvas(), layers.cosinesCanvas(), layers.mapCanvas());
    for (int i = 0; i < canvases.size(); i++) {
      DrawingCanvas c = canvases.get(i);
      Path png = dir.resolve(i + ".png");
      Path svg = dir.resolve(i + ".svg");
      Path csv = dir.resolve(i + ".csv");
      robot.interact(() -> {
        try {
          c.export("png", png);
          c.export("svg", svg);
          c.export("csv", csv);
        } catch (Exception ex) {
          throw new RuntimeException(ex);
        }
      });
      BufferedImage image = ImageIO.read(png.toFile());
      assertNotNull(image);
      // Laid out at the canvas's size (at least the preferred one), cut to its content (issue 12, point 9).
      int laidOut = (int) Math.ceil(Math.max(c.getWidth(), c.drawing().preferredWidth()) * 2);
      assertTrue(image.getWidth() > 0 && image.getWidth() <= laidOut, image.getWidth() + " of " + laidOut);
      DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
      xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      assertNotNull(xml.newDocumentBuilder().parse(svg.toFile()));
      String text = Files.readString(svg);
      assertTrue(text.contains("<rect") || text.contains("<path"));
    }
    assertEquals(14, Files.readAllLines(dir.resolve("0.csv")).size()); // header + 13 layers
    assertEquals(14, Files.readAllLines(dir.resolve("1.csv")).size());
    List<String> map = Files.readAllLines(dir.resolve("2.csv"));
    assertEquals("position,token,segment,pc1,pc2", map.get(0));
    assertEquals(tokens + 1, map.size());
  }

  /** The times at 512 tokens are {@link LayersPaneBench}'s. */
  @Test
  void worksWith512Tokens(FxRobot robot) throws Exception {
    loadAndType(robot, A, B);
    String longText = "The king and the queen ruled the land for many years. ".repeat(60);
    robot.interact(() -> vm.maxLengthProperty().set(512));
    robot.interact(() -> vm.textBProperty().set(""));
    robot.interact(() -> vm.textAProperty().set(longText));
    WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.analysisProperty().get() != null
        && vm.analysisProperty().get().encoding().length() == 512);
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !layers.busy() && layers.viewModel().projections() != null);
    robot.interact(() -> layers.select(100));
    robot.interact(() -> {
      layers.showLayer(6);
      layers.select(400);
      layers.mapCanvas().redraw();
    });
    org.bertworkbench.gui.Screenshots.save(robot, "hidden-states-512-tokens");
    assertEquals(400, layers.viewModel().selected());
    assertEquals(13, layers.viewModel().projections().size());
    assertEquals(512, ((PcaDrawing) layers.mapCanvas().drawing()).pca().scores().length);
  }
}
