package org.bertworkbench.core.lesson;

import java.util.Map;

/**
 * One step of a lesson: which view to open with which input, what to point at, what to say, and
 * which live check proves the claim.
 *
 * @param id unique within the lesson, the same in every language
 * @param title a few words
 * @param view one of {@link LessonViews#names()}
 * @param textA the input's sentence A, or null when the check needs none
 * @param textB sentence B, or null
 * @param highlight an id from {@link LessonViews#highlights(String)} for the view, or null
 * @param text 2-4 sentences for the class
 * @param check a {@link CheckKind} name
 * @param parameters the check's parameters, every one the check knows, defaults filled in
 * @param model the model the step runs on (the lesson's unless the step names its own)
 * @param line where the step starts in its file, for messages
 */
public record LessonStep(String id, String title, String view, String textA, String textB, String highlight,
    String text, String check, Map<String, String> parameters, String model, int line) {

  public LessonStep {
    parameters = Map.copyOf(parameters);
  }

  /** A parameter's value (the default when the file does not set it). */
  public String parameter(String name) {
    String v = parameters.get(name);
    if (v == null) {
      throw new IllegalArgumentException("check " + check + " has no parameter " + name);
    }
    return v;
  }

  public int intParameter(String name) {
    return Integer.parseInt(parameter(name));
  }

  public double doubleParameter(String name) {
    return Double.parseDouble(parameter(name));
  }
}
