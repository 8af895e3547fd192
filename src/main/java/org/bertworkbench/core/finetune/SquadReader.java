package org.bertworkbench.core.finetune;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SQuAD v1.1 JSON: {@code {"data": [{"paragraphs": [{"context": ..., "qas": [{"id",
 * "question", "answers": [{"text", "answer_start"}]}]}]}]}}. Questions are numbered from 1 in file
 * order; that number is the example's and the bad row's "line". Each answer must be the text of
 * its context at {@code answer_start} (SQuAD counts code points; the example stores Java string
 * offsets).
 */
final class SquadReader {

  /** Largest file parsed into memory. */
  static final long MAX_BYTES = 1L << 30;

  private static final String SHAPE = "a SQuAD file is {\"data\": [{\"paragraphs\": [{\"context\": ..., "
      + "\"qas\": [{\"id\", \"question\", \"answers\": [{\"text\", \"answer_start\"}]}]}]}]}";

  private SquadReader() {}

  static Dataset read(Path file) {
    String name = DataFile.name(file);
    if (DataFile.check(file) > MAX_BYTES) {
      throw new DatasetException(name, "is larger than 1 GiB; split it into smaller SQuAD files");
    }
    JsonArray data = data(file, parse(file));
    List<Example> examples = new ArrayList<>();
    List<BadRow> badRows = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    int index = 0;
    for (JsonElement article : data) {
      for (JsonElement p : array(article, "paragraphs")) {
        String context = p.isJsonObject() ? string(p.getAsJsonObject(), "context") : null;
        for (JsonElement q : array(p, "qas")) {
          index++;
          String problem;
          try {
            QaExample ex = question(index, context, q);
            Integer first = ids.putIfAbsent(ex.id(), index);
            problem = first == null ? null : "duplicate id '" + ex.id() + "' (first at question " + first + ")";
            if (problem == null) {
              examples.add(ex);
            }
          } catch (IllegalArgumentException e) {
            problem = e.getMessage();
          }
          if (problem != null) {
            badRows.add(new BadRow(index, problem));
          }
        }
      }
    }
    if (index == 0) {
      throw new DatasetException(name, "has no questions; " + SHAPE);
    }
    return new Dataset(TaskKind.QA, file, examples, List.of(), badRows);
  }

  private static JsonElement parse(Path file) {
    try (BufferedReader r = DataFile.open(file)) {
      return JsonParser.parseReader(r);
    } catch (JsonIOException e) {
      if (e.getCause() instanceof IOException io) {
        throw DataFile.readError(file, 0, io);
      }
      throw new DatasetException(DataFile.name(file), "cannot be read: " + e.getMessage());
    } catch (JsonParseException e) {
      String why = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      int see = why.indexOf("\nSee ");
      throw new DatasetException(DataFile.name(file), "is not valid JSON ("
          + (see > 0 ? why.substring(0, see) : why).strip() + ")");
    } catch (IOException e) {
      throw DataFile.readError(file, 0, e);
    }
  }

  private static JsonArray data(Path file, JsonElement root) {
    JsonElement data = root.isJsonObject() ? root.getAsJsonObject().get("data") : null;
    if (data == null || !data.isJsonArray()) {
      throw new DatasetException(DataFile.name(file), "is not SQuAD v1.1 JSON: no top-level \"data\" "
          + "list; " + SHAPE);
    }
    return data.getAsJsonArray();
  }

  private static QaExample question(int index, String context, JsonElement q) {
    if (!q.isJsonObject()) {
      throw new IllegalArgumentException("a question is not a JSON object");
    }
    JsonObject o = q.getAsJsonObject();
    String id = string(o, "id");
    String label = id == null ? "question" : "question '" + TextRows.abbreviate(id) + "'";
    String question = string(o, "question");
    if (context == null || context.isBlank()) {
      throw new IllegalArgumentException(label + ": its paragraph has " + (context == null ? "no" : "an empty")
          + " \"context\"");
    }
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException(label + ": " + (question == null ? "no \"question\"" : "empty question"));
    }
    if (o.has("is_impossible") && o.get("is_impossible").isJsonPrimitive()
        && o.get("is_impossible").getAsBoolean()) {
      throw new IllegalArgumentException(label + ": unanswerable (a SQuAD 2.0 question); only answerable "
          + "questions can be trained on");
    }
    List<QaAnswer> answers = new ArrayList<>();
    for (JsonElement a : array(o, "answers")) {
      answers.add(answer(label, context, a));
    }
    if (answers.isEmpty()) {
      throw new IllegalArgumentException(label + ": no answers");
    }
    return new QaExample(index, id == null ? "q" + index : id, question.strip(), context, answers);
  }

  private static QaAnswer answer(String label, String context, JsonElement a) {
    if (!a.isJsonObject()) {
      throw new IllegalArgumentException(label + ": an answer is not a JSON object");
    }
    JsonObject o = a.getAsJsonObject();
    String text = string(o, "text");
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(label + ": " + (text == null ? "an answer has no \"text\"" : "empty answer"));
    }
    JsonElement s = o.get("answer_start");
    if (s == null || !s.isJsonPrimitive() || !s.getAsString().matches("\\d{1,9}")) {
      throw new IllegalArgumentException(label + ": answer '" + TextRows.abbreviate(text) + "' has "
          + (s == null ? "no answer_start" : "answer_start " + s + ", not a character offset"));
    }
    int points = Integer.parseInt(s.getAsString());
    int length = context.codePointCount(0, context.length());
    if (points >= length) {
      throw new IllegalArgumentException(label + ": answer_start " + points + " is past the end of its "
          + "context (" + length + " characters)");
    }
    int start = context.offsetByCodePoints(0, points);
    if (!context.startsWith(text, start)) {
      String there = context.substring(start, Math.min(context.length(), start + text.length()));
      int elsewhere = context.indexOf(text);
      throw new IllegalArgumentException(label + ": answer '" + TextRows.abbreviate(text)
          + "' not found in its context at answer_start " + points + " (there it reads '"
          + TextRows.abbreviate(there) + "')" + (elsewhere < 0 ? "" : "; it occurs at "
          + context.codePointCount(0, elsewhere)));
    }
    return new QaAnswer(text, start);
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
  }

  private static JsonArray array(JsonElement parent, String key) {
    if (parent.isJsonObject() && parent.getAsJsonObject().get(key) instanceof JsonArray a) {
      return a;
    }
    return new JsonArray();
  }
}
