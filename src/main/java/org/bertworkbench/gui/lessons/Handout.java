package org.bertworkbench.gui.lessons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;

/**
 * A lesson as one HTML page for students to take home: every step's title, text, the check's
 * result and the picture of the view as the class saw it, then the questions. One file with the
 * pictures inside it (PNG data URLs), so that it can be mailed or printed as it is, and opened in
 * any browser with no network.
 */
public final class Handout {

  /** One step as the handout shows it; {@code png} the picture of its view (PNG bytes). */
  public record Page(String title, String text, String check, boolean passed, byte[] png) {}

  /** The page's style, {@code assets/style/handout.css}, put inside the page. */
  static final String STYLE = style();

  private Handout() {}

  private static String style() {
    try (var in = Handout.class.getResourceAsStream("/assets/style/handout.css")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The page's HTML. Everything from the lesson is escaped: a lesson file cannot inject markup. */
  public static String html(String lang, String title, String model, List<Page> pages, String questionsTitle,
      List<String> questions, String stepWord) {
    StringBuilder s = new StringBuilder(4096);
    s.append("<!DOCTYPE html>\n<html lang=\"").append(escape(lang)).append("\">\n<head>\n<meta charset=\"utf-8\">\n") // i18n-ok: HTML markup
        .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    s.append("<h1>").append(escape(title)).append("</h1>\n");
    s.append("<p class=\"model\">").append(escape(model)).append("</p>\n");
    for (int i = 0; i < pages.size(); i++) {
      Page p = pages.get(i);
      s.append("<section class=\"step\">\n<h2>").append(escape(stepWord)).append(' ').append(i + 1).append(". ")
          .append(escape(p.title())).append("</h2>\n");
      for (String paragraph : p.text().split("\n")) {
        if (!paragraph.isBlank()) {
          s.append("<p>").append(escape(paragraph.strip())).append("</p>\n");
        }
      }
      s.append("<p class=\"check ").append(p.passed() ? "passed" : "failed").append("\">")
          .append(p.passed() ? "✓ " : "✗ ").append(escape(p.check())).append("</p>\n");
      if (p.png() != null && p.png().length > 0) {
        s.append("<img alt=\"").append(escape(p.title())).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(p.png())).append("\">\n");
      }
      s.append("</section>\n");
    }
    if (!questions.isEmpty()) {
      s.append("<section class=\"questions\">\n<h2>").append(escape(questionsTitle)).append("</h2>\n<ol>\n");
      questions.forEach(q -> s.append("<li>").append(escape(q)).append("</li>\n"));
      s.append("</ol>\n</section>\n");
    }
    s.append("</body>\n</html>\n");
    return s.toString();
  }

  /** Writes {@code html} to {@code file} whole or not at all (a temporary file moved into place). */
  public static void write(String html, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".handout", ".html");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
