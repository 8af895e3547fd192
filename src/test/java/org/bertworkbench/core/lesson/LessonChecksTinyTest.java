package org.bertworkbench.core.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.Inspection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.model.ForwardOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check on the small bundled model, in the default test run (the real models' run is tagged):
 * each computes and passes where the claim holds for any BERT, and fails where it does not — the
 * size ratio (the sample is not BERT-Base), a number its vocabulary cannot spell, a tolerance no
 * sampled batch meets, a word the model does not guess, a position that is not there.
 */
class LessonChecksTinyTest {

  static String step(String id, String view, String check, String a, String b) {
    return "step: " + id + "\ntitle: " + id + "\nview: " + view + "\ncheck: " + check + "\n"
        + (a == null ? "" : "a: " + a + "\n") + (b == null ? "" : "b: " + b + "\n") + "text: One. Two.\n\n";
  }

  @Test
  void everyCheckRunsAndFailsWhereItsClaimDoesNotHold(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("corpus.txt"), Files.readString(Path.of("sample-data/pretrain/corpus.txt")));
    String a = "the cat sat on the mat .";
    String b = "it was asleep .";
    String lesson = "lesson: tiny\nlanguage: en\ntitle: Tiny\nmodel: sample-tiny\ncorpus: corpus.txt\n\n"
        + step("cls-sep", "tokens", "cls-sep", a, b)
        + step("embedding-sum", "embeddings", "embedding-sum", a, b)
        + step("segment-embeddings", "embeddings", "segment-embeddings", a, b)
        + step("encoder-outputs", "layers", "encoder-outputs", a, null)
        + step("bidirectional", "attention", "bidirectional position=2", a, null)
        + step("fill-mask", "fillmask", "fill-mask", "the cat sat on the [MASK] .", null)
        + step("mlm-masking", "pretrain", "mlm-masking batch=32", null, null)
        + step("nsp-pairs", "pretrain", "nsp-pairs", null, null)
        + step("training-defaults", "pretrain", "training-defaults", null, null)
        + step("pretraining-loss", "pretrain", "pretraining-loss", null, null)
        + step("head-classify", "finetune", "head-classify", a, null)
        + step("head-pair", "finetune", "head-pair", a, b)
        + step("head-qa", "finetune", "head-qa", "where did the cat sit ?", "the cat sat on the mat by the door .")
        + step("head-tag", "finetune", "head-tag", "alice sat on the mat", null)
        + step("features-concat", "finetune", "features-concat values=age=34;visits=12", a, null)
        // where the claim does not hold:
        + step("size-ratio", "layers", "size-ratio", null, null)
        // the sample's vocabulary, learnt from a corpus without digits, has no piece for "3": the
        // number never reaches the model as a word, and the check says so
        + step("features-template", "finetune", "features-template \"template=i am {age} years old .\" values=age=3",
            a, null)
        + step("masking-too-tight", "pretrain", "mlm-masking batch=2 tolerance=0.000001", null, null)
        + step("not-guessed", "fillmask", "fill-mask expect=zzzz", "the cat sat on the [MASK] .", null)
        + step("no-such-position", "attention", "bidirectional position=40", a, null);
    Files.writeString(dir.resolve("tiny.lesson"), lesson);
    LessonReader.Result read = new LessonReader().read(dir.resolve("tiny.lesson"));
    assertEquals(List.of(), read.problems());
    Lesson l = read.lesson().orElseThrow();
    List<LessonChecks.CheckResult> results;
    try (LessonChecks checks = new LessonChecks(Device.cpu())) {
      results = checks.runAll(List.of(l), Progress.NONE);
    }
    List<String> failed = new ArrayList<>();
    for (LessonChecks.CheckResult r : results) {
      assertEquals("tiny", r.lesson());
      assertFalse(r.description().isBlank() || r.value().isBlank(), r.toString());
      if (!r.passed()) {
        failed.add(r.step());
      }
    }
    assertEquals(CheckKind.values().length + 3, results.size());
    assertEquals(List.of("size-ratio", "features-template", "masking-too-tight", "not-guessed", "no-such-position"),
        failed,
        results.toString());
    LessonChecks.CheckResult sum = results.get(1);
    assertTrue(sum.value().startsWith("sum = token + segment + position: max difference 0.0"), sum.value());
    assertTrue(results.get(results.size() - 4).value().contains("[UNK]"), results.get(results.size() - 4).value());
    assertTrue(results.get(results.size() - 1).value().startsWith("the check could not run: bidirectional needs"),
        results.get(results.size() - 1).value());
  }

  /** A check that cannot run says why in the lesson's language, as the Lessons panel shows it. */
  @Test
  void aCheckThatCannotRunSaysWhyInTheLessonsLanguage(@TempDir Path dir) throws Exception {
    String body = "model: sample-tiny\n\n"
        + step("far", "attention", "bidirectional position=40", "the cat sat .", null);
    Files.writeString(dir.resolve("ja.lesson"), "lesson: ja\nlanguage: ja\ntitle: 日本語\n" + body);
    Files.writeString(dir.resolve("en.lesson"), "lesson: en\nlanguage: en\ntitle: English\n" + body);
    Lesson ja = new LessonReader().read(dir.resolve("ja.lesson")).lesson().orElseThrow();
    Lesson en = new LessonReader().read(dir.resolve("en.lesson")).lesson().orElseThrow();
    try (LoadedBert bert = LoadedBert.open("sample-tiny", Device.cpu(), Progress.NONE);
        LessonChecks checks = new LessonChecks(bert, "sample-tiny")) {
      LessonChecks.CheckResult english = checks.run(en, en.steps().get(0));
      LessonChecks.CheckResult japanese = checks.run(ja, ja.steps().get(0));
      assertFalse(english.passed() || japanese.passed());
      assertTrue(english.value().startsWith("the check could not run: bidirectional needs 0 < position < at < "),
          english.value());
      assertTrue(japanese.value().startsWith("チェックを実行できませんでした: bidirectional には 0 < position < at < ")
          && japanese.value().contains("position 40"), japanese.value());
    }
  }

  @Test
  void onTheCallersModelTheChecksRunWithoutClosingIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("shared.lesson"), "lesson: shared\nlanguage: ja\ntitle: 共有\nmodel: sample-tiny\n\n"
        + step("sum", "embeddings", "embedding-sum", "the cat sat .", null)
        + step("classify", "finetune", "head-classify", "the cat sat .", null));
    Lesson l = new LessonReader().read(dir.resolve("shared.lesson")).lesson().orElseThrow();
    try (LoadedBert bert = LoadedBert.open("sample-tiny", Device.cpu(), Progress.NONE)) {
      List<LessonChecks.CheckResult> results;
      try (LessonChecks checks = new LessonChecks(bert, "sample-tiny")) {
        results = checks.runAll(List.of(l), Progress.NONE);
      }
      assertTrue(results.stream().allMatch(LessonChecks.CheckResult::passed), results.toString());
      assertTrue(results.get(0).value().startsWith("和 = トークン + セグメント + 位置: 最大差 0.0"), results.get(0).value());
      // still open: the window goes on using it
      assertEquals(2, Inspection.of(bert.model(), bert.encode("the cat .", null, 16), ForwardOptions.TRACE)
          .hiddenStates().length - 1);
    }
  }
}
