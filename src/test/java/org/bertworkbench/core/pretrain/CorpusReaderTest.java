package org.bertworkbench.core.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.UserMessages;
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

  /** The window says a refusal, a bad option and a run's status line in Japanese; the English is as it was. */
  @Test
  void refusalsAndStatusLinesAreSaidInJapaneseAndTheEnglishStays() throws Exception {
    Path f = dir.resolve("one.txt");
    Files.writeString(f, "One sentence.\nAnother one.\n");
    CorpusException e = assertThrows(CorpusException.class, () -> CorpusReader.read(f));
    assertEquals(f + ": has only one document; next-sentence prediction needs at least two (separate documents "
        + "with a blank line)", e.getMessage());
    assertEquals(e.getMessage(), UserMessages.of(e, Locale.ENGLISH));
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(ja.startsWith(f + ": ") && ja.contains("次文予測") && !ja.contains("document"), ja);

    BadInputException bad = assertThrows(BadInputException.class, () -> InstanceRecipe.paper(4));
    assertEquals("max length must be at least 8, got 4", bad.getMessage());
    String badJa = UserMessages.of(bad, Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(badJa).find() && badJa.contains("8") && badJa.contains("4"), badJa);

    PretrainMonitor monitor = new PretrainMonitor();
    monitor.message(Message.of(Pretrainer.class, "Pretrainer.tokenizing", 12));
    assertEquals("Tokenizing 12 sentences", monitor.message());
    assertEquals("Tokenizing 12 sentences", monitor.message(Locale.ENGLISH));
    assertTrue(monitor.message(Locale.JAPANESE).startsWith("12 文を"), monitor.message(Locale.JAPANESE));
    monitor.message("not ours");
    assertEquals("not ours", monitor.message(Locale.JAPANESE));
  }

  private static void assertOneLine(CorpusException e, String says) {
    assertTrue(e.getMessage().contains(says), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
