package org.bertworkbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No source file grows past {@value #MAX_LINES} lines: a longer class does too many things. */
class SourceFileLengthTest {

  static final int MAX_LINES = 700;

  @Test
  void noMainSourceFileIsLongerThanTheLimit() throws IOException {
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      tooLong = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> lines(f) > MAX_LINES)
          .map(f -> f + " (" + lines(f) + " lines)")
          .sorted()
          .toList();
    }
    assertEquals(List.of(), tooLong, "files over " + MAX_LINES + " lines");
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
