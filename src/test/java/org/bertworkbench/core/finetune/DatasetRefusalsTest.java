package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Files that cannot be read at all: one exception, one line naming the file, what is wrong and what to do. */
class DatasetRefusalsTest extends TempFiles {

  private static void assertRefused(String file, String says, Executable read) {
    DatasetException e = assertThrows(DatasetException.class, read);
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertEquals(file, e.file());
  }

  private static Executable classify(Path f) {
    return () -> Datasets.read(f, TaskKind.CLASSIFY, null, null);
  }

  @Test
  void missingFileAndFolder() {
    assertRefused("nope.tsv", "not found", classify(dir.resolve("nope.tsv")));
    assertRefused(dir.getFileName().toString(), "is a folder", classify(dir));
  }

  @Test
  void emptyAndBlank() throws Exception {
    assertRefused("e.tsv", "is empty", classify(write("e.tsv", "")));
    assertRefused("b.tsv", "only blank lines", classify(write("b.tsv", "\n\n\n")));
    assertRefused("h.tsv", "has a header line but no rows", classify(write("h.tsv", "sentence\tlabel\n")));
  }

  @Test
  void binaryUtf16ZipAndLatin1() throws Exception {
    Path bin = dir.resolve("x.tsv");
    Files.write(bin, new byte[] {'a', '\t', 0, 1, 2, '\n'});
    assertRefused("x.tsv", "binary", classify(bin));
    Path utf16 = dir.resolve("u.csv");
    Files.write(utf16, "\uFEFFtext,label\nhi,a\n".getBytes(StandardCharsets.UTF_16LE));
    assertRefused("u.csv", "is UTF-16 text; save it as UTF-8", classify(utf16));
    Path zip = dir.resolve("sheet.csv");
    Files.write(zip, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
    assertRefused("sheet.csv", "save the sheet as CSV", classify(zip));
    Path latin = dir.resolve("l.tsv");
    Files.write(latin, "sentence\tlabel\ncaf\u00e9\tpos\n".getBytes(StandardCharsets.ISO_8859_1));
    assertRefused("l.tsv", "is not UTF-8 text (line 2); convert it", classify(latin));
  }

  @Test
  void noHeaderOrMissingColumn() throws Exception {
    Path cola = write("cola.tsv", "gj04\t1\t\tOur friends won't buy this analysis, let alone the next one.\n");
    assertRefused("cola.tsv", "has no header line (the first line looks like data", classify(cola));
    Path other = write("o.tsv", "text\tstars\nfine\t5\n");
    assertRefused("o.tsv", "has no column 'sentence' (its columns: text, stars); choose the columns", classify(other));
    Path commas = write("c.tsv", "sentence,label\nfine,5\n");
    assertRefused("c.tsv", "no tab; if it is comma-separated, name the file .csv", classify(commas));
    Path jsonl = write("k.jsonl", "{\"text\": \"a\", \"label\": 1}\n");
    assertRefused("k.jsonl", "no line has the key 'sentence' (keys: text, label)", classify(jsonl));
  }

  @Test
  void unknownFormatAndWrongFormatForTheTask() throws Exception {
    Path plain = write("notes.txt", "just some words\nand more words\n");
    assertRefused("notes.txt", "unknown format", classify(plain));
    assertRefused("notes.txt", "cannot tell the format", () -> Datasets.detect(plain));
    Path squad = write("s.json", "{\"data\": []}");
    assertRefused("s.json", "classification reads TSV or CSV", classify(squad));
    Path tsv = write("t.tsv", "question\tcontext\nWho?\tMe.\n");
    assertRefused("t.tsv", "question answering reads SQuAD v1.1 JSON", () -> Datasets.read(tsv, TaskKind.QA, null,
        null));
    Path jsonl = write("t.jsonl", "{\"tokens\": [\"a\"], \"tags\": [\"O\"]}\n");
    assertRefused("t.jsonl", "tagging reads CoNLL-style files", () -> Datasets.read(jsonl, TaskKind.TAG, null, null));
    assertRefused("t.tsv", "qa cannot be read from TSV", () -> Datasets.read(tsv, DataFormat.TSV, TaskKind.QA, null,
        null));
  }

  @Test
  void notSquad() throws Exception {
    Path list = write("l.json", "[{\"question\": \"Who?\"}]");
    assertRefused("l.json", "is not SQuAD v1.1 JSON: no top-level \"data\" list", () -> Datasets.read(list,
        TaskKind.QA, null, null));
    Path broken = write("b.json", "{\"data\": [}");
    assertRefused("b.json", "is not valid JSON", () -> Datasets.read(broken, TaskKind.QA, null, null));
    Path empty = write("e.json", "{\"data\": [{\"title\": \"x\", \"paragraphs\": []}]}");
    assertRefused("e.json", "has no questions", () -> Datasets.read(empty, TaskKind.QA, null, null));
    Path latin = dir.resolve("latin.json");
    Files.write(latin, "{\"data\": [{\"title\": \"caf\u00e9\"}]}".getBytes(StandardCharsets.ISO_8859_1));
    assertRefused("latin.json", "is not UTF-8 text", () -> Datasets.read(latin, TaskKind.QA, null, null));
  }

  @Test
  void conllWithoutSentences() throws Exception {
    Path f = write("d.conll", "-DOCSTART- -X- O O\n\n\n");
    assertRefused("d.conll", "has no sentences", () -> Datasets.read(f, TaskKind.TAG, null, null));
  }

  @Test
  void noTextColumnChosen() throws Exception {
    Path f = write("n.tsv", "a\tb\nx\ty\n");
    DataColumns guessed = Datasets.guessColumns(Datasets.preview(f, 3).columns(), TaskKind.PAIR);
    assertRefused("n.tsv", "no text column chosen", () -> Datasets.read(f, TaskKind.PAIR, guessed, null));
    DataColumns oneText = new DataColumns("a", null, "b", null, null, null);
    assertRefused("n.tsv", "no second text column chosen", () -> Datasets.read(f, TaskKind.PAIR, oneText, null));
  }

  @Test
  void badFeatureTemplate() throws Exception {
    Path f = write("f.csv", "text,price,label\nok,1,a\n");
    DataColumns cols = new DataColumns("text", null, "label", List.of("price"), DataColumns.FeatureMode.TEXT_TEMPLATE,
        "price {cost}");
    assertRefused("f.csv", "names {cost}, which is not a feature column (features: price)",
        () -> Datasets.read(f, TaskKind.CLASSIFY, cols, null));
  }
}
