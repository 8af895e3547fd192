package org.bertworkbench.core.lesson;

import java.util.List;

/**
 * One lesson as read from its file: a path through the views that follows the seed article.
 *
 * @param id the same in every language, so the English and Japanese versions pair up
 * @param lang "en" or "ja"
 * @param title the lesson's title
 * @param model the model its steps run on unless a step names its own (a known name or a folder)
 * @param corpus the corpus file the pretraining checks sample from, relative to the lesson file;
 *     null when no step needs one
 * @param steps in order, at least one
 * @param questions to ask the class at the end
 * @param source where it was read from ({@code /assets/lessons/en/01-big-picture.lesson} or a path)
 */
public record Lesson(String id, String lang, String title, String model, String corpus, List<LessonStep> steps,
    List<String> questions, String source) {

  public Lesson {
    steps = List.copyOf(steps);
    questions = List.copyOf(questions);
  }
}
