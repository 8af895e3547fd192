package org.bertworkbench.gui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Japanese renders: in Japanese the pictures and the controls are set in an installed Japanese
 * font that has the glyphs (CI installs fonts-noto-cjk, as the README says); in English the
 * pictures' logical fonts still show a multilingual model's Japanese tokens, not boxes.
 */
class FontsTest {

  static final String SAMPLE = "埋め込みとトークン化、マスクされた言語モデリング";

  @AfterEach
  void english() {
    Language.use(Language.EN);
  }

  @Test
  void japaneseIsSetInAJapaneseFontThatHasTheGlyphs() {
    Language.use(Language.JA);
    Font sans = Fonts.sans(Font.PLAIN, 12);
    Font mono = Fonts.mono(Font.BOLD, 12);
    assertTrue(Fonts.JAPANESE_SANS.contains(sans.getFamily()), sans.getFamily());
    assertTrue(Fonts.JAPANESE_MONO.contains(mono.getFamily()), mono.getFamily());
    assertEquals(-1, sans.canDisplayUpTo(SAMPLE));
    assertEquals(-1, mono.canDisplayUpTo(SAMPLE + " [CLS] ##ing"));
    assertTrue(Fonts.controlsFamily().isPresent());
    assertEquals(12f, sans.getSize2D());
  }

  @Test
  void englishPicturesStillShowJapaneseTokens() {
    Font sans = Fonts.sans(Font.PLAIN, 11.5f);
    assertEquals(Font.SANS_SERIF, sans.getFamily());
    assertEquals(-1, sans.canDisplayUpTo("東京は日本の首都です"));
    assertEquals(11.5f, sans.getSize2D());
    assertTrue(Fonts.controlsFamily().isEmpty());
  }
}
