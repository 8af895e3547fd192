package org.bertworkbench.gui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No words a user reads are written in the gui code: they are in the bundles. A scan of the
 * sources for string literals that look like words for people — two words with a space, a word
 * beside a space that will be joined to something, or any letters handed to a control's text, a
 * title, a tooltip or a picture's {@code drawString}. A literal that is not shown (a node id, a
 * style, a file name) but looks like words says so with {@code // i18n-ok: why} on its line.
 */
class HardCodedTextTest {

  static final Path SOURCES = Path.of("src/main/java/org/bertworkbench/gui");

  /**
   * Packages whose words are not in bundles yet, each marked by a file of its name in this folder
   * (one file each, so that packages translated side by side do not collide); empty when the
   * window is whole in both languages.
   */
  static final Path NOT_YET = Path.of("src/test/resources/i18n-pending");

  static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  static final Pattern WORDS = Pattern.compile("[A-Za-z]{2,}[ ]+[A-Za-z]{2,}|^ +[A-Za-z]{2,}|[A-Za-z]{2,} +$");
  static final Pattern SHOWN = Pattern.compile(
      "(new (Label|Button|CheckBox|RadioButton|ToggleButton|Tooltip|Menu|MenuItem|CheckMenuItem|RadioMenuItem"
          + "|Tab|TitledPane|Hyperlink|Text|TableColumn<[^>]*>)|\\.set(Text|PromptText|Title|HeaderText|ContentText"
          + "|Placeholder)|drawString|showMessage|fail|setLabel)\\(\\s*\"[^\"]*[A-Za-z]{2,}");

  /** Literals that look like words and never reach a user. */
  static boolean notShown(String literal) {
    return literal.startsWith("-fx-") || literal.startsWith("/") || literal.startsWith("<") // markup || literal.matches("[a-z][a-zA-Z0-9.-]*")
        || literal.contains("%") && !literal.matches(".*[A-Za-z]{2,} [A-Za-z]{2,}.*");
  }

  @Test
  void noWordsForUsersInTheGuiCode() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path java : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String pkg = SOURCES.relativize(java.getParent()).toString();
        if (Files.exists(NOT_YET.resolve(pkg)) || pkg.equals("text")) {
          continue;
        }
        List<String> lines = Files.readAllLines(java);
        boolean inDoc = false;
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          String t = line.trim();
          if (t.startsWith("/*")) {
            inDoc = true;
          }
          if (inDoc) {
            inDoc = !t.contains("*/");
            continue;
          }
          if (t.startsWith("//") || t.startsWith("@") || line.contains("i18n-ok")) {
            continue;
          }
          String code = line.replaceAll("//.*$", "");
          if (SHOWN.matcher(code).find()) {
            found.add(where(java, i) + t);
            continue;
          }
          Matcher m = LITERAL.matcher(code);
          while (m.find()) {
            String literal = m.group(1);
            if (WORDS.matcher(literal).find() && !notShown(literal) && !isExceptionMessage(code)) {
              found.add(where(java, i) + t);
              break;
            }
          }
        }
      }
    }
    assertEquals("", String.join("\n", found), found.size() + " lines with words for users outside the bundles");
  }

  /** An exception's message for the log or a programmer, not for a user. */
  private static boolean isExceptionMessage(String code) {
    return code.matches(".*new (IllegalArgument|IllegalState|UnsupportedOperation|AssertionError)\\w*\\(.*");
  }

  private static String where(Path java, int line) {
    return SOURCES.relativize(java) + ":" + (line + 1) + ": ";
  }
}
