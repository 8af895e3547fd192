package org.bertworkbench.gui.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bertworkbench.core.tokenize.Encoding;
import org.bertworkbench.gui.draw.ChartDrawing;
import org.bertworkbench.gui.draw.StripsDrawing;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.shell.WorkbenchPane;
import org.bertworkbench.gui.shell.WorkbenchView;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Embeddings view driven headless on Google's BERT-Base with a sentence pair. */
@ExtendWith(ApplicationExtension.class)
class EmbeddingsPaneTest {

  static final String A = "The king and the queen.";
  static final String B = "They ruled the land.";

  WorkbenchViewModel vm;
  WorkbenchView view;
  EmbeddingsPane embeddings;

  @Start
  void start(Stage stage) {
    vm = new WorkbenchViewModel();
    embeddings = new EmbeddingsPane(vm);
    view = new WorkbenchView(vm, List.<WorkbenchPane>of(embeddings));
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
    waitIdle();
  }

  void waitIdle() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !embeddings.busy());
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void showsThePartsTheirSumTheChecksAndTheNeighboursOfKing(FxRobot robot) throws Exception {
    loadAndType(robot, A, B);
    Encoding e = vm.analysisProperty().get().encoding();
    List<String> expected = List.of("[CLS]", "the", "king", "and", "the", "queen", ".", "[SEP]",
        "they", "ruled", "the", "land", ".", "[SEP]");
    assertEquals(expected, e.tokens());

    String sum = embeddings.sumCheckLabel().getText();
    assertTrue(sum.startsWith("sum = token + segment + position: max difference 0.0 "), sum);
    String ln = embeddings.layerNormCheckLabel().getText();
    assertTrue(ln.startsWith("LayerNorm(sum) = input of layer 0: max difference "), ln);
    double lnDiff = Double.parseDouble(ln.replaceAll(".*max difference (\\S+).*", "$1"));
    assertTrue(lnDiff < 1e-5, ln);

    // One strip row per token, labelled by position and token; five panels, the parts sharing a scale.
    StripsDrawing strips = (StripsDrawing) embeddings.stripsCanvas().drawing();
    assertEquals(14, strips.rowLabels().size());
    assertEquals("2 king", strips.rowLabels().get(2));
    assertEquals(List.of("token", "+ segment", "+ position", "= sum", "LayerNorm(sum)"),
        strips.panels().stream().map(StripsDrawing.Panel::title).toList());
    assertEquals(strips.panels().get(0).scale(), strips.panels().get(3).scale());

    // The bar chart: three lengths for each of the 14 tokens.
    ChartDrawing bars = (ChartDrawing) embeddings.normsCanvas().drawing();
    CategoryPlot plot = bars.chart().getCategoryPlot();
    assertEquals(3, plot.getDataset().getRowCount());
    assertEquals(14, plot.getDataset().getColumnCount());

    // Click the "king" row: it is selected, and its nearest vocabulary tokens are royalty.
    robot.interact(() -> embeddings.select(2));
    waitIdle();
    assertEquals(2, embeddings.viewModel().selected());
    List<String> near = embeddings.viewModel().neighbourTokens();
    assertEquals(EmbeddingsViewModel.NEIGHBOURS, near.size());
    assertEquals("queen", near.get(0));
    assertTrue(near.containsAll(List.of("kings", "prince", "monarch")), near.toString());
    org.bertworkbench.gui.Screenshots.save(robot, "embeddings-parts");

    // Clicking a strip row selects it too.
    robot.clickOn(embeddings.stripsCanvas(), javafx.scene.input.MouseButton.PRIMARY);
    robot.interact(() -> {});
    robot.interact(() -> embeddings.views().getSelectionModel().select(1));
    waitIdle();
    PositionMapDrawing map = (PositionMapDrawing) embeddings.positionsCanvas().drawing();
    assertEquals(512, map.cosine().length);
    assertEquals(1.0, map.cosine()[100][100], 1e-5);
    org.bertworkbench.gui.Screenshots.save(robot, "embeddings-positions");
    robot.interact(() -> embeddings.views().getSelectionModel().select(2));
    WaitForAsyncUtils.waitForFxEvents();
    StripsDrawing seg = (StripsDrawing) embeddings.segmentsCanvas().drawing();
    assertEquals(List.of("segment A", "segment B", "B − A"), seg.rowLabels());
    org.bertworkbench.gui.Screenshots.save(robot, "embeddings-segments");
  }

  @Test
  void exportsPngSvgAndCsv(FxRobot robot, @TempDir Path dir) throws Exception {
    loadAndType(robot, A, B);
    robot.interact(() -> embeddings.views().getSelectionModel().select(1));
    robot.interact(() -> embeddings.views().getSelectionModel().select(2));
    robot.interact(() -> embeddings.views().getSelectionModel().select(0));
    waitIdle();
    int tokens = vm.analysisProperty().get().encoding().length();
    List<DrawingCanvas> canvases = List.of(embeddings.stripsCanvas(), embeddings.normsCanvas(),
        embeddings.nearestCanvas(), embeddings.positionsCanvas(), embeddings.segmentsCanvas());
    for (int i = 0; i < canvases.size(); i++) {
      DrawingCanvas c = canvases.get(i);
      assertNotNull(c.drawing(), "canvas " + i);
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
      assertNotNull(image, "PNG " + i);
      double w = Math.max(c.getWidth(), c.drawing().preferredWidth());
      double h = Math.max(c.getHeight(), c.drawing().preferredHeight());
      // Laid out at that size, cut to its content (issue 12, point 9).
      assertTrue(image.getWidth() > 0 && image.getWidth() <= (int) Math.ceil(w * 2), "PNG width " + i);
      assertTrue(image.getHeight() > 0 && image.getHeight() <= (int) Math.ceil(h * 2), "PNG height " + i);
      String svgText = Files.readString(svg, StandardCharsets.UTF_8);
      DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
      // Never fetch the SVG DTD from the network.
      xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      assertNotNull(xml.newDocumentBuilder().parse(svg.toFile()));
      assertTrue(svgText.contains("<rect") || svgText.contains("<path"), "SVG draws " + i);
      assertTrue(Files.readAllLines(csv).size() > 1, "CSV has rows " + i);
    }
    List<String> strips = Files.readAllLines(dir.resolve("0.csv"));
    assertEquals(tokens + 1, strips.size());
    assertTrue(strips.get(0).startsWith("position,token,segment,token_norm,segment_norm,position_norm,"), strips.get(0));
    assertEquals(8 + 5 * 768, strips.get(0).split(",").length);
    assertTrue(strips.get(3).startsWith("2,king,0,"), strips.get(3));
    List<String> bars = Files.readAllLines(dir.resolve("1.csv"));
    assertEquals(tokens + 1, bars.size());
    assertEquals(513, Files.readAllLines(dir.resolve("3.csv")).size());
    assertEquals(769, Files.readAllLines(dir.resolve("4.csv")).size());
  }

  /** The FX-thread times at 512 tokens are {@link EmbeddingsPaneBench}'s. */
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
    waitIdle();
    for (int tab = 0; tab < 3; tab++) {
      int t = tab;
      robot.interact(() -> embeddings.views().getSelectionModel().select(t));
    }
    robot.interact(() -> embeddings.views().getSelectionModel().select(0));
    robot.interact(() -> embeddings.select(300));
    waitIdle();
    org.bertworkbench.gui.Screenshots.save(robot, "embeddings-512-tokens");
    assertEquals(512, ((StripsDrawing) embeddings.stripsCanvas().drawing()).rowLabels().size());
    assertEquals(300, embeddings.viewModel().selected());
  }
}
