package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL-style tagging files: one word a line with its tag in the last column (columns
 * between, as CoNLL-2003's part-of-speech and chunk tags, are ignored), a blank line between
 * sentences, {@code -DOCSTART-} lines skipped. Columns are tab-separated when a line has a tab
 * (then a word may not hold spaces), else separated by spaces. A sentence with a bad line is
 * reported at that line and left out whole.
 */
final class ConllReader {

  private ConllReader() {}

  static Dataset read(Path file, List<String> knownTags) {
    LabelSet tagSet = new LabelSet(knownTags);
    List<Example> examples = new ArrayList<>();
    List<BadRow> badRows = new ArrayList<>();
    Sentence s = new Sentence();
    try (LineSource source = new LineSource(file)) {
      String line;
      while ((line = source.next()) != null) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("-DOCSTART-")) {
          s.flush(examples, badRows);
          continue;
        }
        s.add(source.lineNumber(), t, tagSet);
      }
    }
    s.flush(examples, badRows);
    if (examples.isEmpty() && badRows.isEmpty()) {
      throw new DatasetException(DataFile.name(file), "has no sentences; a CoNLL file has a word and "
          + "its tag on each line and a blank line between sentences");
    }
    return new Dataset(TaskKind.TAG, file, examples, tagSet.tags(), badRows);
  }

  /** The sentence being read. */
  private static final class Sentence {
    private int start;
    private final List<String> words = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private BadRow problem;

    void add(int line, String text, LabelSet tagSet) {
      if (words.isEmpty()) {
        start = line;
      }
      String[] fields = text.indexOf('\t') >= 0 ? text.split("\\s*\t\\s*") : text.split("\\s+");
      String word = fields[0];
      String tag = fields[fields.length - 1];
      String why = null;
      if (fields.length < 2) {
        why = "only one column ('" + TextRows.abbreviate(text) + "'): a line needs the word and its tag, "
            + "the tag in the last column";
      } else if (word.isEmpty() || tag.isEmpty()) {
        why = word.isEmpty() ? "empty word" : "empty tag";
      } else if (word.chars().anyMatch(Character::isWhitespace)) {
        why = "'" + TextRows.abbreviate(word) + "' holds spaces: a CoNLL line holds one word (is this a "
            + "TSV of sentences?)";
      } else if (tag.matches("[BIES]-")) {
        why = "tag '" + tag + "' has no entity type";
      } else if (!tagSet.accepts(tag)) {
        why = tagSet.unknown("tag", tag);
      }
      if (why != null && problem == null) {
        problem = new BadRow(line, why + "; its sentence (from line " + start + ") is left out");
      }
      words.add(word);
      tags.add(tag);
    }

    void flush(List<Example> examples, List<BadRow> badRows) {
      if (problem != null) {
        badRows.add(problem);
      } else if (!words.isEmpty()) {
        examples.add(new TagExample(start, words, tags));
      }
      words.clear();
      tags.clear();
      problem = null;
    }
  }
}
