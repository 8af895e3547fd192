package org.bertworkbench.core.finetune;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bertworkbench.core.job.Message;

/**
 * Tells a dataset file's format from its extension, then its first lines: JSON (SQuAD, or JSON
 * Lines when lines are whole objects), CoNLL (sentences of word-and-tag lines with blank lines
 * between), TSV (a tab in the first line), CSV (a comma).
 */
final class FormatSniffer {

  private static final int SNIFF_LINES = 200;

  private FormatSniffer() {}

  /** The format, or null when neither the extension nor the content tells. */
  static DataFormat sniff(Path file) {
    DataFormat byName = byExtension(file);
    if (byName != null && byName != DataFormat.SQUAD) {
      DataFile.check(file);
      return byName;
    }
    List<String> lines = firstLines(file);
    String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse(null);
    if (first == null) {
      throw DataFile.blankOnly(DataFile.name(file));
    }
    String t = first.strip();
    if (byName == DataFormat.SQUAD || t.startsWith("{") || t.startsWith("[")) {
      return jsonKind(lines);
    }
    if (t.startsWith("-DOCSTART-") || looksLikeConll(lines)) {
      return DataFormat.CONLL;
    }
    if (first.indexOf('\t') >= 0) {
      return DataFormat.TSV;
    }
    return first.indexOf(',') >= 0 ? DataFormat.CSV : null;
  }

  /**
   * The format to read for {@code task}: a format that suits it, or a one-line refusal that says
   * what the task reads.
   */
  static DataFormat forTask(Path file, TaskKind task) {
    DataFormat f = sniff(file);
    String name = DataFile.name(file);
    switch (task) {
      case QA -> {
        if (f != DataFormat.SQUAD) {
          throw new DatasetException(name, Message.of(FormatSniffer.class, "FormatSniffer.qa", describe(f)));
        }
      }
      case TAG -> {
        if (f == DataFormat.SQUAD || f == DataFormat.JSON_LINES) {
          throw new DatasetException(name, Message.of(FormatSniffer.class, "FormatSniffer.tag", describe(f)));
        }
        f = DataFormat.CONLL;
      }
      default -> {
        if (f == DataFormat.CONLL && byExtension(file) == null && firstLineHasTab(file)) {
          f = DataFormat.TSV;
        }
        if (f == null || !f.suits(task)) {
          throw new DatasetException(name, Message.of(FormatSniffer.class, "FormatSniffer.classify", describe(f)));
        }
      }
    }
    return f;
  }

  private static Message describe(DataFormat f) {
    return f == null ? Message.of(FormatSniffer.class, "FormatSniffer.unknown") : f.described();
  }

  static DataFormat byExtension(Path file) {
    String n = DataFile.name(file).toLowerCase(Locale.ROOT);
    String ext = n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : "";
    return switch (ext) {
      case "tsv", "tab" -> DataFormat.TSV;
      case "csv" -> DataFormat.CSV;
      case "jsonl", "ndjson" -> DataFormat.JSON_LINES;
      case "json" -> DataFormat.SQUAD;
      case "conll", "conllu", "conll03", "iob", "iob2", "bio", "bioes", "ner" -> DataFormat.CONLL;
      default -> null;
    };
  }

  private static List<String> firstLines(Path file) {
    List<String> lines = new ArrayList<>();
    try (LineSource source = new LineSource(file)) {
      String line;
      while (lines.size() < SNIFF_LINES && (line = source.next()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static boolean firstLineHasTab(Path file) {
    return firstLines(file).stream().filter(l -> !l.isBlank()).findFirst().map(l -> l.indexOf('\t') >= 0)
        .orElse(false);
  }

  /** JSON Lines when the first two non-blank lines are objects (or one object without "data"). */
  private static DataFormat jsonKind(List<String> lines) {
    List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).limit(2).toList();
    try {
      JsonObject first = JsonLinesReader.object(nonBlank.get(0));
      if (nonBlank.size() == 1) {
        return first.has("data") ? DataFormat.SQUAD : DataFormat.JSON_LINES;
      }
      JsonLinesReader.object(nonBlank.get(1));
      return DataFormat.JSON_LINES;
    } catch (JsonParseException e) {
      return DataFormat.SQUAD;
    }
  }

  /**
   * Sentences of word lines: a blank line between non-blank ones, and nine in ten lines with the
   * same number (2 to 10) of space-free columns.
   */
  private static boolean looksLikeConll(List<String> lines) {
    boolean separated = false;
    boolean seenText = false;
    boolean blankAfterText = false;
    Map<Integer, Integer> counts = new HashMap<>();
    int total = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        blankAfterText |= seenText;
        continue;
      }
      separated |= blankAfterText;
      seenText = true;
      String t = line.strip();
      String[] fields = t.indexOf('\t') >= 0 ? t.split("\t") : t.split("\\s+");
      boolean spaceFree = t.indexOf('\t') < 0 || t.split("\\s+").length == fields.length;
      counts.merge(spaceFree ? fields.length : -1, 1, Integer::sum);
      total++;
    }
    if (!separated) {
      return false;
    }
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      if (e.getKey() >= 2 && e.getKey() <= 10 && e.getValue() >= 0.9 * total) {
        return true;
      }
    }
    return false;
  }
}
