package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lessons}: the listing in both languages, a teacher's folder with a bad file, and the
 * checks' exit code on the small bundled model (the real models' run is {@link LessonsCheckRealModelsTest}).
 */
class LessonsCommandTest {

  @Test
  void listsTheBundledLessonsInEachLanguageWithTheSameIdsAndSteps() {
    CliTest.Run en = CliTest.run("lessons", "--lang", "en", "--json");
    CliTest.Run ja = CliTest.run("lessons", "--lang", "ja", "--json");
    assertEquals(0, en.code(), en.err());
    assertEquals(0, ja.code(), ja.err());
    JsonArray enLessons = en.json().getAsJsonArray("lessons");
    assertEquals(10, enLessons.size());
    JsonObject first = enLessons.get(0).getAsJsonObject();
    assertEquals("big-picture", first.get("id").getAsString());
    JsonObject step = first.getAsJsonArray("steps").get(0).getAsJsonObject();
    for (String key : List.of("id", "title", "view", "text")) {
      assertTrue(step.has(key), key);
    }
    assertEquals("layers", step.get("view").getAsString());
    assertEquals(ids(enLessons), ids(ja.json().getAsJsonArray("lessons")));
    assertTrue(ja.out().contains("双方向"), "Japanese text comes through unescaped");
  }

  /** lesson/step ids in order. */
  static List<String> ids(JsonArray lessons) {
    List<String> out = new ArrayList<>();
    for (JsonElement l : lessons) {
      for (JsonElement s : l.getAsJsonObject().getAsJsonArray("steps")) {
        out.add(l.getAsJsonObject().get("id").getAsString() + "/" + s.getAsJsonObject().get("id").getAsString());
      }
    }
    return out;
  }

  @Test
  void aBadFileInTheFolderIsOneLineOnStandardErrorAndTheOthersAreListed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("good.lesson"), tinyLesson("good", "expect="));
    Files.writeString(dir.resolve("bad.lesson"),
        tinyLesson("bad", "expect=").replace("view: embeddings", "view: tokenz"));
    CliTest.Run r = CliTest.run("lessons", "--dir", dir.toString(), "--json");
    assertEquals(1, r.code(), "a bad file fails the command");
    assertEquals(List.of(dir.resolve("bad.lesson") + ":8: unknown view 'tokenz' (views: tokens, embeddings, layers, "
        + "fillmask, attention, pretrain, finetune)"), r.err().strip().lines().toList());
    assertEquals(List.of("good/sum", "good/guess"), ids(r.json().getAsJsonArray("lessons")));
  }

  @Test
  void checksExitZeroOnlyWhenEveryCheckPasses(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.lesson"), tinyLesson("passes", "expect="));
    CliTest.Run ok = CliTest.run("lessons", "--check", "--dir", dir.toString(), "--json");
    assertEquals(0, ok.code(), ok.out() + ok.err());
    JsonArray checks = ok.json().getAsJsonArray("checks");
    assertEquals(2, checks.size());
    JsonObject sum = checks.get(0).getAsJsonObject();
    assertEquals("passes", sum.get("lesson").getAsString());
    assertEquals("sum", sum.get("step").getAsString());
    assertTrue(sum.get("value").getAsString().startsWith("sum = token + segment + position: max difference 0.0"),
        sum.toString());
    assertTrue(sum.get("passed").getAsBoolean());

    Files.writeString(dir.resolve("a.lesson"), tinyLesson("fails", "expect=zzzz"));
    CliTest.Run bad = CliTest.run("lessons", "--check", "--dir", dir.toString(), "--json");
    assertEquals(1, bad.code(), bad.out() + bad.err());
    JsonArray two = bad.json().getAsJsonArray("checks");
    assertTrue(two.get(0).getAsJsonObject().get("passed").getAsBoolean());
    assertFalse(two.get(1).getAsJsonObject().get("passed").getAsBoolean(), two.toString());

    CliTest.Run table = CliTest.run("lessons", "--check", "--dir", dir.toString());
    assertTrue(table.out().contains("PASS fails/sum") && table.out().contains("FAIL fails/guess")
        && table.out().contains("1 of 2 checks passed"), table.out());
  }

  @Test
  void twoLessonsWithEqualStepsEachGetTheirOwnResults(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.lesson"), tinyLesson("first", "expect="));
    Files.writeString(dir.resolve("b.lesson"), tinyLesson("second", "expect="));
    CliTest.Run r = CliTest.run("lessons", "--check", "--dir", dir.toString(), "--json");
    List<String> lessons = new ArrayList<>();
    r.json().getAsJsonArray("checks").forEach(c -> lessons.add(c.getAsJsonObject().get("lesson").getAsString()));
    assertEquals(List.of("first", "first", "second", "second"), lessons);
  }

  @Test
  void anUnknownLanguageIsAOneLineError() {
    CliTest.Run r = CliTest.run("lessons", "--lang", "fr");
    CliTest.assertCleanError(r);
    assertTrue(r.err().contains("--lang takes en, ja or all"), r.err());
  }

  /** A lesson on the bundled sample model: the sum check, then a masked-word guess expecting {@code expect}. */
  static String tinyLesson(String id, String expect) {
    return String.join("\n", "lesson: " + id, "language: en", "title: Tiny", "model: sample-tiny", "",
        "step: sum", "title: Sum", "view: embeddings", "a: the cat sat.", "check: embedding-sum",
        "text: One. Two.", "", "step: guess", "title: Guess", "view: fillmask", "a: the cat [MASK] on the mat.",
        "check: fill-mask " + expect, "text: One. Two.", "");
  }
}
