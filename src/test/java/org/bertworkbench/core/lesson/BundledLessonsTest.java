package org.bertworkbench.core.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lessons the workbench ships: every one reads, English and Japanese pair up step for step,
 * each follows the shape the issue asks for, and a teacher's folder with a bad file still loads
 * the good ones.
 */
class BundledLessonsTest {

  /** The seed article's path, in order. */
  static final List<String> PATH = List.of("big-picture", "tokenization", "embeddings", "encoder", "masked-lm",
      "next-sentence", "training", "model-sizes", "fine-tuning", "features");

  /** A sentence ends at . ! ? (followed by a space or the end) or at a Japanese full stop. */
  static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)|[。！？]");
  static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

  @Test
  void everyBundledLessonReads() {
    for (String lang : Lessons.LANGUAGES) {
      Lessons.Loaded loaded = Lessons.bundled(lang);
      assertEquals(List.of(), loaded.problems(), lang);
      assertEquals(PATH, loaded.lessons().stream().map(Lesson::id).toList(), lang + ": the seed article's path");
      for (Lesson l : loaded.lessons()) {
        assertEquals(lang, l.lang(), l.source());
        assertTrue(l.source().startsWith("/assets/lessons/" + lang + "/"), l.source());
      }
    }
  }

  @Test
  void englishAndJapaneseHaveTheSameIdsAndSteps() {
    List<Lesson> en = Lessons.bundled("en").lessons();
    List<Lesson> ja = Lessons.bundled("ja").lessons();
    assertEquals(shape(en), shape(ja));
  }

  /** Per lesson and step: the ids, the view, the highlight and the check, which must not differ by language. */
  static List<String> shape(List<Lesson> lessons) {
    List<String> out = new ArrayList<>();
    for (Lesson l : lessons) {
      for (LessonStep s : l.steps()) {
        out.add(l.id() + "/" + s.id() + " " + s.view() + " " + s.highlight() + " " + s.check());
      }
    }
    return out;
  }

  @Test
  void eachLessonHasTwoToFiveStepsOfTwoToFourSentencesAndQuestionsAtTheEnd() {
    for (String lang : Lessons.LANGUAGES) {
      for (Lesson l : Lessons.bundled(lang).lessons()) {
        assertTrue(l.steps().size() >= 2 && l.steps().size() <= 5, l.source() + ": " + l.steps().size() + " steps");
        assertTrue(l.questions().size() >= 2, l.source() + ": questions for the class");
        for (LessonStep s : l.steps()) {
          long sentences = SENTENCE_END.matcher(s.text()).results().count();
          assertTrue(sentences >= 2 && sentences <= 4, l.source() + " step " + s.id() + ": " + sentences
              + " sentences: " + s.text());
        }
      }
    }
  }

  @Test
  void theJapaneseLessonsAreWrittenInJapanese() {
    for (Lesson l : Lessons.bundled("ja").lessons()) {
      assertTrue(JAPANESE.matcher(l.title()).find(), l.title());
      l.questions().forEach(q -> assertTrue(JAPANESE.matcher(q).find(), q));
      for (LessonStep s : l.steps()) {
        assertTrue(JAPANESE.matcher(s.title()).find() && JAPANESE.matcher(s.text()).find(), s.id() + ": " + s.text());
      }
    }
  }

  @Test
  void everyCheckIsUsedAndEveryCorpusIsThere() throws Exception {
    Set<String> used = new TreeSet<>();
    for (String lang : Lessons.LANGUAGES) {
      for (Lesson l : Lessons.bundled(lang).lessons()) {
        l.steps().forEach(s -> used.add(s.check()));
        if (l.corpus() != null) {
          assertTrue(Lessons.corpusText(l).lines().count() > 50, l.source() + ": " + l.corpus());
        }
      }
    }
    Set<String> all = new TreeSet<>();
    for (CheckKind k : CheckKind.values()) {
      all.add(k.fileName());
    }
    assertEquals(all, used, "every check is shown in some lesson");
  }

  @Test
  void theCheckTextsExistInBothLanguagesForEveryCheck() throws Exception {
    ResourceBundle en = LessonChecks.bundle("en");
    ResourceBundle ja = LessonChecks.bundle("ja");
    // the files' own keys: a bundle's keySet() would include its parent's, hiding a missing translation
    assertEquals(keys("checks.properties"), keys("checks_ja.properties"));
    for (CheckKind k : CheckKind.values()) {
      for (String part : List.of(".description", ".value")) {
        String key = k.fileName() + part;
        assertTrue(en.containsKey(key), key);
        assertTrue(JAPANESE.matcher(ja.getString(key)).find(), "ja " + key);
        assertTrue(!en.getString(key).equals(ja.getString(key)), key);
      }
    }
  }

  static Set<Object> keys(String file) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    try (var in = LessonChecks.class.getResourceAsStream(file)) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return new TreeSet<>(p.keySet());
  }

  @Test
  void aBadFileInAFolderIsReportedAndTheOthersLoad(@TempDir Path dir) throws Exception {
    try (var in = Lessons.class.getResourceAsStream("/assets/lessons/en/02-tokenization.lesson")) {
      Files.write(dir.resolve("02-tokenization.lesson"), in.readAllBytes());
    }
    Files.writeString(dir.resolve("01-broken.lesson"), "lesson: broken\nlanguage: en\ntitle: Broken\n"
        + "model: bert-base-uncased\nstep: one\ntitle: One\nview: tokenz\ncheck: cls-sep\na: Hi.\ntext: A. B.\n");
    Files.writeString(dir.resolve("notes.txt"), "not a lesson");
    Lessons.Loaded loaded = Lessons.fromDirectory(dir);
    assertEquals(List.of("tokenization"), loaded.lessons().stream().map(Lesson::id).toList());
    assertEquals(1, loaded.problems().size(), loaded.problems().toString());
    assertEquals(dir.resolve("01-broken.lesson") + ":7: unknown view 'tokenz' (views: tokens, embeddings, layers, "
        + "fillmask, attention, pretrain, finetune)", loaded.problems().get(0).toString());
  }
}
