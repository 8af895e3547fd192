package org.bertworkbench.core.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * A file of sentences to embed: UTF-8, one sentence per line, the whole line (a TAB in it is
 * whitespace like any other); blank lines are skipped, and each sentence keeps its line number (from
 * 1) so that results can be matched to the file. A byte-order mark at the start is dropped. At most
 * {@value #MAX_BYTES} bytes and {@value #MAX_SENTENCES} sentences are read.
 */
public final class SentenceFile {

  /** The largest file read: 256 MiB. */
  public static final long MAX_BYTES = 256L << 20;

  /** The most sentences in one file. */
  public static final int MAX_SENTENCES = 1_000_000;

  /** One sentence and the line it is on (from 1). */
  public record Line(int number, String text) {}

  private SentenceFile() {}

  /**
   * @throws BadInputException with a one-line message for a missing, unreadable or oversized file,
   *     text that is not UTF-8 (naming the line), too many sentences or none
   */
  public static List<Line> read(Path file) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new BadInputException(Message.of(SentenceFile.class, "SentenceFile.tooLarge", file, size, MAX_BYTES));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(Message.of(SentenceFile.class, "CorpusFile.noSuchFile", file));
    } catch (IOException e) {
      throw new BadInputException(
          Message.of(SentenceFile.class, "CorpusFile.cannotRead", file, Message.verbatim(e.getMessage())), e);
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<Line> out = new ArrayList<>();
    int number = 0;
    for (int start = 0; start < bytes.length;) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      number++;
      String line;
      try {
        line = utf8.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
      } catch (CharacterCodingException e) {
        throw new BadInputException(Message.of(SentenceFile.class, "SentenceFile.notUtf8", file, number));
      }
      start = end + 1;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        continue;
      }
      if (out.size() == MAX_SENTENCES) {
        throw new BadInputException(Message.of(SentenceFile.class, "SentenceFile.tooMany", file, MAX_SENTENCES));
      }
      out.add(new Line(number, line));
    }
    if (out.isEmpty()) {
      throw new BadInputException(Message.of(SentenceFile.class, "CorpusFile.noInput", file));
    }
    return out;
  }
}
