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

  private final Function<String, String> modelProblem;

  /** A reader that resolves model names as the command line does ({@link #modelProblem(String)}). */
  public LessonReader() {
    this(LessonReader::modelProblem);
  }

  /** A reader with its own model resolution: what is wrong with a model name, or null when it opens. */
  LessonReader(Function<String, String> modelProblem) {
    this.modelProblem = modelProblem;
  }

  /**
   * Why {@code name} would not open with {@code --model name}: null for an available known model
   * ({@link ModelCatalog}) or a folder that exists, a message otherwise.
   */
  public static String modelProblem(String name) {
    Optional<ModelCatalog.KnownModel> known = ModelCatalog.find(name);
    if (known.isPresent()) {
      ModelCatalog.KnownModel m = known.get();
      return m.available() ? null : "model " + name + " is known but not on this machine: run mvn dependency:get "
          + "-Dartifact=" + m.mavenCoordinates();
    }
    if (Files.isDirectory(Path.of(name))) {
      return null;
    }
    return "model " + name + " is not there: name one of " + String.join(", ", ModelCatalog.names())
        + " or a model folder";
  }

  /** Reads a file from disk, refusing one over {@link #MAX_BYTES}. */
  public Result read(Path file) {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_BYTES) {
        return failed(name, "is " + Files.size(file) + " bytes; a lesson file is at most " + MAX_BYTES);
      }
      return read(name, Files.readAllBytes(file));
    } catch (IOException e) {
      return failed(name, "cannot be read: " + e.getMessage());
    }
  }

  /** Reads a stream (a bundled lesson), at most {@link #MAX_BYTES} of it. */
  public Result read(String name, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      return failed(name, "is over " + MAX_BYTES + " bytes; a lesson file is at most " + MAX_BYTES);
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
      return failed(name, "is not UTF-8 text");
    }
    return new Parse(name).run(text);
  }

  private static Result failed(String file, String message) {
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

    void problem(int line, String message) {
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
        problem(n, "expected 'key: value' (e.g. 'text: ...'), got \"" + shorten(line) + "\"");
        return;
      }
      String value = line.substring(colon + 1).strip();
      if (value.isEmpty()) {
        problem(n, key + ": has no value");
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
        problem(n, "unknown key '" + key + "' " + (inStep ? "in a step" : "before the first step") + " (allowed: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
        return;
      }
      Map<String, String> into = inStep ? steps.get(steps.size() - 1) : lesson;
      Map<String, Integer> at = inStep ? stepLines.get(stepLines.size() - 1) : lessonLines;
      if (key.equals("text") && into.containsKey("text") && !value.isEmpty()) {
        into.put("text", join(into.get("text"), value)); // a long text may go on over several lines
        return;
      }
      if (into.containsKey(key)) {
        problem(n, key + ": given twice (first on line " + at.get(key) + ")");
        return;
      }
      into.put(key, value);
      at.put(key, n);
    }

    Lesson build() {
      String id = required(lesson, lessonLines, "lesson", 1, "the lesson");
      if (id != null && !id.matches("[a-z0-9][a-z0-9-]*")) {
        problem(lessonLines.get("lesson"), "lesson id '" + id + "' must be lower-case letters, digits and '-'");
      }
      int top = lessonLines.getOrDefault("lesson", 1);
      String lang = required(lesson, lessonLines, "language", top, "the lesson");
      if (lang != null && !LANGUAGES.contains(lang)) {
        problem(lessonLines.get("language"), "language '" + lang + "' is not en or ja");
      }
      String title = required(lesson, lessonLines, "title", top, "the lesson");
      String model = required(lesson, lessonLines, "model", top, "the lesson");
      if (model != null) {
        checkModel(lessonLines.get("model"), model);
      }
      String corpus = lesson.get("corpus") == null || lesson.get("corpus").isEmpty() ? null : lesson.get("corpus");
      if (steps.isEmpty()) {
        problem(top, "the lesson has no steps (start one with 'step: <id>')");
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
      String what = "step " + id;
      if (!id.isEmpty() && !id.matches("[a-z0-9][a-z0-9-]*")) {
        problem(line, "step id '" + id + "' must be lower-case letters, digits and '-'");
      }
      if (ids.containsKey(id)) {
        problem(line, "step id '" + id + "' is used twice (first on line " + ids.get(id) + ")");
      }
      ids.putIfAbsent(id, line);
      String title = required(s, lines, "title", line, what);
      String text = required(s, lines, "text", line, what);
      String view = required(s, lines, "view", line, what);
      if (view != null && !LessonViews.isView(view)) {
        problem(lines.get("view"), "unknown view '" + view + "' (views: " + String.join(", ", LessonViews.names()) + ")");
        view = null;
      }
      String highlight = s.get("highlight");
      highlight = highlight == null || highlight.isEmpty() ? null : highlight;
      if (highlight != null && view != null && !LessonViews.highlights(view).contains(highlight)) {
        problem(lines.get("highlight"), "the " + view + " view has nothing called '" + highlight + "' to highlight ("
            + String.join(", ", LessonViews.highlights(view)) + ")");
      }
      String model = s.containsKey("model") ? s.get("model") : lessonModel;
      if (s.containsKey("model") && !model.isEmpty()) {
        checkModel(lines.get("model"), model);
      }
      String checkLine = required(s, lines, "check", line, what);
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
      } catch (IllegalArgumentException e) {
        problem(line, "check: " + e.getMessage());
        return null;
      }
      String name = words.get(0);
      Optional<CheckKind> kind = CheckKind.named(name);
      if (kind.isEmpty()) {
        problem(line, "unknown check '" + name + "' (checks: " + CheckKind.names() + ")");
        return null;
      }
      params.putAll(kind.get().defaults());
      for (String w : words.subList(1, words.size())) {
        int eq = w.indexOf('=');
        String k = eq < 0 ? w : w.substring(0, eq);
        if (eq < 0 || !kind.get().defaults().containsKey(k)) {
          problem(line, "check " + name + " takes " + (kind.get().defaults().isEmpty() ? "no parameters"
              : "the parameters " + String.join(", ", kind.get().defaults().keySet()) + " (as name=value)")
              + ", not '" + w + "'");
          continue;
        }
        String v = w.substring(eq + 1);
        String d = kind.get().defaults().get(k);
        if (isNumber(d) && !isNumber(v) || d.equals("last") && !v.equals("last") && !isNumber(v)) {
          problem(line, "check " + name + ": " + k + " must be a number" + (d.equals("last") ? " or 'last'" : "")
              + ", got '" + v + "'");
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
            problem(line, "check " + name + " samples a corpus: give the lesson a 'corpus:' line");
          }
        }
        default -> { }
      }
      if (kind.get() == CheckKind.FILL_MASK && step.containsKey("a") && !step.get("a").contains("[MASK]")) {
        problem(line, "check fill-mask needs a [MASK] in sentence a:");
      }
      return name;
    }

    void needText(Map<String, String> step, String key, String check, int line) {
      if (!step.containsKey(key)) {
        problem(line, "check " + check + " needs an input: add '" + key + ": <sentence>' to the step");
      }
    }

    void checkModel(int line, String model) {
      String why = modelProblem.apply(model);
      if (why != null) {
        problem(line, why);
      }
    }

    String required(Map<String, String> keys, Map<String, Integer> lines, String key, int line, String what) {
      String v = keys.get(key);
      if (v == null) {
        problem(line, what + " has no '" + key + ":' line");
      }
      return v == null || v.isEmpty() ? null : v; // an empty value is reported where it is
    }
  }

  /** Splits on spaces, keeping "quoted values" together (quotes removed). */
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
      throw new IllegalArgumentException("a quote is not closed in \"" + s + "\"");
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
