package org.bertworkbench.core.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Reads one lesson file (format: {@code docs/lessons.md}): {@code key: value} lines, {@code #}
 * comments, blank lines ignored; lesson keys first, then {@code step:} blocks, questions anywhere.
 * Line-oriented on purpose, so every problem has a line a teacher can go to; nothing in it runs.
 * Every problem found is reported, not just the first.
 */
public final class LessonReader {

  /** Bigger than any lesson a teacher writes by hand; a file this big is not a lesson. */
  public static final int MAX_BYTES = 256 * 1024;

  /** What reading gave: a lesson, or the problems (never both). */
  public record Result(Optional<Lesson> lesson, List<LessonProblem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  private static final Set<String> LANGUAGES = Set.of("en", "ja");
  private static final Set<String> LESSON_KEYS = Set.of("lesson", "language", "title", "model", "corpus", "question");
  private static final Set<String> STEP_KEYS = Set.of("step", "title", "view", "a", "b", "highlight", "text", "check",
      "model", "question");

  private final Function<String, Message> modelProblem;

  /** A reader that resolves model names as the command line does ({@link #modelProblem(String)}). */
  public LessonReader() {
    this(LessonReader::modelProblem);
  }

  /** A reader with its own model resolution: what is wrong with a model name, or null when it opens. */
  LessonReader(Function<String, Message> modelProblem) {
    this.modelProblem = modelProblem;
  }

  /**
   * Why {@code name} would not open with {@code --model name}: null for an available known model
   * ({@link ModelCatalog}) or a folder that exists, a message otherwise.
   */
  public static Message modelProblem(String name) {
    Optional<ModelCatalog.KnownModel> known = ModelCatalog.find(name);
    if (known.isPresent()) {
      ModelCatalog.KnownModel m = known.get();
      return m.available() ? null
          : Message.of(LessonReader.class, "LessonReader.modelNotHere", name, m.mavenCoordinates());
    }
    if (Files.isDirectory(Path.of(name))) {
      return null;
    }
    return Message.of(LessonReader.class, "LessonReader.noSuchModel", name, String.join(", ", ModelCatalog.names()));
  }

  /** Reads a file from disk, refusing one over {@link #MAX_BYTES}. */
  public Result read(Path file) {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_BYTES) {
        return failed(name, Message.of(LessonReader.class, "LessonReader.tooBig", Files.size(file), MAX_BYTES));
      }
      return read(name, Files.readAllBytes(file));
    } catch (IOException e) {
      return failed(name, Message.of(LessonReader.class, "LessonReader.cannotRead", Message.verbatim(e.getMessage())));
    }
  }

  /** Reads a stream (a bundled lesson), at most {@link #MAX_BYTES} of it. */
  public Result read(String name, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      return failed(name, Message.of(LessonReader.class, "LessonReader.overMax", MAX_BYTES, MAX_BYTES));
    }
    return read(name, bytes);
  }

  /** Reads the bytes of a file called {@code name} (for messages). */
  public Result read(String name, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return failed(name, Message.of(LessonReader.class, "LessonReader.notUtf8"));
    }
    return new Parse(name).run(text);
  }

  private static Result failed(String file, Message message) {
    return new Result(Optional.empty(), List.of(new LessonProblem(file, 0, message)));
  }

  /** One file's parse: the lesson's keys, the steps so far, and the problems. */
  private final class Parse {
    final String file;
    final List<LessonProblem> problems = new ArrayList<>();
    final Map<String, String> lesson = new LinkedHashMap<>();
    final Map<String, Integer> lessonLines = new LinkedHashMap<>();
    final List<String> questions = new ArrayList<>();
    final List<Map<String, String>> steps = new ArrayList<>();
    final List<Map<String, Integer>> stepLines = new ArrayList<>();

    Parse(String file) {
      this.file = file;
    }

    void problem(int line, Message message) {
      problems.add(new LessonProblem(file, line, message));
    }

    Result run(String text) {
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        line(i + 1, lines[i].strip());
      }
      Lesson built = build();
      return problems.isEmpty() ? new Result(Optional.of(built), List.of()) : new Result(Optional.empty(), problems);
    }

    void line(int n, String line) {
      if (line.isEmpty() || line.startsWith("#")) {
        return;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? "" : line.substring(0, colon).strip();
      if (colon < 0 || key.isEmpty() || !key.matches("[a-z]+")) {
        problem(n, Message.of(LessonReader.class, "LessonReader.notKeyValue", shorten(line)));
        return;
      }
      String value = line.substring(colon + 1).strip();
      if (value.isEmpty()) {
        problem(n, Message.of(LessonReader.class, "LessonReader.noValue", key));
        // kept as "" so that the key counts as given: one mistake, one problem
      }
      if (key.equals("question")) {
        if (!value.isEmpty()) {
          questions.add(value);
        }
        return;
      }
      if (key.equals("step")) {
        steps.add(new LinkedHashMap<>());
        stepLines.add(new LinkedHashMap<>());
      }
      boolean inStep = !steps.isEmpty();
      Set<String> allowed = inStep ? STEP_KEYS : LESSON_KEYS;
      if (!allowed.contains(key)) {
        String names = String.join(", ", allowed.stream().sorted().toList());
        problem(n, inStep ? Message.of(LessonReader.class, "LessonReader.unknownKeyInStep", key, names)
            : Message.of(LessonReader.class, "LessonReader.unknownKeyBeforeStep", key, names));
        return;
      }
      Map<String, String> into = inStep ? steps.get(steps.size() - 1) : lesson;
      Map<String, Integer> at = inStep ? stepLines.get(stepLines.size() - 1) : lessonLines;
      if (key.equals("text") && into.containsKey("text") && !value.isEmpty()) {
        into.put("text", join(into.get("text"), value)); // a long text may go on over several lines
        return;
      }
      if (into.containsKey(key)) {
        problem(n, Message.of(LessonReader.class, "LessonReader.givenTwice", key, at.get(key)));
        return;
      }
      into.put(key, value);
      at.put(key, n);
    }

    Lesson build() {
      String id = required(lesson, lessonLines, "lesson", 1, null);
      if (id != null && !id.matches("[a-z0-9][a-z0-9-]*")) {
        problem(lessonLines.get("lesson"), Message.of(LessonReader.class, "LessonReader.badLessonId", id));
      }
      int top = lessonLines.getOrDefault("lesson", 1);
      String lang = required(lesson, lessonLines, "language", top, null);
      if (lang != null && !LANGUAGES.contains(lang)) {
        problem(lessonLines.get("language"), Message.of(LessonReader.class, "LessonReader.badLanguage", lang));
      }
      String title = required(lesson, lessonLines, "title", top, null);
      String model = required(lesson, lessonLines, "model", top, null);
      if (model != null) {
        checkModel(lessonLines.get("model"), model);
      }
      String corpus = lesson.get("corpus") == null || lesson.get("corpus").isEmpty() ? null : lesson.get("corpus");
      if (steps.isEmpty()) {
        problem(top, Message.of(LessonReader.class, "LessonReader.noSteps"));
      }
      List<LessonStep> built = new ArrayList<>();
      Map<String, Integer> ids = new LinkedHashMap<>();
      for (int i = 0; i < steps.size(); i++) {
        LessonStep s = step(steps.get(i), stepLines.get(i), model, corpus, ids);
        if (s != null) {
          built.add(s);
        }
      }
      return new Lesson(id, lang, title, model, corpus, built, questions, file);
    }

    LessonStep step(Map<String, String> s, Map<String, Integer> lines, String lessonModel, String corpus,
        Map<String, Integer> ids) {
      int line = lines.get("step");
      String id = s.get("step");
      if (!id.isEmpty() && !id.matches("[a-z0-9][a-z0-9-]*")) {
        problem(line, Message.of(LessonReader.class, "LessonReader.badStepId", id));
      }
      if (ids.containsKey(id)) {
        problem(line, Message.of(LessonReader.class, "LessonReader.stepIdTwice", id, ids.get(id)));
      }
      ids.putIfAbsent(id, line);
      String title = required(s, lines, "title", line, id);
      String text = required(s, lines, "text", line, id);
      String view = required(s, lines, "view", line, id);
      if (view != null && !LessonViews.isView(view)) {
        problem(lines.get("view"), Message.of(LessonReader.class, "LessonReader.unknownView", view,
            String.join(", ", LessonViews.names())));
        view = null;
      }
      String highlight = s.get("highlight");
      highlight = highlight == null || highlight.isEmpty() ? null : highlight;
      if (highlight != null && view != null && !LessonViews.highlights(view).contains(highlight)) {
        problem(lines.get("highlight"), Message.of(LessonReader.class, "LessonReader.nothingToHighlight", view,
            highlight, String.join(", ", LessonViews.highlights(view))));
      }
      String model = s.containsKey("model") ? s.get("model") : lessonModel;
      if (s.containsKey("model") && !model.isEmpty()) {
        checkModel(lines.get("model"), model);
      }
      String checkLine = required(s, lines, "check", line, id);
      Map<String, String> params = new LinkedHashMap<>();
      String check = null;
      if (checkLine != null) {
        check = check(checkLine, lines.get("check"), params, s, line, corpus);
      }
      return new LessonStep(id, title, view, s.get("a"), s.get("b"), highlight, text, check, params, model, line);
    }

    /** Parses {@code name key=value key="a value"}; fills {@code params} with defaults; returns the name. */
    String check(String value, int line, Map<String, String> params, Map<String, String> step, int stepLine,
        String corpus) {
      List<String> words;
      try {
        words = words(value);
      } catch (BadInputException e) {
        problem(line, Message.of(LessonReader.class, "LessonReader.check", e.problem()));
        return null;
      }
      String name = words.get(0);
      Optional<CheckKind> kind = CheckKind.named(name);
      if (kind.isEmpty()) {
        problem(line, Message.of(LessonReader.class, "LessonReader.unknownCheck", name, CheckKind.names()));
        return null;
      }
      params.putAll(kind.get().defaults());
      for (String w : words.subList(1, words.size())) {
        int eq = w.indexOf('=');
        String k = eq < 0 ? w : w.substring(0, eq);
        if (eq < 0 || !kind.get().defaults().containsKey(k)) {
          String names = String.join(", ", kind.get().defaults().keySet());
          problem(line, names.isEmpty() ? Message.of(LessonReader.class, "LessonReader.takesNoParameters", name, w)
              : Message.of(LessonReader.class, "LessonReader.takesParameters", name, names, w));
          continue;
        }
        String v = w.substring(eq + 1);
        String d = kind.get().defaults().get(k);
        if (isNumber(d) && !isNumber(v) || d.equals("last") && !v.equals("last") && !isNumber(v)) {
          problem(line, d.equals("last") ? Message.of(LessonReader.class, "LessonReader.notNumberOrLast", name, k, v)
              : Message.of(LessonReader.class, "LessonReader.notNumber", name, k, v));
          continue;
        }
        params.put(k, v);
      }
      switch (kind.get().needs()) {
        case A -> needText(step, "a", name, stepLine);
        case A_AND_B -> {
          needText(step, "a", name, stepLine);
          needText(step, "b", name, stepLine);
        }
        case CORPUS -> {
          if (corpus == null) {
            problem(line, Message.of(LessonReader.class, "LessonReader.needsCorpus", name));
          }
        }
        default -> { }
      }
      if (kind.get() == CheckKind.FILL_MASK && step.containsKey("a") && !step.get("a").contains("[MASK]")) {
        problem(line, Message.of(LessonReader.class, "LessonReader.needsMask"));
      }
      return name;
    }

    void needText(Map<String, String> step, String key, String check, int line) {
      if (!step.containsKey(key)) {
        problem(line, Message.of(LessonReader.class, "LessonReader.needsInput", check, key));
      }
    }

    void checkModel(int line, String model) {
      Message why = modelProblem.apply(model);
      if (why != null) {
        problem(line, why);
      }
    }

    /** The value of {@code key}, reported missing on {@code line} of the lesson ({@code step} null) or a step. */
    String required(Map<String, String> keys, Map<String, Integer> lines, String key, int line, String step) {
      String v = keys.get(key);
      if (v == null) {
        problem(line, step == null ? Message.of(LessonReader.class, "LessonReader.lessonHasNo", key)
            : Message.of(LessonReader.class, "LessonReader.stepHasNo", step, key));
      }
      return v == null || v.isEmpty() ? null : v; // an empty value is reported where it is
    }
  }

  /** Splits on spaces, keeping "quoted values" together (quotes removed); refuses a quote left open. */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (w.length() > 0) {
          out.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (quoted) {
      throw new BadInputException(Message.of(LessonReader.class, "LessonReader.quoteNotClosed", s));
    }
    if (w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }

  /** Joins continued text: with a space, except after Japanese (no spaces between Japanese sentences). */
  static String join(String before, String more) {
    char last = before.charAt(before.length() - 1);
    return before + (last >= '\u3000' ? "" : " ") + more;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
