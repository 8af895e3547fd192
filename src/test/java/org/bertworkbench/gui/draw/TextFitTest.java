package org.bertworkbench.gui.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.bertworkbench.gui.text.Fonts;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Japanese title in a narrow picture shrinks to its room (F5 cut them at the edge); a short one keeps its size. */
class TextFitTest {

  @AfterEach
  void english() {
    Language.use(Language.EN);
  }

  @Test
  void aLongJapaneseTitleShrinksToItsRoomAndAShortOneStays() {
    Language.use(Language.JA);
    Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
    Font font = Fonts.sans(Font.BOLD, 14);
    String title = "BERT の入力：トークン + セグメント + 位置、それから LayerNorm";
    double room = 300;
    assertTrue(g.getFontMetrics(font).stringWidth(title) > room, "the test's title must be too long at 14 pt");
    Font fitted = TextFit.fitted(g, font, title, room);
    assertTrue(g.getFontMetrics(fitted).stringWidth(title) <= room, fitted.getSize2D() + " pt");
    assertTrue(fitted.getSize2D() >= TextFit.SMALLEST);
    assertEquals(font.getFamily(), fitted.getFamily());
    assertEquals(14, TextFit.fitted(g, font, "和", room).getSize2D(), 1e-6);
    assertEquals(TextFit.SMALLEST, TextFit.fitted(g, font, title.repeat(10), room).getSize2D(), 1e-6,
        "never below 8 points");
  }
}
