package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.Message;

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
      throw new DatasetException(DataFile.name(file), Message.of(ConllReader.class, "ConllReader.noSentences"));
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
      Message why = null;
      if (fields.length < 2) {
        why = Message.of(ConllReader.class, "ConllReader.oneColumn", TextRows.abbreviate(text));
      } else if (word.isEmpty() || tag.isEmpty()) {
        why = word.isEmpty() ? Message.of(ConllReader.class, "ConllReader.emptyWord")
            : Message.of(ConllReader.class, "ConllReader.emptyTag");
      } else if (word.chars().anyMatch(Character::isWhitespace)) {
        why = Message.of(ConllReader.class, "ConllReader.spaces", TextRows.abbreviate(word));
      } else if (tag.matches("[BIES]-")) {
        why = Message.of(ConllReader.class, "ConllReader.noType", tag);
      } else if (!tagSet.accepts(tag)) {
        why = tagSet.unknownTag(tag);
      }
      if (why != null && problem == null) {
        problem = new BadRow(line, Message.of(ConllReader.class, "ConllReader.leftOut", why, start));
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
