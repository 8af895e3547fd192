package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample data of {@code sample-data/finetune/}: what {@link SampleData} writes, read clean,
 * balanced, the baseline figures of its README, and the deliberately bad files' reports.
 */
class SampleDataTest {

  static final Path DIR = Path.of("sample-data/finetune");
  static final DataColumns TICKETS = new DataColumns("text", null, "label", List.of("customers", "hours_open"),
      DataColumns.FeatureMode.CLS_CONCAT, null);

  @Test
  void shippedFilesAreWhatTheGeneratorWrites() throws Exception {
    for (Map.Entry<String, String> f : SampleData.files().entrySet()) {
      assertEquals(f.getValue(), Files.readString(DIR.resolve(f.getKey())), f.getKey());
    }
  }

  private static Dataset[] trainDev(String dir, String ext, TaskKind task, DataColumns cols) {
    Dataset train = Datasets.read(DIR.resolve(dir + "/train." + ext), task, cols, null);
    Dataset dev = Datasets.read(DIR.resolve(dir + "/dev." + ext), task, cols, train.labels());
    assertTrue(train.badRows().isEmpty() && dev.badRows().isEmpty(), dir + ": " + train.badRows() + dev.badRows());
    return new Dataset[] {train, dev};
  }

  @Test
  void eachTaskReadsCleanWithASeparateDevFile() {
    for (Object[] t : new Object[][] {{"classify", "tsv", TaskKind.CLASSIFY, null, 320, 80},
        {"pair", "tsv", TaskKind.PAIR, null, 320, 80}, {"features", "csv", TaskKind.CLASSIFY, TICKETS, 320, 80},
        {"qa", "json", TaskKind.QA, null, 240, 60}, {"tag", "conll", TaskKind.TAG, null, 300, 80}}) {
      Dataset[] d = trainDev((String) t[0], (String) t[1], (TaskKind) t[2], (DataColumns) t[3]);
      assertEquals(t[4], d[0].examples().size(), (String) t[0]);
      assertEquals(t[5], d[1].examples().size(), (String) t[0]);
      if (((TaskKind) t[2]).isClassification()) {
        assertEquals(2, d[0].labels().size());
        d[0].classBalance().values().forEach(n -> assertTrue(n >= 140 && n <= 180, t[0] + " " + d[0].classBalance()));
      }
    }
  }

  @Test
  void qaParagraphsAreUnseenInTraining() {
    Dataset[] d = trainDev("qa", "json", TaskKind.QA, null);
    List<String> train = d[0].examples().stream().map(e -> ((QaExample) e).context()).toList();
    d[1].examples().forEach(e -> assertTrue(!train.contains(((QaExample) e).context())));
  }

  @Test
  void taggingHasThreeEntityTypes() {
    Dataset[] d = trainDev("tag", "conll", TaskKind.TAG, null);
    assertEquals(List.of("O", "B-LOC", "I-LOC", "B-PER", "I-PER", "B-ORG", "I-ORG"), d[0].labels());
  }

  /** The naive-Bayes figures of the README: high on reviews, chance on pairs, text alone not enough on tickets. */
  @Test
  void naiveBayesBaselinesAsInTheReadme() throws Exception {
    String readme = Files.readString(DIR.resolve("README.md"));
    for (Object[] t : new Object[][] {{"classify", "tsv", TaskKind.CLASSIFY, null},
        {"pair", "tsv", TaskKind.PAIR, null}, {"features", "csv", TaskKind.CLASSIFY, TICKETS}}) {
      Dataset[] d = trainDev((String) t[0], (String) t[1], (TaskKind) t[2], (DataColumns) t[3]);
      double acc = NaiveBayes.train(d[0]).evaluate(d[1]).accuracy();
      String row = readme.lines().filter(l -> l.startsWith("| `" + t[0] + "/` |")).findFirst().orElseThrow();
      String cell = String.format("| naive Bayes %.3f |", acc);
      assertTrue(row.endsWith(cell), "README row of " + t[0] + " lacks " + cell);
    }
  }

  @Test
  void badFilesGiveTheirReports() {
    Path bad = DIR.resolve("bad");
    Dataset c = Datasets.read(bad.resolve("classify-bad-rows.tsv"), TaskKind.CLASSIFY, null,
        List.of("negative", "positive"));
    assertEquals(List.of("line 3: missing column 'label'", "line 4: empty text in column 'sentence'",
        "line 5: unknown label 'maybe' (the labels are: negative, positive)",
        "line 6: empty label in column 'label'"), c.badRows().stream().map(BadRow::toString).toList());
    assertEquals(2, c.examples().size());

    Dataset f = Datasets.read(bad.resolve("features-bad-values.csv"), TaskKind.CLASSIFY, TICKETS, null);
    assertEquals(List.of(3, 4, 5, 6), f.badRows().stream().map(BadRow::line).toList());
    assertTrue(f.badRows().get(0).problem().contains("'many' is not a number"));
    assertTrue(f.badRows().get(3).problem().contains("missing column 'label'; missing column 'hours_open'"));
    assertEquals("Search results look strange, \"again\"", ((TextExample) f.examples().get(1)).textA());

    Dataset q = Datasets.read(bad.resolve("qa-bad-answers.json"), TaskKind.QA, null, null);
    assertEquals(1, q.examples().size());
    assertEquals(List.of(2, 3, 4, 5, 6), q.badRows().stream().map(BadRow::line).toList());
    assertTrue(q.badRows().get(0).problem().contains("answer 'baker' not found in its context at answer_start 38 "
        + "(there it reads 'a bak'); it occurs at 40"), q.badRows().get(0).problem());

    Dataset t = Datasets.read(bad.resolve("tag-bad-lines.conll"), TaskKind.TAG, null,
        List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"));
    assertEquals(List.of(3, 23), t.examples().stream().map(Example::line).toList());
    assertEquals(List.of(11, 15, 20), t.badRows().stream().map(BadRow::line).toList());

    for (String[] file : new String[][] {{"latin1.tsv", "is not UTF-8 text (line 2)"},
        {"no-header.tsv", "has no header line"}, {"not-squad.json", "is not SQuAD v1.1 JSON"}}) {
      TaskKind task = file[0].endsWith(".json") ? TaskKind.QA : TaskKind.CLASSIFY;
      DatasetException e = assertThrows(DatasetException.class, () -> Datasets.read(bad.resolve(file[0]), task, null,
          null));
      assertTrue(e.getMessage().contains(file[1]), e.getMessage());
    }
  }
}
