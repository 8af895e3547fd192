package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.job.Message;

/** Reads a WordPiece {@code vocab.txt} (one token a line) and checks it against the config. */
final class VocabFile {

  /** How many non-special tokens {@link #looksUncased} inspects. */
  static final int CASE_SAMPLE = 2000;

  private VocabFile() {
  }

  /**
   * The tokens; refuses a missing file or a line count other than {@code vocabSize}, which {@code
   * configName} (a file's name, or what the sizes were read from) declares.
   */
  static List<String> read(Path file, Message configName, int vocabSize) throws CheckpointException {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(name, Message.of(VocabFile.class, "notFoundIn", file.getParent()));
    }
    List<String> tokens;
    try {
      tokens = Files.readAllLines(file);
    } catch (CharacterCodingException ex) {
      throw new CheckpointException(name, Message.of(VocabFile.class, "notUtf8"), ex);
    } catch (IOException ex) {
      throw new CheckpointException(name, Message.of(VocabFile.class, "cannotRead", ex.getMessage()), ex);
    }
    if (tokens.size() != vocabSize) {
      throw new CheckpointException(name, Message.of(VocabFile.class, "vocabCount", tokens.size(), configName,
          vocabSize));
    }
    return tokens;
  }

  /**
   * Guesses whether a vocabulary is uncased: true if none of its first {@value #CASE_SAMPLE}
   * non-special tokens (special = {@code [...]}, like {@code [PAD]} or {@code [unused7]}) has an
   * uppercase letter. Google's cased vocabularies have A-Z among their first few hundred tokens.
   */
  static boolean looksUncased(List<String> tokens) {
    int seen = 0;
    for (String t : tokens) {
      if (t.startsWith("[") && t.endsWith("]")) {
        continue;
      }
      if (t.codePoints().anyMatch(Character::isUpperCase)) {
        return false;
      }
      if (++seen >= CASE_SAMPLE) {
        break;
      }
    }
    return true;
  }
}
