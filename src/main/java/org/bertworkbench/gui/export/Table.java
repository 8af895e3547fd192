package org.bertworkbench.gui.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The numbers behind a view, as rows under a header, for CSV (and plain JSON) export. */
public record Table(List<String> header, List<List<Object>> rows) {

  /** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
  public void writeCsv(Writer out) throws IOException {
    writeRow(out, header);
    for (List<Object> row : rows) {
      writeRow(out, row);
    }
    out.flush();
  }

  public void writeCsv(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeCsv(w);
    }
  }

  /** {@code {"columns": [...], "rows": [[...], ...]}}, numbers as numbers: the JSON of a view with no richer shape. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.add("columns", JsonData.strings(header));
    JsonArray out = new JsonArray(rows.size());
    for (List<Object> row : rows) {
      JsonArray r = new JsonArray(row.size());
      row.forEach(cell -> r.add(JsonData.cell(cell)));
      out.add(r);
    }
    o.add("rows", out);
    return o;
  }

  private static void writeRow(Writer out, List<?> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(escape(String.valueOf(cells.get(i))));
    }
    out.write("\r\n");
  }

  static String escape(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
