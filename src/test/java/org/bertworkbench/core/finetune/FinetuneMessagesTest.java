package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.UserMessages;
import org.junit.jupiter.api.Test;

/**
 * What reading a dataset and setting up a run say to users reads Japanese in a Japanese window
 * (file names, line numbers, option names and values kept as they are) and, in English, exactly
 * what the command line always printed.
 */
class FinetuneMessagesTest extends TempFiles {

  private static void assertJapanese(String text, String... keeps) {
    assertTrue(BundleChecks.JAPANESE.matcher(text).find(), "not Japanese: " + text);
    for (String k : keeps) {
      assertTrue(text.contains(k), "'" + k + "' is not kept in: " + text);
    }
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedInJapaneseWithItsNameAndLine() throws Exception {
    Path latin = dir.resolve("latin.tsv");
    Files.write(latin, "sentence\tlabel\ncaf\u00e9\tpos\n".getBytes(StandardCharsets.ISO_8859_1));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.read(latin, TaskKind.CLASSIFY, null,
        null));
    assertEquals("latin.tsv: is not UTF-8 text (line 2); convert it, e.g. iconv -f LATIN1 -t UTF-8", e.getMessage());
    assertEquals(e.getMessage(), e.message(Locale.ENGLISH));
    assertJapanese(e.message(Locale.JAPANESE), "latin.tsv: ", "2 行目", "iconv -f LATIN1 -t UTF-8");
    assertEquals(e.message(Locale.JAPANESE), UserMessages.of(new RuntimeException(null, e), Locale.JAPANESE));
  }

  @Test
  void aMissingColumnAndAWrongFormatNameTheirColumnsAndFormatInJapanese() throws Exception {
    DatasetException column = assertThrows(DatasetException.class, () -> Datasets.read(
        write("n.tsv", "text\tlab\nx\t0\n"), TaskKind.CLASSIFY, null, null));
    assertEquals("n.tsv: has no column 'sentence' (its columns: text, lab); choose the columns to use",
        column.getMessage());
    assertJapanese(column.message(Locale.JAPANESE), "n.tsv: ", "「sentence」", "text, lab");
    DatasetException format = assertThrows(DatasetException.class, () -> Datasets.read(
        write("q.tsv", "a\tb\n1\t2\n"), TaskKind.QA, null, null));
    assertTrue(format.getMessage().endsWith("; this file is TSV (tab-separated, with a header)"), format.getMessage());
    assertJapanese(format.message(Locale.JAPANESE), "q.tsv: ", "SQuAD v1.1", "TSV（タブ区切り、ヘッダー付き）");
    assertEquals("TSV (tab-separated, with a header)", DataFormat.TSV.description());
    for (DataFormat f : DataFormat.values()) {
      assertJapanese(f.description(Locale.JAPANESE));
    }
  }

  @Test
  void badRowsAreSaidInEitherLanguageAndTheirEnglishIsAsBefore() throws Exception {
    Dataset d = Datasets.read(write("rows.tsv", "sentence\tlabel\tprice\nok\t\tx\nfine\n"), TaskKind.CLASSIFY,
        new DataColumns("sentence", null, "label", List.of("price"), DataColumns.FeatureMode.CLS_CONCAT, null), null);
    BadRow first = d.badRows().get(0);
    assertEquals("line 2: empty label in column 'label'; column 'price': 'x' is not a number", first.toString());
    assertEquals("empty label in column 'label'; column 'price': 'x' is not a number", first.problem());
    assertEquals("2 行目：列「label」のラベルが空です；列「price」：「x」は数値ではありません",
        first.say(Locale.JAPANESE));
    assertJapanese(d.badRows().get(1).say(Locale.JAPANESE), "3 行目", "「label」", "「price」");

    BadDataException e = new BadDataException("rows.tsv", d.badRows());
    assertEquals("rows.tsv: 2 bad rows (line 2: empty label in column 'label'; column 'price': 'x' is not a number; "
        + "line 3: missing column 'label'; missing column 'price'): fix them, or skip them (--skip-bad-rows)",
        e.getMessage());
    assertEquals(e.getMessage(), UserMessages.of(e));
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertJapanese(ja, "rows.tsv: ", "不正な行が 2 行", "2 行目", "3 行目", "--skip-bad-rows");
  }

  @Test
  void aQuestionsProblemsKeepTheirIdsAndOffsets() throws Exception {
    Dataset d = Datasets.read(write("s.json", "{\"data\": [{\"paragraphs\": [{\"context\": \"Paris is big\", "
        + "\"qas\": [{\"id\": \"q7\", \"question\": \"q\", \"answers\": [{\"text\": \"big\", \"answer_start\": 1}]}]}]}]}"),
        TaskKind.QA, null, null);
    BadRow row = d.badRows().get(0);
    assertEquals("line 1: question 'q7': answer 'big' not found in its context at answer_start 1 (there it reads "
        + "'ari'); it occurs at 9", row.toString());
    assertJapanese(row.say(Locale.JAPANESE), "1 行目", "「q7」", "「big」", "answer_start 1", "9");
  }

  @Test
  void aRunsSettingsAreRefusedInJapaneseWithTheirValues() throws Exception {
    FinetuneSpec ok = FinetuneSpec.defaults(TaskKind.CLASSIFY, "t.tsv", "m", "o");
    BadInputException epochs = assertThrows(BadInputException.class, () -> new FinetuneSpec(ok.task(), ok.train(),
        null, 0.1, null, "m", "o", 0, 32, 5e-5, 0.1, 0.01, 128, 1, 0, null, null, false, 0, 0));
    assertEquals("epochs must be between 1 and 100 (the paper: 2-4), got 0", epochs.getMessage());
    assertJapanese(epochs.message(Locale.JAPANESE), "100", "0");

    Path spec = write("spec.json", "{\"task\": \"classify\", \"typo\": 1}");
    BadInputException inFile = assertThrows(BadInputException.class, () -> FinetuneSpec.load(spec));
    assertTrue(inFile.getMessage().startsWith("spec.json: unknown key \"typo\" (known: "), inFile.getMessage());
    assertJapanese(inFile.message(Locale.JAPANESE), "spec.json: ", "\"typo\"", "batch_size");

    BadInputException task = assertThrows(BadInputException.class, () -> TaskKind.parse("summarise"));
    assertEquals("unknown task 'summarise': use classify, pair, qa or tag", task.getMessage());
    assertJapanese(task.message(Locale.JAPANESE), "「summarise」", "classify");
  }

  @Test
  void theMonitorSaysAStatusLineInTheAskedLanguage() {
    FinetuneMonitor monitor = new FinetuneMonitor();
    monitor.message(Message.of(Finetuner.class, "Finetuner.evaluating", 12));
    assertEquals("Evaluating on 12 dev examples", monitor.message());
    assertEquals("Evaluating on 12 dev examples", monitor.message(Locale.ENGLISH));
    assertJapanese(monitor.message(Locale.JAPANESE), "12");
    monitor.message("told as text");
    assertEquals("told as text", monitor.message(Locale.JAPANESE));
    List<String> told = new java.util.ArrayList<>();
    FinetuneListener plain = new FinetuneListener() {
      @Override
      public void message(String text) {
        told.add(text);
      }
    };
    plain.message(Message.of(Finetuner.class, "Finetuner.reading", "train.tsv"));
    assertEquals(List.of("Reading train.tsv"), told);
  }
}
