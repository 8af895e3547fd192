package org.bertworkbench.gui.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.bertworkbench.gui.export.DrawingCanvas;
import org.bertworkbench.gui.export.Exports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12, point 9: what the picture menus save is ready for a slide. Driven as a user would on the
 * bundled sample model: choose a layer and a head, hover, then save through the export the menu calls.
 */
@ExtendWith(ApplicationExtension.class)
class SlideExportTest {

  /** The yellow of the hovered token in the head view. */
  static final int HOVER_YELLOW = 0xffeb3b;

  AttentionWindow window;
  AttentionPane pane;

  @Start
  void start(Stage stage) {
    window = new AttentionWindow(stage);
    pane = window.pane;
  }

  @Test
  void theHeadViewSavesTightNamedAndWithoutTheHover(FxRobot robot, @TempDir Path dir) throws Exception {
    window.loadAndType(robot, "sample-tiny", "The cat sat on the mat.", "It was tired.");
    robot.interact(() -> robot.lookup("#layerChoice").<ComboBox<Integer>>query().setValue(1));
    window.waitIdle();
    robot.clickOn("#headCheck0"); // head 1 alone
    WaitForAsyncUtils.waitForFxEvents();
    HeadViewDrawing d = (HeadViewDrawing) pane.headCanvas().drawing();
    robot.moveTo(AttentionWindow.screen(pane.headCanvas(), d.leftX() - 20, d.rowY(3)));
    WaitForAsyncUtils.waitForFxEvents();
    HeadViewDrawing hovered = (HeadViewDrawing) pane.headCanvas().drawing();
    assertEquals(3, hovered.hoverIndex(), "the mouse is over token 3");
    assertTrue(count(Exports.image(hovered, pane.headCanvas().getWidth(), pane.headCanvas().getHeight(), 1),
        HOVER_YELLOW) > 0, "on screen the hovered token is marked");

    DrawingCanvas canvas = pane.headCanvas();
    assertEquals("head-view-layer1-head1", canvas.baseName());
    Path png = dir.resolve(canvas.baseName() + ".png");
    Path svg = dir.resolve(canvas.baseName() + ".svg");
    robot.interact(() -> export(canvas, png, svg));
    BufferedImage image = ImageIO.read(png.toFile());
    assertTight(image);
    assertEquals(0, count(image, HOVER_YELLOW), "no hover mark in the saved picture");
    String text = Files.readString(svg);
    assertTrue(text.contains("Layer 1 · head 1 · weights"), "the title names layer and head");
    assertViewBoxIsTheContent(text, image);
    Files.copy(png, Path.of("target", "screenshots").resolve("export-head-view.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void theModelViewSavesVectorsWithoutInstructions(FxRobot robot, @TempDir Path dir) throws Exception {
    window.loadAndType(robot, "sample-tiny", "The cat sat on the mat.", "It was tired.");
    robot.interact(() -> pane.select("Model view"));
    window.waitIdle();
    DrawingCanvas canvas = pane.modelCanvas();
    ModelViewDrawing d = (ModelViewDrawing) canvas.drawing();
    String screen = Exports.svg(d, canvas.getWidth(), canvas.getHeight());
    assertTrue(screen.contains("click to open"), "the window says what a click does");
    Path png = dir.resolve("model.png");
    Path svg = dir.resolve("model.svg");
    robot.interact(() -> export(canvas, png, svg));
    String text = Files.readString(svg);
    assertFalse(text.contains("<image"), "thumbnails as rectangles, not bitmaps");
    assertTrue(count(text, "<rect") >= 4 * 10, "each of 2 x 2 thumbnails is rectangles: " + count(text, "<rect"));
    assertFalse(text.toLowerCase().contains("click"), "no instructions in the saved picture");
    assertTrue(text.contains("Every layer x head (2 x 2)"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertTight(image);
    // The open head's black frame (3 px wide) is a selection, not data: no pure black run in the grid.
    assertEquals(0, count(image.getSubimage(0, image.getHeight() / 4, image.getWidth(), image.getHeight() * 3 / 4),
        0x000000), "no selection frame");
  }

  @Test
  void theHeadMaskingMapSavesWithoutTheClickHint(FxRobot robot, @TempDir Path dir) throws Exception {
    window.loadAndType(robot, "sample-tiny", "The cat sat on the mat.", "It was tired.");
    robot.interact(() -> pane.select("Head masking"));
    window.waitIdle();
    DrawingCanvas canvas = pane.maskGridCanvas();
    AttentionWindow.waitUntil(30, () -> canvas.drawing() instanceof LayerHeadHeatmaps);
    String screen = Exports.svg(canvas.drawing(), canvas.getWidth(), canvas.getHeight());
    assertTrue(screen.contains("click a head to switch it off"), "the window says what a click does");
    Path png = dir.resolve("masking.png");
    Path svg = dir.resolve("masking.svg");
    robot.interact(() -> export(canvas, png, svg));
    String text = Files.readString(svg);
    assertFalse(text.toLowerCase().contains("click"), "no instructions in the saved picture");
    assertTrue(text.contains("Heads switched off: 0"), "the title says what the picture is");
    assertTight(ImageIO.read(png.toFile()));
  }

  private static void export(DrawingCanvas canvas, Path png, Path svg) {
    try {
      canvas.export("png", png);
      canvas.export("svg", svg);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The non-white content reaches within twice the export margin (at scale 2) plus 2 px of every edge. */
  static void assertTight(BufferedImage image) {
    Rectangle ink = ink(image);
    int slack = (int) (2 * Exports.MARGIN) + 2;
    String where = "content " + ink + " in " + image.getWidth() + " x " + image.getHeight();
    assertTrue(ink.x <= slack && ink.y <= slack, where);
    assertTrue(image.getWidth() - (ink.x + ink.width) <= slack, where);
    assertTrue(image.getHeight() - (ink.y + ink.height) <= slack, where);
  }

  /** The SVG's viewBox has the PNG's size (the PNG is at scale 2). */
  static void assertViewBoxIsTheContent(String svg, BufferedImage png) {
    Matcher m = Pattern.compile("viewBox='([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+)'").matcher(svg);
    assertTrue(m.find(), "a viewBox");
    assertEquals(png.getWidth(), 2 * Double.parseDouble(m.group(3)), 2.0);
    assertEquals(png.getHeight(), 2 * Double.parseDouble(m.group(4)), 2.0);
  }

  static Rectangle ink(BufferedImage image) {
    int minX = image.getWidth();
    int minY = image.getHeight();
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if ((rgb & 0xffffff) != 0xffffff && (rgb >>> 24) > 0) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
  }

  static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
