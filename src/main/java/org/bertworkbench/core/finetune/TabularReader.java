package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;

/** Reads classification examples from a TSV or CSV file with a header line. */
final class TabularReader {

  private TabularReader() {}

  static Dataset read(Path file, DataFormat format, TaskKind task, DataColumns columns,
      List<String> knownLabels) {
    TextRows rows = new TextRows(task, columns, knownLabels);
    try (LineSource source = new LineSource(file)) {
      DelimitedRecords records = new DelimitedRecords(source, format);
      List<String> header = header(source, records);
      Map<String, Integer> index = new HashMap<>();
      for (String column : rows.required()) {
        index.put(column, columnIndex(source.name(), format, header, column));
      }
      DelimitedRecords.Record r;
      int count = 0;
      while ((r = records.next()) != null) {
        count++;
        if (r.problem() != null) {
          rows.bad(r.line(), r.problem());
          continue;
        }
        List<String> fields = r.fields();
        rows.add(r.line(), c -> index.get(c) < fields.size() ? fields.get(index.get(c)) : null);
      }
      if (count == 0) {
        throw new DatasetException(source.name(), Message.of(TabularReader.class, "TabularReader.noRows"));
      }
    }
    return rows.finish(file);
  }

  /** The header's column names (stripped). */
  static List<String> header(LineSource source, DelimitedRecords records) {
    DelimitedRecords.Record first = records.next();
    if (first == null) {
      throw DataFile.blankOnly(source.name());
    }
    if (first.problem() != null) {
      throw new DatasetException(source.name(), new BadRow(first.line(), first.problem()).message());
    }
    List<String> names = new ArrayList<>();
    for (String f : first.fields()) {
      names.add(f.strip());
    }
    return names;
  }

  /**
   * Where {@code column} is in the header: the exact name, else the one name equal ignoring case.
   * A missing column is a file-level problem, said with the columns there are.
   */
  static int columnIndex(String name, DataFormat format, List<String> header, String column) {
    int exact = header.indexOf(column);
    if (exact >= 0) {
      return exact;
    }
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(column)) {
        if (found >= 0) {
          found = -2;
          break;
        }
        found = i;
      }
    }
    if (found >= 0) {
      return found;
    }
    throw new DatasetException(name, headerProblem(format, header, column));
  }

  private static Message headerProblem(DataFormat format, List<String> header, String column) {
    String line = String.join(format == DataFormat.TSV ? "\\t" : ",", header);
    if (header.size() == 1 && format == DataFormat.TSV && line.contains(",")) {
      return Message.of(TabularReader.class, "TabularReader.noTab");
    }
    if (header.size() == 1 && format == DataFormat.CSV && line.contains("\t")) {
      return Message.of(TabularReader.class, "TabularReader.noComma");
    }
    if (looksLikeData(header)) {
      return Message.of(TabularReader.class, "TabularReader.noHeader", TextRows.abbreviate(line),
          "sentence" + (format == DataFormat.TSV ? "<TAB>" : ",") + "label");
    }
    return Message.of(TabularReader.class, "TabularReader.noColumn", column, String.join(", ", header));
  }

  /** A header cell is a short name: not empty, not a number, at most four words. */
  static boolean looksLikeData(List<String> header) {
    for (String h : header) {
      if (h.isEmpty() || h.matches("[+-]?[\\d.]+") || h.length() > 40 || h.split("\\s+").length > 4) {
        return true;
      }
    }
    return false;
  }
}
