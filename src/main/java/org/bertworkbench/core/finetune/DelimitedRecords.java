package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.job.Message;

/**
 * The records of a TSV or CSV file. TSV lines are cut at tabs with no quote processing, so GLUE's
 * files (whose texts hold quotes that are not CSV quoting) read as they are. CSV follows RFC 4180:
 * a field in double quotes may hold commas, line breaks and doubled quotes ({@code ""}). Blank lines
 * (empty ones, not those holding spaces or tabs) are skipped.
 */
final class DelimitedRecords {

  /**
   * One record.
   *
   * @param line the 1-based line it starts on
   * @param fields its fields
   * @param problem why it cannot be used (an unclosed quote), or null
   */
  record Record(int line, List<String> fields, Message problem) {}

  private final LineSource source;
  private final boolean csv;

  DelimitedRecords(LineSource source, DataFormat format) {
    this.source = source;
    this.csv = format == DataFormat.CSV;
  }

  /** The next record, or null at the end of the file. */
  Record next() {
    String line;
    do {
      line = source.next();
      if (line == null) {
        return null;
      }
    } while (line.isEmpty());
    int start = source.lineNumber();
    return csv ? csvRecord(start, line) : new Record(start, Arrays.asList(line.split("\t", -1)), null);
  }

  private Record csvRecord(int start, String first) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldStarted = false;
    String line = first;
    while (true) {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (inQuotes) {
          if (c != '"') {
            field.append(c);
          } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          fieldStarted = false;
        } else if (c == '"' && !fieldStarted) {
          inQuotes = true;
          fieldStarted = true;
        } else {
          field.append(c);
          fieldStarted = true;
        }
      }
      if (!inQuotes) {
        fields.add(field.toString());
        return new Record(start, fields, null);
      }
      line = source.next();
      if (line == null) {
        return new Record(start, fields, Message.of(DelimitedRecords.class, "DelimitedRecords.unclosedQuote"));
      }
      field.append('\n');
    }
  }
}
