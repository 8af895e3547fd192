package org.bertworkbench.core.finetune;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bertworkbench.core.job.Message;

/** Reads classification examples from JSON Lines: one object a line, its keys the columns. */
final class JsonLinesReader {

  private JsonLinesReader() {}

  static Dataset read(Path file, TaskKind task, DataColumns columns, List<String> knownLabels) {
    TextRows rows = new TextRows(task, columns, knownLabels);
    Set<String> keys = new LinkedHashSet<>();
    int objects = 0;
    try (LineSource source = new LineSource(file)) {
      String line;
      while ((line = source.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject obj;
        try {
          obj = object(line);
        } catch (JsonParseException e) {
          rows.bad(source.lineNumber(), e instanceof BadLine b ? b.problem : Message.verbatim(e.getMessage()));
          continue;
        }
        objects++;
        keys.addAll(obj.keySet());
        rows.add(source.lineNumber(), key -> value(obj.get(key)));
      }
    }
    if (objects == 0) {
      throw new DatasetException(DataFile.name(file), Message.of(JsonLinesReader.class, "JsonLinesReader.noObject",
          "{\"sentence\": \"...\", \"label\": \"...\"}"));
    }
    for (String column : rows.required()) {
      if (!keys.contains(column)) {
        throw new DatasetException(DataFile.name(file), Message.of(JsonLinesReader.class, "JsonLinesReader.noKey",
            column, String.join(", ", keys)));
      }
    }
    return rows.finish(file);
  }

  /** A line's object; {@link JsonParseException} with a short reason otherwise. */
  static JsonObject object(String line) {
    JsonElement e;
    try {
      e = JsonParser.parseString(line);
    } catch (JsonParseException ex) {
      throw new BadLine(Message.of(JsonLinesReader.class, "JsonLinesReader.invalid", shortReason(ex)));
    }
    if (!e.isJsonObject()) {
      throw new BadLine(Message.of(JsonLinesReader.class, "JsonLinesReader.notObject"));
    }
    return e.getAsJsonObject();
  }

  /** A line that is not a JSON object, and why, in words of either language. */
  static final class BadLine extends JsonParseException {
    private static final long serialVersionUID = 1L;

    private final transient Message problem;

    BadLine(Message problem) {
      super(problem.english());
      this.problem = problem;
    }
  }

  /** A value as text: strings and numbers as written, null for JSON null or no key. */
  static String value(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    return e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  private static String shortReason(JsonParseException ex) {
    Throwable t = ex.getCause() != null ? ex.getCause() : ex;
    String m = String.valueOf(t.getMessage());
    int see = m.indexOf("\nSee ");
    return (see > 0 ? m.substring(0, see) : m).replaceAll("\\s+", " ").strip();
  }
}
