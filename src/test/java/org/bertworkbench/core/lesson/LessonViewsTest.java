package org.bertworkbench.core.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a step may highlight is what the view really carries: every id is set in that view's source. */
class LessonViewsTest {

  static final Path GUI = Path.of("src/main/java/org/bertworkbench/gui");

  @Test
  void theViewsAreTheWindowsTabs() {
    assertEquals(List.of("tokens", "embeddings", "layers", "fillmask", "attention", "pretrain", "finetune"),
        List.copyOf(LessonViews.names()));
  }

  @Test
  void everyHighlightIsAnIdTheViewSets() throws Exception {
    for (String view : LessonViews.names()) {
      String source;
      try (Stream<Path> files = Files.walk(GUI.resolve(view))) {
        source = files.filter(f -> f.toString().endsWith(".java")).map(LessonViewsTest::text)
            .reduce("", String::concat);
      }
      assertTrue(!LessonViews.highlights(view).isEmpty(), view);
      for (String id : LessonViews.highlights(view)) {
        assertTrue(source.contains("setId(\"" + id + "\")"), view + " sets no node id \"" + id + "\"");
      }
    }
  }

  private static String text(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
