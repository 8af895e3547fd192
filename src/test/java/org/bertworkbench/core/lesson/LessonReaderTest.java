package org.bertworkbench.core.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lesson file and each way a teacher can get one wrong: every problem names the file and the
 * line, and says what is wrong. The bad files are the good one with one line changed.
 */
class LessonReaderTest {

  static final String GOOD = String.join("\n",
      "# a comment",                                    // 1
      "lesson: demo",                                   // 2
      "language: en",                                   // 3
      "title: A demo",                                  // 4
      "model: bert-base-uncased",                       // 5
      "corpus: corpus.txt",                             // 6
      "",                                               // 7
      "step: sum",                                      // 8
      "title: The sum",                                 // 9
      "view: embeddings",                               // 10
      "a: The quick brown fox.",                        // 11
      "b: It jumped.",                                  // 12
      "highlight: sumCheck",                            // 13
      "check: embedding-sum",                           // 14
      "text: First sentence.",                          // 15
      "text: Second sentence.",                         // 16
      "",                                               // 17
      "step: masking",                                  // 18
      "title: Masking",                                 // 19
      "view: pretrain",                                 // 20
      "check: mlm-masking batch=8 tolerance=0.05",      // 21
      "text: Fifteen percent. Then 80/10/10.",          // 22
      "",                                               // 23
      "question: Why?",                                 // 24
      "question: Why not?");                            // 25

  static LessonReader.Result read(String text) {
    return new LessonReader().read("demo.lesson", text.getBytes(StandardCharsets.UTF_8));
  }

  /** The one problem reading {@code text} gives: its line and a phrase its message must hold. */
  static void onlyProblem(String text, int line, String phrase) {
    LessonReader.Result r = read(text);
    assertTrue(r.lesson().isEmpty(), "no lesson from a bad file");
    assertEquals(1, r.problems().size(), r.problems().toString());
    LessonProblem p = r.problems().get(0);
    assertEquals("demo.lesson", p.file());
    assertEquals(line, p.line(), p.toString());
    assertTrue(p.message().contains(phrase), p.toString());
  }

  static String replaceLine(int line, String with) {
    String[] lines = GOOD.split("\n", -1);
    lines[line - 1] = with;
    return String.join("\n", lines);
  }

  @Test
  void aGoodFileGivesTheLessonWithDefaultsFilledIn() {
    LessonReader.Result r = read(GOOD);
    assertEquals(List.of(), r.problems());
    Lesson l = r.lesson().orElseThrow();
    assertEquals("demo", l.id());
    assertEquals("en", l.lang());
    assertEquals("A demo", l.title());
    assertEquals("corpus.txt", l.corpus());
    assertEquals(List.of("Why?", "Why not?"), l.questions());
    assertEquals(2, l.steps().size());
    LessonStep sum = l.steps().get(0);
    assertEquals("sum", sum.id());
    assertEquals("embeddings", sum.view());
    assertEquals("The quick brown fox.", sum.textA());
    assertEquals("It jumped.", sum.textB());
    assertEquals("sumCheck", sum.highlight());
    assertEquals("First sentence. Second sentence.", sum.text(), "text lines are joined");
    assertEquals("bert-base-uncased", sum.model());
    assertEquals(8, sum.line());
    LessonStep masking = l.steps().get(1);
    assertEquals("8", masking.parameter("batch"));
    assertEquals("0.05", masking.parameter("tolerance"));
    assertEquals("128", masking.parameter("length"), "a parameter not given takes its default");
  }

  @Test
  void aProblemIsOneLineFileColonLineColonMessage() {
    assertEquals("x/y.lesson:7: view: has no value",
        new LessonProblem("x/y.lesson", 7, "view: has no value").toString());
    assertEquals("a.lesson:3: two lines", new LessonProblem("a.lesson", 3, "two\nlines").toString());
  }

  @Test
  void brokenSyntax() {
    onlyProblem(replaceLine(16, "Second sentence."), 16, "expected 'key: value'");
    onlyProblem(replaceLine(9, "title:"), 9, "title: has no value");
    onlyProblem(replaceLine(21, "check: mlm-masking batch=8 tolerance=\"0.05"), 21, "quote is not closed");
  }

  @Test
  void unknownKey() {
    onlyProblem(replaceLine(13, "colour: red"), 13, "unknown key 'colour'");
  }

  @Test
  void unknownView() {
    onlyProblem(replaceLine(20, "view: pretraining"), 20, "unknown view 'pretraining'");
  }

  @Test
  void unknownCheck() {
    onlyProblem(replaceLine(14, "check: embedding-sums"), 14, "unknown check 'embedding-sums'");
  }

  @Test
  void unknownOrBadCheckParameter() {
    onlyProblem(replaceLine(21, "check: mlm-masking batch=8 size=3"), 21, "not 'size=3'");
    onlyProblem(replaceLine(21, "check: mlm-masking batch=eight"), 21, "batch must be a number");
  }

  @Test
  void unknownHighlightForTheView() {
    // batchCanvas is on the pretraining view, not on the embeddings view
    onlyProblem(replaceLine(13, "highlight: batchCanvas"), 13, "the embeddings view has nothing called 'batchCanvas'");
  }

