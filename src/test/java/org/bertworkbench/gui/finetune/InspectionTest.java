package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.finetune.DevPredictions;
import org.bertworkbench.core.finetune.Evaluation;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finished run's dev predictions read back without a model or a window: joined by line, scored, errors first. */
class InspectionTest {

  @TempDir
  Path dir;

  @Test
  void classificationRowsErrorsFirstWithTheirScores() throws Exception {
    Path data = dir.resolve("dev.tsv");
    Files.writeString(data, "sentence\tlabel\nthe sea\twet\nthe sun\tdry\nthe rain\twet\nthe sand\tdry\n");
    Path run = Files.createDirectories(dir.resolve("run"));
    FinetuneSpec.defaults(TaskKind.CLASSIFY, data.toString(), "bert-base-uncased", run.toString())
        .withDev(data.toString(), 0.1).save(run.resolve(FinetuneRun.SPEC));
    Files.writeString(run.resolve(FinetuneRun.DEV_PREDICTIONS), String.join("\n",
        row(2, "wet", 0.9, "wet"), row(3, "wet", 0.6, "dry"), row(4, "wet", 0.55, "wet"), row(5, "wet", 0.95, "dry")) + "\n");
    InspectionViewModel.Inspection i = InspectionViewModel.inspect(run);
    assertEquals(List.of(5, 3, 2, 4), i.rows().stream().map(r -> r.example().line()).toList(),
        "errors first, the most confident error at the top; then the right ones, most confident first");
    assertEquals(2, i.errors());
    assertEquals(0.5, i.metrics().get("accuracy"), 1e-12);
    assertEquals(List.of("wet", "dry"), i.labels());
    assertArrayEquals(new int[] {2, 0}, i.classes().confusion()[0], "gold wet: both predicted wet");
    assertArrayEquals(new int[] {2, 0}, i.classes().confusion()[1], "gold dry: both predicted wet");
    assertEquals("the sand", i.rows().get(0).text());
    // The window's figures are Evaluation's (what `evaluate` prints) over the same predictions.
    Evaluation.Result scored = DevPredictions.read(new FinetuneRun(run)).evaluate();
    assertEquals(scored.metrics(), i.metrics());
    assertEquals(4, scored.examples());
    assertArrayEquals(scored.classes().confusion(), i.classes().confusion());
  }

  @Test
  void explainHandsTheChosenRowAndItsRunsModelToTheExplainView() throws Exception {
    Path data = dir.resolve("dev.tsv");
    Files.writeString(data, "sentence\tlabel\nthe sea\twet\nthe sun\tdry\n");
    Path run = Files.createDirectories(dir.resolve("run"));
    FinetuneSpec.defaults(TaskKind.CLASSIFY, data.toString(), "bert-base-uncased", run.toString())
        .withDev(data.toString(), 0.1).save(run.resolve(FinetuneRun.SPEC));
    Files.writeString(run.resolve(FinetuneRun.DEV_PREDICTIONS), row(2, "wet", 0.9, "wet") + "\n"
        + row(3, "wet", 0.6, "dry") + "\n");
    InspectionViewModel vm = new InspectionViewModel();
    List<org.bertworkbench.gui.shell.ExplainRequest> asked = new java.util.ArrayList<>();
    assertTrue(!vm.explain(null), "nothing chosen, nothing to explain");
    vm.inspectionProperty().set(InspectionViewModel.inspect(run));
    assertTrue(!vm.explain(vm.inspectionProperty().get().rows().get(0)), "no Explain view to hand it to");
    vm.setOnExplain(asked::add);
    InspectionViewModel.Row chosen = vm.inspectionProperty().get().rows().get(0);
    assertTrue(vm.explain(chosen));
    assertEquals(1, asked.size());
    assertEquals(new FinetuneRun(run).modelDir(), asked.get(0).model());
    assertEquals(chosen.example(), asked.get(0).example());
    assertEquals(chosen.predicted(), asked.get(0).prediction());
  }

  @Test
  void aRunWithoutPredictionsSaysItHasNotFinished() throws Exception {
    Path run = Files.createDirectories(dir.resolve("unfinished"));
    FinetuneSpec.defaults(TaskKind.CLASSIFY, "train.tsv", "bert-base-uncased", run.toString())
        .save(run.resolve(FinetuneRun.SPEC));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InspectionViewModel.inspect(run));
    assertTrue(e.getMessage().startsWith("no dev predictions yet: the run has not finished"), e.getMessage());
  }

  private static String row(int line, String label, double p, String gold) {
    return String.format(java.util.Locale.ROOT, "{\"line\": %d, \"label\": \"%s\", \"confidence\": %s, "
        + "\"probabilities\": {\"wet\": %s, \"dry\": %s}, \"gold\": \"%s\"}", line, label, p, p, 1 - p, gold);
  }
}
