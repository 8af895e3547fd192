package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.job.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of sentences: one per line, blank lines skipped with the numbering kept, refusals in one line. */
class SentenceFileTest {

  @TempDir
  Path dir;

  @Test
  void eachNonBlankLineIsASentenceWithItsLineNumber() throws Exception {
    Path f = Files.writeString(dir.resolve("s.txt"), "\uFEFFA cat sat.\n\n  \nShips\tsail.\r\n東京は日本の首都です。");
    assertEquals(List.of(new SentenceFile.Line(1, "A cat sat."), new SentenceFile.Line(4, "Ships\tsail."),
        new SentenceFile.Line(5, "東京は日本の首都です。")), SentenceFile.read(f));
  }

  @Test
  void refusesWhatIsNotUtf8NamingTheLine() throws Exception {
    byte[] latin1 = "one\ntwo\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Path f = Files.write(dir.resolve("latin1.txt"), latin1);
    BadInputException e = assertThrows(BadInputException.class, () -> SentenceFile.read(f));
    assertEquals(f + " line 3: not UTF-8 text", e.getMessage());
    assertTrue(e.message(Locale.JAPANESE).contains("3 行目"), e.message(Locale.JAPANESE));

    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
    assertEquals(empty + ": no input lines",
        assertThrows(BadInputException.class, () -> SentenceFile.read(empty)).getMessage());
    Path nope = dir.resolve("nope.txt");
    assertEquals(nope + ": no such file",
        assertThrows(BadInputException.class, () -> SentenceFile.read(nope)).getMessage());
  }
}
