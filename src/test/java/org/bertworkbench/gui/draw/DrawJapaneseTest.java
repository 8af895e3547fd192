package org.bertworkbench.gui.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bertworkbench.gui.export.Exports;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.GuiBundlesTest;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared drawing parts in Japanese: layer names, and a strip picture's legend set in a Japanese face. */
class DrawJapaneseTest {

  @AfterEach
  void english() {
    Language.use(Language.EN);
  }

  @Test
  void layersAreNamedInTheWindowsLanguage() {
    assertEquals("embeddings", LayerNames.hiddenState(0));
    assertEquals("layer 2", LayerNames.hiddenState(3));
    assertEquals("the output of layer 2", LayerNames.outputOf(3));
    Language.use(Language.JA);
    for (String name : List.of(LayerNames.hiddenState(0), LayerNames.hiddenState(3), LayerNames.outputOf(0),
        LayerNames.outputOf(3))) {
      assertTrue(GuiBundlesTest.JAPANESE.matcher(name).find(), name);
    }
    assertTrue(LayerNames.hiddenState(3).contains("2"), "hidden state 3 is the output of layer 2");
  }

  @Test
  void aStripPictureInJapaneseHasJapaneseWordsInAJapaneseFace() {
    Language.use(Language.JA);
    StripsDrawing d = new StripsDrawing("トークン", List.of("0 [CLS]", "1 猫"), null,
        List.of(new StripsDrawing.Panel("値", new float[][] {{0.5f, -0.5f}, {0.1f, 0.2f}}, 1.0)), 1, List.of());
    String svg = Exports.svg(d, 600, 300);
    // The legend is the drawing's own words: "値：青 < 0 < 赤、…".
    assertTrue(svg.contains("青 &lt; 0 &lt; 赤") || svg.contains("青 < 0 < 赤"), "legend not in Japanese");
    String family = Fonts.controlsFamily().orElse(null);
    if (family != null) { // a machine without a Japanese font falls back to the logical fonts
      assertTrue(svg.contains(family), "the picture's words are not set in " + family);
      assertTrue(!svg.contains("DejaVu Sans"), "a face without Japanese glyphs is still named");
    }
  }
}
