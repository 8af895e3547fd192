package org.bertworkbench.gui.text;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Set;

/**
 * The type the window and its pictures are set in. In Japanese a Japanese font is chosen by name
 * (Han characters drawn by a fallback font often come out in their Chinese forms); in English the
 * Java2D pictures use the logical fonts, which fall back through fontconfig to whatever installed
 * font has a glyph, so that a multilingual model's Japanese tokens never turn into boxes. A named
 * physical font ("DejaVu Sans") has no fallback at all.
 */
public final class Fonts {

  /** Japanese fonts in order of preference (Debian: fonts-noto-cjk, fonts-ipafont, fonts-vlgothic). */
  static final List<String> JAPANESE_SANS =
      List.of("Noto Sans CJK JP", "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic");
  static final List<String> JAPANESE_MONO =
      List.of("Noto Sans Mono CJK JP", "IPAGothic", "TakaoGothic", "VL Gothic");

  private static volatile Set<String> installed;

  private Fonts() {}

  /** The pictures' plain text face at {@code size} points in {@code style} ({@link Font#BOLD}…). */
  public static Font sans(int style, float size) {
    return new Font(family(JAPANESE_SANS, Font.SANS_SERIF), style, Math.round(size)).deriveFont(size);
  }

  /** The pictures' fixed-width face, for tokens and figures in columns. */
  public static Font mono(int style, float size) {
    return new Font(family(JAPANESE_MONO, Font.MONOSPACED), style, Math.round(size)).deriveFont(size);
  }

  /**
   * The family the window's controls are set in: a Japanese font when the language is Japanese
   * and one is installed, else empty (JavaFX's own default).
   */
  public static java.util.Optional<String> controlsFamily() {
    if (Language.current() != Language.JA) {
      return java.util.Optional.empty();
    }
    return JAPANESE_SANS.stream().filter(installed()::contains).findFirst();
  }

  private static String family(List<String> japanese, String logical) {
    if (Language.current() == Language.JA) {
      for (String name : japanese) {
        if (installed().contains(name)) {
          return name;
        }
      }
    }
    return logical;
  }

  private static Set<String> installed() {
    Set<String> names = installed;
    if (names == null) {
      names = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
      installed = names;
    }
    return names;
  }
}
