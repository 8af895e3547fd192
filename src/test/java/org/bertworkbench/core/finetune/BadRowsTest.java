package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of bad row is reported with its line and reason, never a crash; good rows still read. */
class BadRowsTest extends TempFiles {

  private static void assertBad(Dataset d, int line, String says) {
    BadRow row = d.badRows().stream().filter(b -> b.line() == line).findFirst()
        .orElseThrow(() -> new AssertionError("no bad row at line " + line + " in " + d.badRows()));
    assertTrue(row.problem().contains(says), row.toString());
  }

  @Test
  void classificationRows() throws Exception {
    Path f = write("train.tsv", "sentence\tlabel\n"
        + "good film\tpos\n"             // 2 fine
        + "no label here\n"              // 3 missing column
        + "   \tneg\n"                   // 4 empty text
        + "fine film\t \n"               // 5 empty label
        + "\t\n"                         // 6 both
        + "bad film\tneg\n");            // 7 fine
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, null, null);
    assertEquals(List.of(2, 7), d.examples().stream().map(Example::line).toList());
    assertEquals(4, d.badRows().size());
    assertBad(d, 3, "missing column 'label'");
    assertBad(d, 4, "empty text in column 'sentence'");
    assertBad(d, 5, "empty label");
    assertBad(d, 6, "empty text in column 'sentence'; empty label");
    assertEquals("line 3: missing column 'label'", d.badRows().get(0).toString());
  }

  @Test
  void unknownLabelInDevFile() throws Exception {
    Path f = write("dev.tsv", "sentence\tlabel\ngreat\tpos\nmeh\tmaybe\n");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, null, List.of("neg", "pos"));
    assertEquals(1, d.examples().size());
    assertBad(d, 3, "unknown label 'maybe' (the labels are: neg, pos)");
  }

  @Test
  void pairMissingSecondText() throws Exception {
    Path f = write("p.tsv", "sentence1\tsentence2\tlabel\nA man runs.\tA person moves.\t1\nOnly one\n");
    Dataset d = Datasets.read(f, TaskKind.PAIR, null, null);
    assertEquals(1, d.examples().size());
    assertBad(d, 3, "missing column 'sentence2'; missing column 'label'");
  }

  @Test
  void nonNumericFeatures() throws Exception {
    Path f = write("f.csv", "text,price,label\nok,12.5,a\nno price,,b\nwords,twelve,a\nhuge,1e999,b\n"
        + "comma,\"1,200\",a\nhex,0x10,b\n");
    DataColumns cols = new DataColumns("text", null, "label", List.of("price"), DataColumns.FeatureMode.CLS_CONCAT,
        null);
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, cols, null);
    assertEquals(1, d.examples().size());
    assertBad(d, 3, "empty value in feature column 'price'");
    assertBad(d, 4, "column 'price': 'twelve' is not a number");
    assertBad(d, 5, "'1e999' is too large");
    assertBad(d, 6, "'1,200' is not a number");
    assertBad(d, 7, "'0x10' is not a number");
  }

  @Test
  void unclosedCsvQuote() throws Exception {
    Path f = write("q.csv", "text,label\nfine,a\n\"never closed,b\nmore,a\n");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, new DataColumns("text", null, "label", null, null, null), null);
    assertEquals(1, d.examples().size());
    assertBad(d, 3, "never closed");
  }

  @Test
  void jsonLinesBadLines() throws Exception {
    Path f = write("d.jsonl", "{\"sentence\": \"ok\", \"label\": \"a\"}\n"
        + "{\"sentence\": \"broken\", \"label\": \n"
        + "[1, 2]\n"
        + "{\"sentence\": null, \"label\": \"a\"}\n"
        + "{\"sentence\": \"\", \"label\": \"b\"}\n");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, null, null);
    assertEquals(1, d.examples().size());
    assertBad(d, 2, "not valid JSON");
    assertBad(d, 3, "not a JSON object");
    assertBad(d, 4, "missing column 'sentence'");
    assertBad(d, 5, "empty text");
  }

  @Test
  void squadAnswers() throws Exception {
    String ctx = "Paris is the capital of France. It lies on the Seine.";
    Path f = write("qa.json", "{\"version\": \"1.1\", \"data\": [{\"title\": \"t\", \"paragraphs\": [{\"context\": \""
        + ctx + "\", \"qas\": ["
        + q("q1", "What is the capital of France?", "Paris", 0) + ","
        + q("q2", "Which river?", "Seine", 40) + ","
        + q("q3", "Which river, again?", "Seine", 500) + ","
        + q("q4", "Which country?", "Germany", 24) + ","
        + "{\"id\": \"q5\", \"question\": \"Nothing?\", \"answers\": []},"
        + "{\"id\": \"q6\", \"question\": \"  \", \"answers\": [{\"text\": \"Paris\", \"answer_start\": 0}]},"
        + q("q1", "Duplicate id?", "France", 24) + ","
        + "{\"id\": \"q8\", \"question\": \"Impossible?\", \"is_impossible\": true, \"answers\": []}"
        + "]}, {\"qas\": [" + q("q9", "No context?", "x", 0) + "]}]}]}");
    Dataset d = Datasets.read(f, TaskKind.QA, null, null);
    assertEquals(List.of("q1"), d.examples().stream().map(e -> ((QaExample) e).id()).toList());
    assertBad(d, 2, "answer 'Seine' not found in its context at answer_start 40 (there it reads 'on th');"
        + " it occurs at 47");
    assertBad(d, 3, "answer_start 500 is past the end of its context (53 characters)");
    assertBad(d, 4, "answer 'Germany' not found in its context at answer_start 24");
    assertBad(d, 5, "question 'q5': no answers");
    assertBad(d, 6, "empty question");
    assertBad(d, 7, "duplicate id 'q1' (first at question 1)");
    assertBad(d, 8, "unanswerable");
    assertBad(d, 9, "no \"context\"");
    assertEquals(8, d.badRows().size());
  }

  private static String q(String id, String question, String answer, int start) {
    return "{\"id\": \"" + id + "\", \"question\": \"" + question + "\", \"answers\": [{\"text\": \"" + answer
        + "\", \"answer_start\": " + start + "}]}";
  }

  @Test
  void conllLines() throws Exception {
    Path f = write("t.conll", "-DOCSTART- -X- -X- O\n\n"
        + "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n"        // 3-4 fine
        + "Peter B-PER\nBlackburn\n\n"                        // 6-7: one column
        + "German B-\ncall O\n\n"                              // 9: tag without type
        + "Only\tO\nfine\tO\n");                               // 12-13 fine (tab-separated)
    Dataset d = Datasets.read(f, TaskKind.TAG, null, null);
    assertEquals(List.of(3, 12), d.examples().stream().map(Example::line).toList());
    assertBad(d, 7, "only one column ('Blackburn')");
    assertBad(d, 7, "its sentence (from line 6) is left out");
    assertBad(d, 9, "tag 'B-' has no entity type");
  }

  @Test
  void conllUnknownTagInDevFile() throws Exception {
    Path f = write("dev.conll", "Anna B-PER\nsings O\n\nIn O\nRome B-CITY\n");
    Dataset d = Datasets.read(f, TaskKind.TAG, null, List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC"));
    assertEquals(1, d.examples().size());
    assertBad(d, 5, "unknown tag 'B-CITY'");
  }

  @Test
  void conllLineThatIsASentence() throws Exception {
    Path f = write("s.tsv", "hello there world\tO\n\n");
    Dataset d = Datasets.read(f, TaskKind.TAG, null, null);
    assertBad(d, 1, "holds spaces");
  }
}
