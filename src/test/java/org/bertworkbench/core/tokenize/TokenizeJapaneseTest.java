package org.bertworkbench.core.tokenize;

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
import org.bertworkbench.core.job.UserMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vocabulary or an input the tokenizer cannot use is refused in Japanese too; English is as before. */
class TokenizeJapaneseTest {

  @TempDir
  Path dir;

  private static void assertJapanese(String ja, String... kept) {
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find(), ja);
    for (String k : kept) {
      assertTrue(ja.contains(k), ja + " should keep " + k);
    }
  }

  @Test
  void aDuplicatedTokenIsRefusedInJapaneseNamingTheFileTheLinesAndTheToken() throws Exception {
    Path file = dir.resolve("vocab.txt");
    Files.writeString(file, "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nthe\n", StandardCharsets.UTF_8);
    VocabException e = assertThrows(VocabException.class, () -> Vocab.load(file));
    assertEquals(file + ": line 7 duplicates token 'the' (first on line 6)", e.getMessage());
    assertEquals(e.getMessage(), e.message(Locale.ENGLISH));
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertJapanese(ja, file + ": ", "7", "the", "6");
    assertEquals("line 7 duplicates token 'the' (first on line 6)", e.problem().english());
  }

  @Test
  void aVocabularyWithoutASpecialTokenIsRefusedInJapanese() {
    VocabException e = assertThrows(VocabException.class,
        () -> Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "x")));
    assertEquals("vocabulary: has no [MASK] token", e.getMessage());
    assertJapanese(e.message(Locale.JAPANESE), "[MASK]");
  }

  @Test
  void aMaximumLengthWithoutRoomForTheSpecialTokensIsRefusedInJapanese() {
    BertTokenizer t = new BertTokenizer(Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "x")), true);
    BadInputException e = assertThrows(BadInputException.class, () -> t.encode("x", "x", 2, false));
    assertEquals("maxLength 2 leaves no room for 3 special tokens", e.getMessage());
    assertJapanese(UserMessages.of(e, Locale.JAPANESE), "maxLength 2", "3");
  }
}
