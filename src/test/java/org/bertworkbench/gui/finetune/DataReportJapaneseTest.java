package org.bertworkbench.gui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.finetune.Dataset;
import org.bertworkbench.core.finetune.Datasets;
import org.bertworkbench.core.finetune.TaskKind;
import org.bertworkbench.gui.text.InJapanese;
import org.bertworkbench.gui.text.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's list of bad rows is in the window's language; the files' names and the line numbers stay. */
@ExtendWith(InJapanese.class)
class DataReportJapaneseTest {

  @TempDir
  Path dir;

  @Test
  void theBadRowsOfBothFilesAreListedInTheWindowsLanguage() throws IOException {
    Dataset train = read("train.tsv", "sentence\tlabel\ngood\tpos\nbad\tneg\nlonely\n", null);
    Dataset dev = read("dev.tsv", "sentence\tlabel\nfine\tpos\nodd\tmaybe\n", train.labels());
    DataChoices.Report report = new DataChoices.Report(train, dev, null);
    assertEquals(List.of("train.tsv 4 行目：列「label」がありません",
        "dev.tsv 3 行目：未知のラベル「maybe」です（使えるラベル：pos, neg）"), report.badRows());
    Language.use(Language.EN);
    try {
      assertEquals(List.of("train.tsv line 4: missing column 'label'",
          "dev.tsv line 3: unknown label 'maybe' (the labels are: pos, neg)"), report.badRows());
    } finally {
      Language.use(Language.JA);
    }
  }

  private Dataset read(String name, String text, List<String> labels) throws IOException {
    Path file = Files.writeString(dir.resolve(name), text);
    return Datasets.read(file, TaskKind.CLASSIFY, null, labels);
  }
}
