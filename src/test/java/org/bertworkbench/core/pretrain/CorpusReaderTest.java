package org.bertworkbench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading corpora, and the one-line refusals. */
class CorpusReaderTest {

  @TempDir
  Path dir;

  @Test
  void bertFormatWithPreviewCounts() throws Exception {
    Path f = dir.resolve("c.txt");
    Files.writeString(f, "The cat sat.\nIt purred.\n\nShips sail.\nThe wind blew hard.\nThey came home.\n");
    Corpus c = CorpusReader.read(f);
    assertEquals(List.of(List.of("The cat sat.", "It purred."),
        List.of("Ships sail.", "The wind blew hard.", "They came home.")), c.documents());
    assertEquals(new Corpus.Stats(2, 5, 14, 67), c.stats());
    assertEquals(false, c.prose());
    assertEquals(List.of("The cat sat.", "It purred."), c.firstSentences(2));
  }

  @Test
  void proseIsSplitIntoSentences() {
    Corpus c = CorpusReader.fromText("p", "Dr. Smith came home at 5 p.m. on Monday. He was tired! Was he? "
        + "Yes. J. S. Bach wrote it.\n\nAnother document. With two sentences.", CorpusReader.Format.AUTO);
    assertEquals(List.of("Dr. Smith came home at 5 p.m. on Monday.", "He was tired!", "Was he?", "Yes.",
        "J. S. Bach wrote it."), c.documents().get(0));
    assertEquals(2, c.documents().get(1).size());
  }

  @Test
  void aFolderIsReadFileByFile() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "One.\nTwo.\n");
    Files.writeString(dir.resolve("b.txt"), "Three.\n");
    Files.writeString(dir.resolve("ignored.bin"), "x");
    assertEquals(2, CorpusReader.read(dir).documents().size());
  }

  @Test
  void refusesABinaryFile() throws Exception {
    Path f = dir.resolve("x.txt");
    Files.write(f, new byte[] {'a', 0, 1, 2, '\n'});
    assertOneLine(assertThrows(CorpusException.class, () -> CorpusReader.read(f)), "binary");
  }

  @Test
  void refusesNonUtf8() throws Exception {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, "caf\u00e9\n\nna\u00efve\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertOneLine(assertThrows(CorpusException.class, () -> CorpusReader.read(f)), "not UTF-8");
  }

  @Test
  void refusesAnEmptyCorpus() throws Exception {
    Path f = dir.resolve("empty.txt");
    Files.writeString(f, "\n  \n\n");
    assertOneLine(assertThrows(CorpusException.class, () -> CorpusReader.read(f)), "empty");
  }

  @Test
  void refusesASingleDocument() throws Exception {
    Path f = dir.resolve("one.txt");
    Files.writeString(f, "One sentence.\nAnother one.\n");
    assertOneLine(assertThrows(CorpusException.class, () -> CorpusReader.read(f)), "only one document");
  }

  @Test
  void refusesAMissingPath() {
    assertOneLine(assertThrows(CorpusException.class, () -> CorpusReader.read(dir.resolve("nope"))), "not found");
  }

  private static void assertOneLine(CorpusException e, String says) {
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
