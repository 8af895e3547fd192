package org.bertworkbench.core.analysis;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.tokenize.Encoding;

/**
 * A corpus file for the analyses: UTF-8, one input per line, a TAB separating sentence A from an
 * optional sentence B; blank lines are skipped. The same format as the command line's
 * {@code --input}.
 */
public final class CorpusFile {

  /** One line: sentence A and sentence B (null for a single sentence). */
  public record Line(String a, String b) {}

  private CorpusFile() {}

  /**
   * @throws BadInputException with a one-line message for a missing or unreadable file, text
   *     that is not UTF-8, an empty sentence or a file without inputs
   */
  public static List<Line> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(Message.of(CorpusFile.class, "CorpusFile.noSuchFile", file));
    } catch (CharacterCodingException e) {
      throw new BadInputException(Message.of(CorpusFile.class, "CorpusFile.notUtf8", file));
    } catch (IOException e) {
      throw new BadInputException(
          Message.of(CorpusFile.class, "CorpusFile.cannotRead", file, Message.verbatim(e.getMessage())), e);
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      String a = tab < 0 ? line : line.substring(0, tab);
      String b = tab < 0 ? null : line.substring(tab + 1);
      if (a.isBlank()) {
        throw new BadInputException(Message.of(CorpusFile.class, "CorpusFile.emptyA", file.getFileName(), i + 1));
      }
      if (b != null && b.isBlank()) {
        throw new BadInputException(Message.of(CorpusFile.class, "CorpusFile.emptyB", file.getFileName(), i + 1));
      }
      out.add(new Line(a, b));
    }
    if (out.isEmpty()) {
      throw new BadInputException(Message.of(CorpusFile.class, "CorpusFile.noInput", file));
    }
    return out;
  }

  /** Every line encoded for a model, at most {@code maxLength} pieces each. */
  public static List<Encoding> encode(LoadedBert model, List<Line> lines, int maxLength) {
    return lines.stream().map(l -> model.encode(l.a(), l.b(), maxLength)).toList();
  }
}
