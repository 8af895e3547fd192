package org.bertworkbench.gui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@code assets/icon/} holds the icon's SVG source and its PNG sizes, made by {@link AppIcon}, and
 * the build packages them: the files are what AppIcon draws (run with {@code -Dassets.write=true}
 * to write them again after changing it), and the classpath the jar is made from carries them.
 */
class AppIconAssetsTest {

  static final Path DIR = Path.of("assets", "icon");

  @Test
  void theIconFilesAreWhatAppIconDraws() throws Exception {
    if (Boolean.getBoolean("assets.write")) {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve("bert-workbench.svg"), AppIcon.svg());
      for (int size : AppIcon.SIZES) {
        ImageIO.write(AppIcon.image(size), "png", DIR.resolve("bert-workbench-" + size + ".png").toFile());
      }
    }
    assertEquals(AppIcon.svg(), Files.readString(DIR.resolve("bert-workbench.svg")));
    for (int size : AppIcon.SIZES) {
      BufferedImage shipped = ImageIO.read(DIR.resolve("bert-workbench-" + size + ".png").toFile());
      BufferedImage drawn = AppIcon.image(size);
      assertEquals(size, shipped.getWidth());
      assertEquals(size, shipped.getHeight());
      int worst = 0;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int a = shipped.getRGB(x, y);
          int b = drawn.getRGB(x, y);
          for (int shift = 0; shift < 32; shift += 8) {
            worst = Math.max(worst, Math.abs((a >>> shift & 0xff) - (b >>> shift & 0xff)));
          }
        }
      }
      assertTrue(worst <= 3, size + " px: a channel differs by " + worst);
      assertEquals(0, shipped.getRGB(0, 0) >>> 24, "transparent corners");
    }
  }

  @Test
  void theBuildPackagesTheIcons() throws Exception {
    for (int size : AppIcon.SIZES) {
      try (InputStream in = WorkbenchApp.class.getResourceAsStream(WorkbenchApp.ICON + size + ".png")) {
        assertNotNull(in, "the classpath carries the " + size + " px icon");
        assertEquals(size, ImageIO.read(in).getWidth());
      }
    }
  }
}
