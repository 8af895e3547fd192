package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bertworkbench.core.job.Message;

/**
 * Turns rows of named values (a TSV/CSV record under its header, a JSON Lines object) into
 * classification examples, collecting the rows that cannot be used and why.
 */
final class TextRows {

  /** A row's values by column name; null when the row has no such column. */
  interface Row {
    String get(String column);
  }

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final TaskKind task;
  private final DataColumns columns;
  private final LabelSet labels;
  private final List<Example> examples = new ArrayList<>();
  private final List<BadRow> badRows = new ArrayList<>();

  TextRows(TaskKind task, DataColumns columns, List<String> knownLabels) {
    if (!task.isClassification()) {
      throw new IllegalArgumentException(task + " is not read from rows of columns");
    }
    if (columns.textA() == null || task == TaskKind.PAIR && columns.textB() == null) {
      throw new IllegalArgumentException(task == TaskKind.PAIR
          ? "sentence-pair classification needs two text columns" : "no text column given");
    }
    this.task = task;
    this.columns = columns;
    this.labels = new LabelSet(knownLabels);
  }

  /** The columns a row must have, in the order of {@link DataColumns}. */
  List<String> required() {
    Set<String> req = new LinkedHashSet<>();
    req.add(columns.textA());
    if (task == TaskKind.PAIR) {
      req.add(columns.textB());
    }
    if (columns.label() != null) {
      req.add(columns.label());
    }
    req.addAll(columns.features());
    return List.copyOf(req);
  }

  /** Reads one row: an example, or a bad row naming every problem found in it. */
  void add(int line, Row row) {
    List<Message> problems = new ArrayList<>();
    String a = text(row, columns.textA(), problems);
    String b = task == TaskKind.PAIR ? text(row, columns.textB(), problems) : null;
    String label = columns.label() == null ? null : label(row, problems);
    double[] features = new double[columns.features().size()];
    for (int i = 0; i < features.length; i++) {
      features[i] = number(row, columns.features().get(i), problems);
    }
    if (problems.isEmpty()) {
      examples.add(new TextExample(line, a, b, label, features));
    } else {
      bad(line, Sentences.joined(problems));
    }
  }

  /** Records a row that could not even be split into values. */
  void bad(int line, Message problem) {
    badRows.add(new BadRow(line, problem));
  }

  Dataset finish(Path source) {
    return new Dataset(task, source, examples, labels.classes(), badRows);
  }

  private static String text(Row row, String column, List<Message> problems) {
    String v = row.get(column);
    if (v == null) {
      problems.add(missing(column));
    } else if (v.isBlank()) {
      problems.add(Message.of(TextRows.class, "TextRows.emptyText", column));
    }
    return v == null ? null : v.strip();
  }

  private String label(Row row, List<Message> problems) {
    String v = row.get(columns.label());
    if (v == null) {
      problems.add(missing(columns.label()));
      return null;
    }
    String label = v.strip();
    if (label.isEmpty()) {
      problems.add(Message.of(TextRows.class, "TextRows.emptyLabel", columns.label()));
    } else if (!labels.accepts(label)) {
      problems.add(labels.unknownLabel(label));
    }
    return label;
  }

  private static double number(Row row, String column, List<Message> problems) {
    String v = row.get(column);
    if (v == null) {
      problems.add(missing(column));
      return Double.NaN;
    }
    String s = v.strip();
    if (s.isEmpty()) {
      problems.add(Message.of(TextRows.class, "TextRows.emptyFeature", column));
    } else if (!NUMBER.matcher(s).matches()) {
      problems.add(Message.of(TextRows.class, "TextRows.notANumber", column, abbreviate(s)));
    } else {
      double d = Double.parseDouble(s);
      if (Double.isFinite(d)) {
        return d;
      }
      problems.add(Message.of(TextRows.class, "TextRows.tooLarge", column, abbreviate(s)));
    }
    return Double.NaN;
  }

  static Message missing(String column) {
    return Message.of(TextRows.class, "TextRows.missing", column);
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
