package org.bertworkbench.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabTest {

  @TempDir
  Path dir;

  private Path write(String content) throws Exception {
    Path file = dir.resolve("vocab.txt");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private String failure(String content) throws Exception {
    Path file = write(content);
    String message = assertThrows(VocabException.class, () -> Vocab.load(file)).getMessage();
    assertFalse(message.contains("\n"), "one line: " + message);
    assertTrue(message.startsWith(file + ": "), message);
    return message.substring(file.toString().length() + 2);
  }

  @Test
  void idIsLineNumber() throws Exception {
    Vocab vocab = Vocab.load(write("[PAD]\n[UNK]\r\n[CLS]\n[SEP]\n[MASK]\nthe\n##s\n"));
    assertEquals(7, vocab.size());
    assertEquals(0, vocab.padId());
    assertEquals(1, vocab.unkId());
    assertEquals(2, vocab.clsId());
    assertEquals(3, vocab.sepId());
    assertEquals(4, vocab.maskId());
    assertEquals(5, vocab.id("the"));
    assertEquals("##s", vocab.token(6));
    assertEquals(-1, vocab.id("a"));
    assertFalse(vocab.contains("a"));
  }

  @Test
  void lastLineNeedsNoLineEnd() throws Exception {
    assertEquals(6, Vocab.load(write("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\né")).id("é") + 1);
  }

  @Test
  void ofList() {
    Vocab vocab = Vocab.of(List.of("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]", "x"));
    assertEquals(List.of("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]", "x"), vocab.tokens());
    assertEquals(3, vocab.padId());
  }

  @Test
  void refusesEmptyFile() throws Exception {
    assertEquals("is empty", failure(""));
  }

  @Test
  void refusesMissingSpecialToken() throws Exception {
    assertEquals("has no [MASK] token", failure("[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\n"));
    assertEquals("has no [UNK] token", failure("[PAD]\n[CLS]\n[SEP]\n[MASK]\n"));
  }

  @Test
  void refusesDuplicate() throws Exception {
    assertEquals("line 7 duplicates token 'the' (first on line 6)",
        failure("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nthe\n"));
  }

  @Test
  void refusesEmptyLine() throws Exception {
    assertEquals("line 3 is empty", failure("[PAD]\n[UNK]\n\n[CLS]\n[SEP]\n[MASK]\n"));
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] latin1 = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\ncaf\u00E9\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    VocabException e = assertThrows(VocabException.class,
        () -> Vocab.read(new ByteArrayInputStream(latin1), "latin1.txt"));
    assertEquals("latin1.txt: is not valid UTF-8", e.getMessage());
  }

  @Test
  void refusesMissingFile() {
    Path missing = dir.resolve("missing.txt");
    VocabException e = assertThrows(VocabException.class, () -> Vocab.load(missing));
    assertTrue(e.getMessage().startsWith(missing + ": cannot be read"), e.getMessage());
  }

  @Test
  void refusesBadList() {
    VocabException e = assertThrows(VocabException.class,
        () -> Vocab.of(List.of("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]", "[PAD]")));
    assertEquals("vocabulary: line 6 duplicates token '[PAD]' (first on line 4)", e.getMessage());
  }
}
