package org.bertworkbench.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Writes what a window shows to {@code target/screenshots/NAME.png}, for a person to look at. */
public final class Screenshots {

  private Screenshots() {}

  public static Path save(FxRobot robot, String name) {
    return save(robot, robot.listTargetWindows().get(0), name);
  }

  /** As {@link #save(FxRobot, String)} for a given window (a dialog, say). */
  public static Path save(FxRobot robot, Window window, String name) {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage[] image = new WritableImage[1];
    robot.interact(() -> image[0] = window.getScene().snapshot(null));
    try {
      Path dir = Files.createDirectories(Path.of("target", "screenshots"));
      Path file = dir.resolve(name + ".png");
      ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
