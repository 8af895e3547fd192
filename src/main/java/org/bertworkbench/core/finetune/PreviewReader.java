package org.bertworkbench.core.finetune;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the first rows of a file for {@link Preview}, without reading the whole file (SQuAD aside). */
final class PreviewReader {

  private PreviewReader() {}

  static Preview read(Path file, int maxRows) {
    DataFormat format = FormatSniffer.sniff(file);
    if (format == null) {
      throw Datasets.unknownFormat(file);
    }
    return switch (format) {
      case TSV, CSV -> delimited(file, format, maxRows);
      case JSON_LINES -> jsonLines(file, maxRows);
      case SQUAD -> squad(file, maxRows);
      case CONLL -> conll(file, maxRows);
    };
  }

  private static Preview delimited(Path file, DataFormat format, int maxRows) {
    try (LineSource source = new LineSource(file)) {
      DelimitedRecords records = new DelimitedRecords(source, format);
      List<String> header = TabularReader.header(source, records);
      List<List<String>> rows = new ArrayList<>();
      DelimitedRecords.Record r;
      while (rows.size() < maxRows && (r = records.next()) != null) {
        rows.add(r.fields());
      }
      return new Preview(format, header, rows);
    }
  }

  private static Preview jsonLines(Path file, int maxRows) {
    List<JsonObject> objects = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    try (LineSource source = new LineSource(file)) {
      String line;
      while (objects.size() < maxRows && (line = source.next()) != null) {
        try {
          if (!line.isBlank()) {
            JsonObject o = JsonLinesReader.object(line);
            objects.add(o);
            keys.addAll(o.keySet());
          }
        } catch (JsonParseException e) {
          // a bad line is shown by the full read's report, not in the preview
        }
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonObject o : objects) {
      List<String> row = new ArrayList<>();
      for (String k : keys) {
        String v = JsonLinesReader.value(o.get(k));
        row.add(v == null ? "" : v);
      }
      rows.add(row);
    }
    return new Preview(DataFormat.JSON_LINES, List.copyOf(keys), rows);
  }

  private static Preview squad(Path file, int maxRows) {
    Dataset d = SquadReader.read(file);
    List<List<String>> rows = new ArrayList<>();
    for (Example e : d.examples()) {
      if (rows.size() == maxRows) {
        break;
      }
      QaExample q = (QaExample) e;
      QaAnswer a = q.answers().get(0);
      rows.add(List.of(q.id(), q.question(), a.text(), Integer.toString(a.start()), q.context()));
    }
    return new Preview(DataFormat.SQUAD, List.of("id", "question", "answer", "answer_start", "context"), rows);
  }

  private static Preview conll(Path file, int maxRows) {
    List<List<String>> rows = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    try (LineSource source = new LineSource(file)) {
      String line;
      while (rows.size() < maxRows && (line = source.next()) != null) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("-DOCSTART-")) {
          addSentence(rows, words, tags);
          continue;
        }
        String[] f = t.indexOf('\t') >= 0 ? t.split("\\s*\t\\s*") : t.split("\\s+");
        words.add(f[0]);
        tags.add(f.length > 1 ? f[f.length - 1] : "?");
      }
    }
    if (rows.size() < maxRows) {
      addSentence(rows, words, tags);
    }
    return new Preview(DataFormat.CONLL, List.of("words", "tags"), rows);
  }

  private static void addSentence(List<List<String>> rows, List<String> words, List<String> tags) {
    if (!words.isEmpty()) {
      rows.add(List.of(String.join(" ", words), String.join(" ", tags)));
      words.clear();
      tags.clear();
    }
  }
}
