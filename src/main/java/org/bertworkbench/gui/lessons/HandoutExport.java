package org.bertworkbench.gui.lessons;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.bertworkbench.core.lesson.Lesson;
import org.bertworkbench.core.lesson.LessonStep;
import org.bertworkbench.gui.shell.WorkbenchViewModel;
import org.bertworkbench.gui.text.Language;
import org.bertworkbench.gui.text.Texts;

/**
 * Walks a lesson step by step as the class would see it — each step's view with its input, the
 * window's analysis of it and the check's result — takes the view's picture, and writes the
 * handout. Runs on the FX thread by polling (every step waits for the model, the analysis and the
 * check, which all run in the background), so the window stays live and the export can be
 * cancelled.
 */
final class HandoutExport {

  private static final Texts T = Texts.of(HandoutExport.class);
  /** A step that has not settled in this long is taken as it is (a failed check says so). */
  static final Duration STEP_LIMIT = Duration.seconds(180);
  private static final Duration POLL = Duration.millis(250);

  private final LessonViewModel lessons;
  private final WorkbenchViewModel vm;
  private final LessonHost host;
  private final Lesson lesson;
  private final Path file;
  private final Consumer<String> progress;
  private final Consumer<String> done;
  private final List<Handout.Page> pages = new ArrayList<>();
  private Timeline poll;
  private int index;
  private double waited;
  private int settledPolls;

  HandoutExport(LessonViewModel lessons, WorkbenchViewModel vm, LessonHost host, Lesson lesson, Path file,
      Consumer<String> progress, Consumer<String> done) {
    this.lessons = lessons;
    this.vm = vm;
    this.host = host;
    this.lesson = lesson;
    this.file = file;
    this.progress = progress;
    this.done = done;
  }

  void start() {
    index = 0;
    step();
  }

  void cancel() {
    if (poll != null) {
      poll.stop();
      poll = null;
      done.accept(T.get("HandoutExport.cancelled"));
    }
  }

  boolean running() {
    return poll != null;
  }

  private void step() {
    progress.accept(T.format("HandoutExport.progress", index + 1, lesson.steps().size()));
    lessons.go(index);
    waited = 0;
    settledPolls = 0;
    poll = new Timeline(new KeyFrame(POLL, e -> tick()));
    poll.setCycleCount(Timeline.INDEFINITE);
    poll.play();
  }

  private void tick() {
    waited += POLL.toSeconds();
    LessonStep s = lesson.steps().get(index);
    LessonViewModel.Check c = lessons.checkProperty().get();
    WorkbenchViewModel.Analysis a = vm.analysisProperty().get();
    boolean analysed = s.textA() == null || a != null && s.textA().equals(a.textA());
    boolean checked = c != null && c.passed() != null;
    // Two quiet polls in a row: the views have drawn what the analysis brought.
    settledPolls = analysed && checked ? settledPolls + 1 : 0;
    if (settledPolls < 2 && waited < STEP_LIMIT.toSeconds()) {
      return;
    }
    poll.stop();
    poll = null;
    pages.add(new Handout.Page(s.title(), s.text(), c == null ? "" : c.line(), c != null && Boolean.TRUE.equals(c.passed()),
        picture(host.viewNode(s.view()))));
    index++;
    if (index < lesson.steps().size()) {
      step();
    } else {
      finish();
    }
  }

  private void finish() {
    String html = Handout.html(Language.current().tag(), lesson.title(), lesson.model(), pages,
        T.get("HandoutExport.questions"), lesson.questions(), T.get("HandoutExport.step"));
    try {
      Handout.write(html, file);
      done.accept(T.format("HandoutExport.written", file.getFileName().toString(), pages.size()));
    } catch (IOException e) {
      done.accept(T.format("HandoutExport.couldNotWrite", file.getFileName().toString(), Texts.failure(e)));
    }
  }

  /** The view as it is on screen, PNG bytes; empty when it has no size yet. */
  static byte[] picture(Node view) {
    if (view == null || view.getLayoutBounds().getWidth() < 1 || view.getLayoutBounds().getHeight() < 1) {
      return new byte[0];
    }
    WritableImage image = view.snapshot(null, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out);
    } catch (IOException e) {
      return new byte[0];
    }
    return out.toByteArray();
  }
}