  @Test
  void missingTextOrTitle() {
    onlyProblem(GOOD.replace("text: Fifteen percent. Then 80/10/10.", ""), 18, "step masking has no 'text:' line");
    onlyProblem(replaceLine(19, ""), 18, "step masking has no 'title:' line");
    onlyProblem(replaceLine(4, ""), 2, "the lesson has no 'title:' line");
  }

  @Test
  void aCheckWithoutTheInputItNeeds() {
    onlyProblem(replaceLine(11, ""), 8, "check embedding-sum needs an input: add 'a: <sentence>'");
    onlyProblem(replaceLine(6, ""), 21, "check mlm-masking samples a corpus");
    onlyProblem(replaceLine(14, "check: fill-mask"), 14, "needs a [MASK]");
  }

  @Test
  void aModelThatIsNotThere() {
    onlyProblem(replaceLine(5, "model: bert-large-uncased"), 5, "model bert-large-uncased is not there");
    String stepModel = GOOD.replace("view: pretrain", "view: pretrain\nmodel: no-such-model");
    onlyProblem(stepModel, 21, "model no-such-model is not there: name one of bert-base-uncased");
  }

  @Test
  void aModelFolderResolvesAsOnTheCommandLine(@TempDir Path dir) {
    LessonReader.Result r = read(replaceLine(5, "model: " + dir));
    assertEquals(List.of(), r.problems());
  }

  @Test
  void duplicateStepId() {
    onlyProblem(replaceLine(18, "step: sum"), 18, "step id 'sum' is used twice (first on line 8)");
  }

  @Test
  void duplicateKey() {
    onlyProblem(replaceLine(12, "view: tokens"), 12, "view: given twice (first on line 10)");
  }

  @Test
  void noSteps() {
    onlyProblem(GOOD.substring(0, GOOD.indexOf("step: sum")), 2, "the lesson has no steps");
  }

  @Test
  void everyProblemOfAFileIsReported() {
    String bad = replaceLine(10, "view: nowhere").replace("check: mlm-masking", "check: mlm-mask");
    LessonReader.Result r = read(bad);
    assertEquals(2, r.problems().size(), r.problems().toString());
    assertEquals(10, r.problems().get(0).line());
    assertEquals(21, r.problems().get(1).line());
  }

  @Test
  void aFileTooBigOrNotUtf8IsRefusedWithoutParsing(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.lesson");
    Files.write(big, new byte[LessonReader.MAX_BYTES + 1]);
    LessonReader.Result r = new LessonReader().read(big);
    assertEquals(1, r.problems().size());
    assertEquals(0, r.problems().get(0).line());
    assertTrue(r.problems().get(0).message().contains("at most " + LessonReader.MAX_BYTES), r.problems().toString());
    LessonReader.Result stream = new LessonReader().read("big.lesson",
        new ByteArrayInputStream(new byte[LessonReader.MAX_BYTES + 1]));
    assertTrue(stream.problems().get(0).message().contains("at most"), stream.problems().toString());
    LessonReader.Result latin1 = new LessonReader().read("l.lesson", new byte[] {'a', ':', ' ', (byte) 0xe9});
    assertTrue(latin1.problems().get(0).message().contains("not UTF-8"), latin1.problems().toString());
  }

  /** The Lessons panel says a problem in Japanese, with the file and line; the command line's English stays. */
  @Test
  void aProblemIsSaidInJapaneseWithItsFileAndLineAndTheEnglishStays() {
    LessonProblem view = read(replaceLine(10, "view: spectrogram")).problems().get(0);
    assertEquals("demo.lesson:10: unknown view 'spectrogram' (views: " + String.join(", ", LessonViews.names())
        + ")", view.toString());
    assertEquals(view.toString(), view.say(Locale.ENGLISH));
    String ja = view.say(Locale.JAPANESE);
    assertTrue(ja.startsWith("demo.lesson:10: ") && ja.contains("「spectrogram」") && ja.contains("ビュー"), ja);

    LessonProblem quote = read(replaceLine(21, "check: mlm-masking batch=8 tolerance=\"0.05")).problems().get(0);
    assertEquals("check: a quote is not closed in \"mlm-masking batch=8 tolerance=\"0.05\"", quote.message());
    assertTrue(quote.message(Locale.JAPANESE).contains("引用符"), quote.message(Locale.JAPANESE));

    LessonProblem missing = read(replaceLine(9, "# no title")).problems().get(0);
    assertEquals("step sum has no 'title:' line", missing.message());
    String missingJa = missing.message(Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(missingJa).find() && missingJa.contains("sum")
        && missingJa.contains("title:"), missingJa);
    assertEquals("as it came", new LessonProblem("a.lesson", 1, "as it came").message(Locale.JAPANESE));
  }

  @Test
  void japaneseTextLinesJoinWithoutASpace() {
    assertEquals("一文目です。二文目です。", LessonReader.join("一文目です。", "二文目です。"));
    assertEquals("One. Two.", LessonReader.join("One.", "Two."));
  }
}
