package org.bertworkbench.core.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bertworkbench.core.job.Message;

/**
 * Where lessons come from: the ones bundled with the workbench ({@code /assets/lessons/<lang>/} on
 * the classpath, in the order of that folder's {@value #INDEX}, since a jar's folder cannot be
 * listed reliably) or a teacher's folder of {@code *.lesson} files (in name order). A bad file is
 * reported and skipped; the others still load.
 */
public final class Lessons {

  /** The classpath folder of the bundled lessons of one language. */
  public static final String BUNDLED = "/assets/lessons/";
  /** The file listing a bundled folder's lesson files, one a line, in teaching order. */
  public static final String INDEX = "index.txt";
  public static final String EXTENSION = ".lesson";
  /** The languages lessons are bundled in. */
  public static final List<String> LANGUAGES = List.of("en", "ja");

  /** The lessons that read, and the problems of those that did not. */
  public record Loaded(List<Lesson> lessons, List<LessonProblem> problems) {
    public Loaded {
      lessons = List.copyOf(lessons);
      problems = List.copyOf(problems);
    }
  }

  private Lessons() {}

  /** The bundled lessons of {@code lang} ("en" or "ja"). */
  public static Loaded bundled(String lang) {
    return bundled(lang, new LessonReader());
  }

  static Loaded bundled(String lang, LessonReader reader) {
    if (!LANGUAGES.contains(lang)) {
      throw new IllegalArgumentException("lessons come in " + String.join(" and ", LANGUAGES) + ", not " + lang);
    }
    String folder = BUNDLED + lang + "/";
    List<Lesson> lessons = new ArrayList<>();
    List<LessonProblem> problems = new ArrayList<>();
    String index = resourceText(folder + INDEX);
    if (index == null) {
      problems.add(new LessonProblem(folder + INDEX, 0, Message.of(Lessons.class, "Lessons.missing")));
      return new Loaded(lessons, problems);
    }
    for (String name : index.split("\r?\n")) {
      name = name.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      String path = folder + name;
      try (InputStream in = Lessons.class.getResourceAsStream(path)) {
        if (in == null) {
          problems.add(new LessonProblem(path, 0, Message.of(Lessons.class, "Lessons.listedButMissing", INDEX)));
          continue;
        }
        add(reader.read(path, in), lessons, problems);
      } catch (IOException e) {
        problems.add(new LessonProblem(path, 0,
            Message.of(Lessons.class, "Lessons.cannotRead", Message.verbatim(e.getMessage()))));
      }
    }
    return new Loaded(lessons, problems);
  }

  /** Every {@code *.lesson} file in {@code dir}, in name order. */
  public static Loaded fromDirectory(Path dir) {
    return fromDirectory(dir, new LessonReader());
  }

  static Loaded fromDirectory(Path dir, LessonReader reader) {
    List<Lesson> lessons = new ArrayList<>();
    List<LessonProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      problems.add(new LessonProblem(dir.toString(), 0, Message.of(Lessons.class, "Lessons.notAFolder")));
      return new Loaded(lessons, problems);
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList()) {
        add(reader.read(f), lessons, problems);
      }
    } catch (IOException e) {
      problems.add(new LessonProblem(dir.toString(), 0,
          Message.of(Lessons.class, "Lessons.cannotList", Message.verbatim(e.getMessage()))));
    }
    if (lessons.isEmpty() && problems.isEmpty()) {
      problems.add(new LessonProblem(dir.toString(), 0, Message.of(Lessons.class, "Lessons.noLessonFiles", EXTENSION)));
    }
    return new Loaded(lessons, problems);
  }

  /** Reads one lesson file from disk ("Open lesson..."). */
  public static LessonReader.Result open(Path file) {
    return new LessonReader().read(file);
  }

  private static void add(LessonReader.Result r, List<Lesson> lessons, List<LessonProblem> problems) {
    r.lesson().ifPresent(lessons::add);
    problems.addAll(r.problems());
  }

  /**
   * The text of the lesson's corpus: beside a bundled lesson on the classpath, or beside a file on
   * disk. At most 8 MB (more is not needed to draw a batch).
   *
   * @throws IOException when it is not there
   */
  public static String corpusText(Lesson lesson) throws IOException {
    if (lesson.corpus() == null) {
      throw new LessonCorpusException(Message.of(Lessons.class, "Lessons.noCorpus", lesson.source()));
    }
    String source = lesson.source();
    if (source.startsWith(BUNDLED)) {
      String path = source.substring(0, source.lastIndexOf('/') + 1) + lesson.corpus();
      String text = resourceText(path);
      if (text == null) {
        throw new LessonCorpusException(Message.of(Lessons.class, "Lessons.corpusMissing", path));
      }
      return text;
    }
    Path p = Path.of(source).toAbsolutePath().getParent().resolve(lesson.corpus());
    if (Files.size(p) > 8L << 20) {
      throw new LessonCorpusException(Message.of(Lessons.class, "Lessons.corpusTooBig", p));
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static String resourceText(String path) {
    try (InputStream in = Lessons.class.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
