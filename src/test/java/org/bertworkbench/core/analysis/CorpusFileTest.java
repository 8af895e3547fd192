package org.bertworkbench.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.UserMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus file for the analyses, and the refusals the window shows in its language: which file,
 * which line, what is wrong; the command line's English as it was.
 */
class CorpusFileTest {

  @TempDir
  Path dir;

  @Test
  void linesArePairsOrSingleSentencesAndBlankLinesAreSkipped() throws Exception {
    Path f = Files.writeString(dir.resolve("pairs.txt"), "A cat sat.\tIt purred.\n\nShips sail.\n");
    assertEquals(List.of(new CorpusFile.Line("A cat sat.", "It purred."),
        new CorpusFile.Line("Ships sail.", null)), CorpusFile.read(f));
  }

  @Test
  void refusalsNameTheFileAndTheLineInEitherLanguage() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.txt"), "A cat sat.\n\n\tno sentence A\n");
    BadInputException e = assertThrows(BadInputException.class, () -> CorpusFile.read(f));
    assertEquals("bad.txt line 3: sentence A is empty", e.getMessage());
    assertEquals(e.getMessage(), UserMessages.of(e, Locale.ENGLISH));
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(ja.startsWith("bad.txt の 3 行目") && ja.contains("文 A"), ja);

    Path nope = dir.resolve("nope.txt");
    BadInputException missing = assertThrows(BadInputException.class, () -> CorpusFile.read(nope));
    assertEquals(nope + ": no such file", missing.getMessage());
    assertTrue(missing.message(Locale.JAPANESE).startsWith(nope + "："), missing.message(Locale.JAPANESE));

    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n \n");
    assertEquals(empty + ": no input lines",
        assertThrows(BadInputException.class, () -> CorpusFile.read(empty)).getMessage());
  }

  @Test
  void aModelWithoutAMaskedLmHeadIsRefusedInEitherLanguage() {
    assertTrue(FillMask.NO_MLM_HEAD.startsWith("this model has no masked-LM head (its checkpoint holds no "
        + "cls.predictions weights:") && FillMask.NO_MLM_HEAD.endsWith("such as bert-base-uncased"));
    assertEquals("tiny: " + FillMask.NO_MLM_HEAD + ".", FillMask.unavailableFor("tiny").english());
    String ja = FillMask.unavailableFor("tiny").in(Locale.JAPANESE);
    assertTrue(ja.startsWith("tiny：") && ja.endsWith("。") && ja.contains("マスクされた言語モデリング"), ja);
    assertTrue(BundleChecks.JAPANESE.matcher(new BadInputException(FillMask.noMlmHead())
        .message(Locale.JAPANESE)).find());
  }
}
