package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Classification files: TSV as GLUE writes it, CSV with RFC 4180 quoting, JSON Lines, features. */
class TabularDatasetTest extends TempFiles {

  private static TextExample text(Dataset d, int i) {
    return (TextExample) d.examples().get(i);
  }

  @Test
  void sst2StyleTsvKeepsQuotesThatAreNotCsvQuoting() throws Exception {
    Path f = write("train.tsv", "sentence\tlabel\n"
        + "hide new secretions from the parental units \t0\n"
        + "\"the greatest musicians \t1\n"
        + "it 's a \"  fun \" movie\t1\n");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, null, null);
    assertEquals(3, d.examples().size());
    assertEquals("\"the greatest musicians", text(d, 1).textA());
    assertEquals("it 's a \"  fun \" movie", text(d, 2).textA());
    assertEquals(List.of("0", "1"), d.labels(), "integer labels in numeric order");
    assertEquals(2, text(d, 0).line());
    assertEquals(Map.of("0", 1, "1", 2), d.classBalance());
    assertTrue(d.badRows().isEmpty());
  }

  @Test
  void mrpcStyleColumnsAreGuessedAndRead() throws Exception {
    Path f = write("msr.tsv", "\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        + "1\t702876\t702977\tAmrozi accused his brother .\tReferring to him , Amrozi accused his brother .\n"
        + "0\t2108705\t2108831\tYucaipa owned Dominick 's .\tYucaipa bought Dominick 's in 1995 .\n");
    Preview p = Datasets.preview(f, 5);
    DataColumns cols = Datasets.guessColumns(p.columns(), TaskKind.PAIR);
    assertEquals(new DataColumns("#1 String", "#2 String", "Quality", List.of(), DataColumns.FeatureMode.NONE,
        null), cols);
    Dataset d = Datasets.read(f, TaskKind.PAIR, cols, null);
    assertEquals("Yucaipa bought Dominick 's in 1995 .", text(d, 1).textB());
    assertEquals(List.of("0", "1"), d.labels());
  }

  @Test
  void glueColumnGuesses() {
    assertEquals(List.of("question1", "question2", "is_duplicate"), names(Datasets.guessColumns(
        List.of("id", "qid1", "qid2", "question1", "question2", "is_duplicate"), TaskKind.PAIR)));
    assertEquals(List.of("question", "sentence", "label"), names(Datasets.guessColumns(
        List.of("index", "question", "sentence", "label"), TaskKind.PAIR)));
    assertEquals(List.of("sentence1", "sentence2", "gold_label"), names(Datasets.guessColumns(
        List.of("index", "genre", "sentence1_parse", "sentence1", "sentence2", "label1", "gold_label"),
        TaskKind.PAIR)));
    DataColumns none = Datasets.guessColumns(List.of("a", "b"), TaskKind.CLASSIFY);
    assertNull(none.textA());
    assertNull(none.label());
  }

  private static List<String> names(DataColumns c) {
    return List.of(c.textA(), c.textB(), c.label());
  }

  @Test
  void csvQuotingCommasNewlinesAndDoubledQuotes() throws Exception {
    Path f = write("d.csv", "text,label\r\n"
        + "\"Hello, world\",greeting\r\n"
        + "\"She said \"\"no\"\"\nand left\",story\r\n"
        + "\r\n"
        + "plain text,story\r\n");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, new DataColumns("text", null, "label", null, null, null), null);
    assertEquals(List.of("Hello, world", "She said \"no\"\nand left", "plain text"),
        d.examples().stream().map(e -> ((TextExample) e).textA()).toList());
    assertEquals(List.of(2, 3, 6), d.examples().stream().map(Example::line).toList(),
        "each record keeps the line it starts on");
    assertEquals(List.of("greeting", "story"), d.labels(), "text labels in first-seen order");
  }

  @Test
  void columnNamesMatchIgnoringCase() throws Exception {
    Path f = write("d.tsv", "Sentence\tLabel\nfine\tpos\n");
    assertEquals(1, Datasets.read(f, TaskKind.CLASSIFY, null, null).examples().size());
  }

  @Test
  void jsonLinesKeysAreColumns() throws Exception {
    Path f = write("d.jsonl", "{\"sentence\": \"good\", \"label\": 1, \"stars\": 4.5}\n\n"
        + "{\"label\": 0, \"sentence\": \"bad \\\"film\\\"\", \"stars\": \"1\"}\n");
    DataColumns cols = new DataColumns("sentence", null, "label", List.of("stars"), DataColumns.FeatureMode.CLS_CONCAT,
        null);
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, cols, null);
    assertEquals("bad \"film\"", text(d, 1).textA());
    assertEquals(3, text(d, 1).line());
    assertArrayEquals(new double[] {4.5}, text(d, 0).features());
    assertArrayEquals(new double[] {1}, text(d, 1).features());
    assertEquals(List.of("0", "1"), d.labels());
  }

  @Test
  void numericFeaturesFromCsv() throws Exception {
    Path f = write("f.csv", "text,customers,hours,label\n\"crash on save, data lost\",250,3.5,urgent\n"
        + "typo in the menu,2,-1e2,later\n");
    DataColumns cols = new DataColumns("text", null, "label", List.of("customers", "hours"),
        DataColumns.FeatureMode.TEXT_TEMPLATE, "customers {customers} hours {hours}");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, cols, null);
    assertArrayEquals(new double[] {250, 3.5}, text(d, 0).features());
    assertArrayEquals(new double[] {2, -100}, text(d, 1).features());
    assertEquals("customers 250 hours 3.5", FeatureTemplate.render(cols, text(d, 0)));
  }

  @Test
  void unlabelledTextWhenNoLabelColumn() throws Exception {
    Path f = write("in.tsv", "sentence\nfirst one\nsecond one\n");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, new DataColumns("sentence", null, null, null, null, null), null);
    assertEquals(2, d.examples().size());
    assertNull(text(d, 0).label());
    assertTrue(d.labels().isEmpty());
  }

  @Test
  void knownLabelsKeepTheirOrder() throws Exception {
    Path f = write("dev.tsv", "sentence\tlabel\na\tpos\nb\tneg\n");
    Dataset d = Datasets.read(f, TaskKind.CLASSIFY, null, List.of("neg", "pos", "neutral"));
    assertEquals(List.of("neg", "pos", "neutral"), d.labels());
    assertEquals(Map.of("neg", 1, "pos", 1, "neutral", 0), d.classBalance());
  }
}
