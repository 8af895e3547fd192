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
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

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

  private static final Message SHAPE = Message.of(SquadReader.class, "SquadReader.shape",
      "{\"data\": [{\"paragraphs\": [{\"context\": ..., \"qas\": [{\"id\", \"question\", \"answers\": "
      + "[{\"text\", \"answer_start\"}]}]}]}]}");

  private SquadReader() {}

  static Dataset read(Path file) {
    String name = DataFile.name(file);
    if (DataFile.check(file) > MAX_BYTES) {
      throw new DatasetException(name, Message.of(SquadReader.class, "SquadReader.tooLarge"));
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
          Message problem;
          try {
            QaExample ex = question(index, context, q);
            Integer first = ids.putIfAbsent(ex.id(), index);
            problem = first == null ? null : Message.of(SquadReader.class, "SquadReader.duplicate", ex.id(), first);
            if (problem == null) {
              examples.add(ex);
            }
          } catch (IllegalArgumentException e) {
            problem = Sentences.problemOf(e);
          }
          if (problem != null) {
            badRows.add(new BadRow(index, problem));
          }
        }
      }
    }
    if (index == 0) {
      throw new DatasetException(name, Message.of(SquadReader.class, "SquadReader.noQuestions", SHAPE));
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
      throw new DatasetException(DataFile.name(file), DataFile.unreadable(e.getMessage()));
    } catch (JsonParseException e) {
      String why = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      int see = why.indexOf("\nSee ");
      throw new DatasetException(DataFile.name(file), Message.of(SquadReader.class, "SquadReader.invalidJson",
          (see > 0 ? why.substring(0, see) : why).strip()));
    } catch (IOException e) {
      throw DataFile.readError(file, 0, e);
    }
  }

  private static JsonArray data(Path file, JsonElement root) {
    JsonElement data = root.isJsonObject() ? root.getAsJsonObject().get("data") : null;
    if (data == null || !data.isJsonArray()) {
      throw new DatasetException(DataFile.name(file), Message.of(SquadReader.class, "SquadReader.noData", SHAPE));
    }
    return data.getAsJsonArray();
  }

  /** The question, or a {@link BadInputException} saying why it cannot be used. */
  private static QaExample question(int index, String context, JsonElement q) {
    if (!q.isJsonObject()) {
      throw bad(Message.of(SquadReader.class, "SquadReader.notObject"));
    }
    JsonObject o = q.getAsJsonObject();
    String id = string(o, "id");
    Message label = id == null ? Message.of(SquadReader.class, "SquadReader.question")
        : Message.of(SquadReader.class, "SquadReader.questionId", TextRows.abbreviate(id));
    String question = string(o, "question");
    if (context == null || context.isBlank()) {
      throw bad(context == null ? Message.of(SquadReader.class, "SquadReader.noContext", label)
          : Message.of(SquadReader.class, "SquadReader.emptyContext", label));
    }
    if (question == null || question.isBlank()) {
      throw bad(question == null ? Message.of(SquadReader.class, "SquadReader.noQuestion", label)
          : Message.of(SquadReader.class, "SquadReader.emptyQuestion", label));
    }
    if (o.has("is_impossible") && o.get("is_impossible").isJsonPrimitive()
        && o.get("is_impossible").getAsBoolean()) {
      throw bad(Message.of(SquadReader.class, "SquadReader.unanswerable", label));
    }
    List<QaAnswer> answers = new ArrayList<>();
    for (JsonElement a : array(o, "answers")) {
      answers.add(answer(label, context, a));
    }
    if (answers.isEmpty()) {
      throw bad(Message.of(SquadReader.class, "SquadReader.noAnswers", label));
    }
    return new QaExample(index, id == null ? "q" + index : id, question.strip(), context, answers);
  }

  private static QaAnswer answer(Message label, String context, JsonElement a) {
    if (!a.isJsonObject()) {
      throw bad(Message.of(SquadReader.class, "SquadReader.answerNotObject", label));
    }
    JsonObject o = a.getAsJsonObject();
    String text = string(o, "text");
    if (text == null || text.isEmpty()) {
      throw bad(text == null ? Message.of(SquadReader.class, "SquadReader.noText", label)
          : Message.of(SquadReader.class, "SquadReader.emptyAnswer", label));
    }
    JsonElement s = o.get("answer_start");
    if (s == null || !s.isJsonPrimitive() || !s.getAsString().matches("\\d{1,9}")) {
      throw bad(s == null ? Message.of(SquadReader.class, "SquadReader.noStart", label, TextRows.abbreviate(text))
          : Message.of(SquadReader.class, "SquadReader.badStart", label, TextRows.abbreviate(text), s));
    }
    int points = Integer.parseInt(s.getAsString());
    int length = context.codePointCount(0, context.length());
    if (points >= length) {
      throw bad(Message.of(SquadReader.class, "SquadReader.pastEnd", label, points, length));
    }
    int start = context.offsetByCodePoints(0, points);
    if (!context.startsWith(text, start)) {
      String there = context.substring(start, Math.min(context.length(), start + text.length()));
      int elsewhere = context.indexOf(text);
      throw bad(elsewhere < 0
          ? Message.of(SquadReader.class, "SquadReader.notFound", label, TextRows.abbreviate(text), points,
              TextRows.abbreviate(there))
          : Message.of(SquadReader.class, "SquadReader.notFoundElsewhere", label, TextRows.abbreviate(text), points,
              TextRows.abbreviate(there), context.codePointCount(0, elsewhere)));
    }
    return new QaAnswer(text, start);
  }

  /** A question that cannot be used, and why. */
  private static BadInputException bad(Message why) {
    return new BadInputException(why);
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
