package org.bertworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bertworkbench.core.device.DeviceSelection;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.lesson.Lesson;
import org.bertworkbench.core.lesson.LessonChecks;
import org.bertworkbench.core.lesson.LessonProblem;
import org.bertworkbench.core.lesson.LessonStep;
import org.bertworkbench.core.lesson.Lessons;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The lessons on the seed article's path: lists them, or runs every step's live check on the real
 * model headless ({@code --check}), the way a teacher checks a machine before class.
 */
@Command(name = "lessons", mixinStandardHelpOptions = true,
    description = "List the bundled lessons (or a folder's), or run every step's live check on the real model "
        + "(--check: exit 0 only when every check passes).")
final class LessonsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--lang", paramLabel = "en|ja|all",
      description = "which language's lessons (default: en to list, all to check)")
  String lang;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "read the *.lesson files in DIR instead of the bundled ones; a bad file is reported on "
          + "standard error as file:line: problem")
  Path dir;

  @Option(names = "--check", description = "run every step's check on its model and report each result")
  boolean check;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
      description = "cpu (default), gpu, gpu1, ...")
  String device;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() {
    String chosen = lang == null ? (check ? "all" : "en") : lang;
    if (!chosen.equals("all") && !Lessons.LANGUAGES.contains(chosen)) {
      throw new IllegalArgumentException("--lang takes en, ja or all, not " + chosen);
    }
    List<Lesson> lessons = new ArrayList<>();
    List<LessonProblem> problems = new ArrayList<>();
    if (dir != null) {
      Lessons.Loaded loaded = Lessons.fromDirectory(dir);
      loaded.lessons().stream().filter(l -> chosen.equals("all") || l.lang().equals(chosen)).forEach(lessons::add);
      problems.addAll(loaded.problems());
    } else {
      for (String l : chosen.equals("all") ? Lessons.LANGUAGES : List.of(chosen)) {
        Lessons.Loaded loaded = Lessons.bundled(l);
        lessons.addAll(loaded.lessons());
        problems.addAll(loaded.problems());
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    for (LessonProblem p : problems) {
      err.println(p);
    }
    err.flush();
    boolean ok = check ? runChecks(lessons) : list(lessons);
    return ok && problems.isEmpty() ? 0 : 1; // a bad file fails the command, the good ones are still listed
  }

  private boolean list(List<Lesson> lessons) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Lesson l : lessons) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", l.id());
        row.put("lang", l.lang());
        row.put("title", l.title());
        row.put("model", l.model());
        row.put("source", l.source());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (LessonStep s : l.steps()) {
          Map<String, Object> step = new LinkedHashMap<>();
          step.put("id", s.id());
          step.put("title", s.title());
          step.put("view", s.view());
          step.put("text", s.text());
          step.put("a", s.textA());
          step.put("b", s.textB());
          step.put("highlight", s.highlight());
          step.put("check", s.check());
          step.put("parameters", new java.util.TreeMap<>(s.parameters()));
          step.put("model", s.model());
          steps.add(step);
        }
        row.put("steps", steps);
        row.put("questions", l.questions());
        rows.add(row);
      }
      out.println(Json.of(Map.of("lessons", rows)));
    } else {
      for (Lesson l : lessons) {
        out.printf("%-16s %s  (%s, %d steps, %s)%n", l.id(), l.title(), l.lang(), l.steps().size(), l.model());
        for (LessonStep s : l.steps()) {
          out.printf("  %-12s %-11s %-20s %s%n", s.id(), s.view(), s.check(), s.title());
        }
      }
    }
    return true;
  }

  private boolean runChecks(List<Lesson> lessons) {
    List<LessonChecks.CheckResult> results;
    try (LessonChecks checks = new LessonChecks(DeviceSelection.device(device))) {
      results = checks.runAll(lessons, Progress.NONE);
    }
    PrintWriter out = spec.commandLine().getOut();
    long passed = results.stream().filter(LessonChecks.CheckResult::passed).count();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (LessonChecks.CheckResult r : results) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("lesson", r.lesson());
        row.put("step", r.step());
        row.put("description", r.description());
        row.put("value", r.value());
        row.put("passed", r.passed());
        rows.add(row);
      }
      out.println(Json.of(Map.of("checks", rows)));
    } else {
      for (LessonChecks.CheckResult r : results) {
        out.printf("%s %-28s %s%n       %s%n", r.passed() ? "PASS" : "FAIL", r.lesson() + "/" + r.step(),
            r.description(), r.value());
      }
      out.printf("%d of %d checks passed%n", passed, results.size());
    }
    return passed == results.size() && !results.isEmpty();
  }
}
