package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Format detection by extension and content, and the preview the wizard's column picker shows. */
class FormatDetectionTest extends TempFiles {

  @Test
  void byExtension() throws Exception {
    assertEquals(DataFormat.TSV, Datasets.detect(write("a.tsv", "x,y\n")));
    assertEquals(DataFormat.CSV, Datasets.detect(write("a.csv", "x\ty\n")));
    assertEquals(DataFormat.JSON_LINES, Datasets.detect(write("a.jsonl", "{}\n")));
    assertEquals(DataFormat.CONLL, Datasets.detect(write("a.conll", "a,b\n")));
  }

  @Test
  void jsonBySquadShapeOrObjectLines() throws Exception {
    assertEquals(DataFormat.SQUAD, Datasets.detect(write("s.json", "{\n  \"data\": []\n}\n")));
    assertEquals(DataFormat.SQUAD, Datasets.detect(write("one-line.json", "{\"data\": [], \"version\": \"1.1\"}")));
    assertEquals(DataFormat.JSON_LINES, Datasets.detect(write("l.json", "{\"a\": 1}\n{\"a\": 2}\n")));
    assertEquals(DataFormat.SQUAD, Datasets.detect(write("squad-no-ext", "{\"version\": \"1.1\",\n\"data\": []}")));
  }

  @Test
  void byContent() throws Exception {
    assertEquals(DataFormat.TSV, Datasets.detect(write("glue.txt", "sentence\tlabel\nit works\t1\n")));
    assertEquals(DataFormat.CSV, Datasets.detect(write("c.txt", "text,label\n\"a, b\",1\n")));
    assertEquals(DataFormat.CONLL, Datasets.detect(write("eng.train", "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n")));
    assertEquals(DataFormat.CONLL, Datasets.detect(write("ner.txt", "Anna B-PER\nsings O\n\nIn O\nRome B-LOC\n")));
    assertEquals(DataFormat.CONLL, Datasets.detect(write("ner2.txt", "Anna\tB-PER\nsings\tO\n\nIn\tO\nRome\tB-LOC\n")));
  }

  @Test
  void forTheTask() throws Exception {
    Path wordTags = write("tags.tsv", "Anna\tB-PER\nsings\tO\n");
    assertEquals(DataFormat.CONLL, Datasets.detect(wordTags, TaskKind.TAG));
    assertEquals(DataFormat.TSV, Datasets.detect(wordTags, TaskKind.CLASSIFY));
    Path sentences = write("short.txt", "sentence\tlabel\nhi\t1\n\nyo\t0\n");
    assertEquals(DataFormat.TSV, Datasets.detect(sentences, TaskKind.CLASSIFY));
    assertEquals(DataFormat.SQUAD, Datasets.detect(write("q.json", "{\"data\": []}"), TaskKind.QA));
  }

  @Test
  void previewOfEachFormat() throws Exception {
    Preview tsv = Datasets.preview(write("p.tsv", "sentence\tlabel\na\t1\nb\t0\nc\t1\n"), 2);
    assertEquals(new Preview(DataFormat.TSV, List.of("sentence", "label"), List.of(List.of("a", "1"),
        List.of("b", "0"))), tsv);
    Preview jsonl = Datasets.preview(write("p.jsonl", "{\"t\": \"a\", \"y\": 1}\nnot json\n{\"t\": \"b\", \"z\": true}\n"),
        10);
    assertEquals(List.of("t", "y", "z"), jsonl.columns());
    assertEquals(List.of(List.of("a", "1", ""), List.of("b", "", "true")), jsonl.rows());
    Preview conll = Datasets.preview(write("p.conll", "-DOCSTART- O\n\nAnna B-PER\nsings O\n\nRome B-LOC\n"), 5);
    assertEquals(List.of(List.of("Anna sings", "B-PER O"), List.of("Rome", "B-LOC")), conll.rows());
    Preview squad = Datasets.preview(write("p.json", "{\"data\": [{\"paragraphs\": [{\"context\": \"Hi Bob.\", "
        + "\"qas\": [{\"id\": \"1\", \"question\": \"Who?\", \"answers\": [{\"text\": \"Bob\", \"answer_start\": 3}]}]}]}]}"),
        5);
    assertEquals(List.of(List.of("1", "Who?", "Bob", "3", "Hi Bob.")), squad.rows());
  }
}
