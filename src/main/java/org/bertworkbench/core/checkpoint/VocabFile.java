package org.bertworkbench.core.checkpoint;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a WordPiece {@code vocab.txt} (one token a line) and checks it against the config. */
final class VocabFile {

  /** How many non-special tokens {@link #looksUncased} inspects. */
  static final int CASE_SAMPLE = 2000;

  private VocabFile() {
  }

  /** The tokens; refuses a missing file or a line count other than {@code vocabSize}. */
  static List<String> read(Path file, String configName, int vocabSize) throws CheckpointException {
    String name = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(name, "not found in " + file.getParent());
    }
    List<String> tokens;
    try {
      tokens = Files.readAllLines(file);
    } catch (CharacterCodingException ex) {
      throw new CheckpointException(name, "not UTF-8 text", ex);
    } catch (IOException ex) {
      throw new CheckpointException(name, "cannot read: " + ex.getMessage(), ex);
    }
    if (tokens.size() != vocabSize) {
      throw new CheckpointException(name, tokens.size() + " tokens but " + configName + " says vocab_size " + vocabSize);
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
