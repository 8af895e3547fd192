package org.bertworkbench.gui.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handout page: every step's text and picture, the questions, and nothing a lesson file could inject. */
class HandoutTest {

  @TempDir
  Path dir;

  static byte[] png(int w, int h) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  void everyStepsTextAndPictureAreOnThePage() throws Exception {
    List<Handout.Page> pages = List.of(
        new Handout.Page("Token + segment + position", "First sentence.\nSecond <b>sentence</b>.",
            "sum = token + segment + position: max difference 0.0", true, png(40, 30)),
        new Handout.Page("埋め込みの和", "三つの埋め込みを足します。", "最大差 0.0", false, png(20, 10)));
    String html = Handout.html("ja", "Lesson & test", "bert-base-uncased", pages, "Questions",
        List.of("Why add, not concatenate?"), "Step");
    Path file = dir.resolve("handout.html");
    Handout.write(html, file);
    String read = Files.readString(file);
    assertTrue(read.contains("<html lang=\"ja\">"));
    assertTrue(read.contains("Lesson &amp; test"));
    assertTrue(read.contains("First sentence."));
    assertTrue(read.contains("Second &lt;b&gt;sentence&lt;/b&gt;."), "lesson text is escaped");
    assertFalse(read.contains("<b>sentence"));
    assertTrue(read.contains("三つの埋め込みを足します。"));
    assertTrue(read.contains("✓ sum = token + segment + position: max difference 0.0"));
    assertTrue(read.contains("✗ 最大差 0.0"));
    assertTrue(read.contains("<li>Why add, not concatenate?</li>"));
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(read);
    int[][] sizes = {{40, 30}, {20, 10}};
    int n = 0;
    while (m.find()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertEquals(sizes[n][0], image.getWidth());
      assertEquals(sizes[n][1], image.getHeight());
      n++;
    }
    assertEquals(2, n, "one picture per step");
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }
}
