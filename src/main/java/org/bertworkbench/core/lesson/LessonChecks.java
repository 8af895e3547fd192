package org.bertworkbench.core.lesson;

import ai.djl.Device;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.bertworkbench.core.checkpoint.Checkpoint;
import org.bertworkbench.core.checkpoint.CheckpointException;
import org.bertworkbench.core.checkpoint.CheckpointLoader;
import org.bertworkbench.core.job.Progress;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.load.LoadedBert;
import org.bertworkbench.core.pretrain.Corpus;
import org.bertworkbench.core.pretrain.SampledBatch;

/**
 * Runs lesson steps' live checks on the real model, headless: the command line's {@code lessons
 * --check} and, later, the Lessons panel. Each check computes its claim from the model (see
 * {@link CheckKind} and {@code docs/lessons.md}); nothing is compared with a stored result.
 *
 * <p>What a result says is localised for the lesson's language from {@code checks.properties} /
 * {@code checks_ja.properties} beside this class: {@code <check>.description} (what is claimed)
 * and {@code <check>.value} (what was measured, a {@link MessageFormat} of the check's figures).
 *
 * <p>One model is open at a time (BERT-Base is 440 MB of weights): {@link #runAll} runs every
 * step of one model before opening the next. Close this to free the last one.
 */
public final class LessonChecks implements AutoCloseable {

  /**
   * One check's answer.
   *
   * @param lesson the lesson's id
   * @param step the step's id
   * @param description what the step claims, in the lesson's language
   * @param value what the model gave, in the lesson's language (or why the check could not run)
   * @param passed whether the claim held
   * @param batch the batch a pretraining check was computed on, for the view to draw; null for the others
   */
  public record CheckResult(String lesson, String step, String description, String value, boolean passed,
      SampledBatch batch) {

    /** A result with no batch to show. */
    public CheckResult(String lesson, String step, String description, String value, boolean passed) {
      this(lesson, step, description, value, passed, null);
    }
  }

  private final Device device;
  /** True when {@link #bert} belongs to the caller (the window's model): never closed or replaced here. */
  private final boolean shared;
  private LoadedBert bert;
  /** The name or folder {@link #bert} was opened with. */
  private String requested;
  private Checkpoint checkpoint;
  private final Map<String, Corpus> corpora = new LinkedHashMap<>();

  /** Checks that open each step's model themselves, one at a time (the command line). */
  public LessonChecks(Device device) {
    this.device = device;
    this.shared = false;
  }

  /**
   * Checks on a model the caller has open, whatever model the steps name: the window runs a step's
   * check on the model it shows, without a second copy of the weights. {@code nameOrFolder} is what
   * {@code model} was opened with; the fine-tuning checks read the checkpoint again from it.
   * Closing these checks leaves {@code model} open.
   */
  public LessonChecks(LoadedBert model, String nameOrFolder) {
    this.device = model.model().device();
    this.shared = true;
    this.bert = model;
    this.requested = nameOrFolder;
  }

  /** Every step of every lesson, grouped by model; results in lesson and step order. */
  public List<CheckResult> runAll(List<Lesson> lessons, Progress progress) {
    List<String> models = new ArrayList<>();
    int total = 0;
    for (Lesson l : lessons) {
      for (LessonStep s : l.steps()) {
        total++;
        if (!models.contains(s.model())) {
          models.add(s.model());
        }
      }
    }
    // by identity: two lessons may hold equal steps (a copied file), and each gets its own result
    Map<LessonStep, CheckResult> results = new java.util.IdentityHashMap<>();
    int done = 0;
    for (String model : models) {
      for (Lesson l : lessons) {
        for (LessonStep s : l.steps()) {
          if (s.model().equals(model)) {
            progress.checkCancelled();
            progress.report((double) done++ / total, l.id() + "/" + s.id() + " on " + model);
            results.put(s, run(l, s));
          }
        }
      }
    }
    List<CheckResult> ordered = new ArrayList<>();
    for (Lesson l : lessons) {
      for (LessonStep s : l.steps()) {
        ordered.add(results.get(s));
      }
    }
    return ordered;
  }

  /** Runs one step's check; a check that cannot run (no model, bad input) fails with the reason. */
  public CheckResult run(Lesson lesson, LessonStep step) {
    ResourceBundle text = bundle(lesson.lang());
    String description = text.getString(step.check() + ".description");
    try {
      Outcome o = compute(lesson, step);
      String value = new MessageFormat(text.getString(step.check() + ".value"), Locale.ROOT).format(o.figures());
      return new CheckResult(lesson.id(), step.id(), description, value, o.passed(), o.batch());
    } catch (CheckpointException | RuntimeException | java.io.IOException e) {
      String why = UserMessages.of(e, Locale.forLanguageTag(lesson.lang())); // in the lesson's language
      return new CheckResult(lesson.id(), step.id(), description,
          MessageFormat.format(text.getString("check.failed"), why), false);
    }
  }

  private Outcome compute(Lesson lesson, LessonStep s) throws CheckpointException, java.io.IOException {
    CheckKind kind = CheckKind.named(s.check()).orElseThrow();
    LoadedBert b = model(s.model());
    return switch (kind) {
      case CLS_SEP -> InputChecks.clsSep(b, s);
      case EMBEDDING_SUM -> InputChecks.embeddingSum(b, s);
      case SEGMENT_EMBEDDINGS -> InputChecks.segmentEmbeddings(b, s);
      case ENCODER_OUTPUTS -> InputChecks.encoderOutputs(b, s);
      case BIDIRECTIONAL -> InputChecks.bidirectional(b, s);
      case FILL_MASK -> InputChecks.fillMask(b, s);
      case SIZE_RATIO -> InputChecks.sizeRatio(b, s);
      case MLM_MASKING -> PretrainChecks.masking(b, corpus(lesson), s);
      case NSP_PAIRS -> PretrainChecks.pairs(b, corpus(lesson), s);
      case TRAINING_DEFAULTS -> PretrainChecks.defaults(b, s);
      case PRETRAINING_LOSS -> PretrainChecks.loss(b, corpus(lesson), s);
      case HEAD_CLASSIFY -> HeadChecks.classify(checkpoint(), s, false);
      case HEAD_PAIR -> HeadChecks.classify(checkpoint(), s, true);
      case HEAD_QA -> HeadChecks.questionAnswering(checkpoint(), s);
      case HEAD_TAG -> HeadChecks.tagging(checkpoint(), s);
      case FEATURES_TEMPLATE -> HeadChecks.featuresAsText(checkpoint(), s);
      case FEATURES_CONCAT -> HeadChecks.featuresConcatenated(checkpoint(), s);
    };
  }

  /** The open model, opening {@code name} (and closing the previous one) when it is another. */
  private LoadedBert model(String name) throws CheckpointException {
    if (!shared && (bert == null || !name.equals(requested))) {
      close();
      bert = LoadedBert.open(name, device, Progress.NONE);
      requested = name;
    }
    return bert;
  }

  /** The open model's checkpoint, which fine-tuning heads are created from (read once per model). */
  private Checkpoint checkpoint() throws CheckpointException {
    if (checkpoint == null) {
      checkpoint = CheckpointLoader.open(requested);
    }
    return checkpoint;
  }

  private Corpus corpus(Lesson lesson) throws java.io.IOException {
    String key = lesson.source() + "|" + lesson.corpus();
    Corpus c = corpora.get(key);
    if (c == null) {
      c = PretrainChecks.corpus(lesson);
      corpora.put(key, c);
    }
    return c;
  }

  /** The checks' texts in {@code lang}: English from checks.properties, Japanese from checks_ja.properties. */
  public static ResourceBundle bundle(String lang) {
    Locale locale = lang.equals("en") ? Locale.ROOT : Locale.forLanguageTag(lang);
    try {
      return ResourceBundle.getBundle("org.bertworkbench.core.lesson.checks", locale,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    } catch (MissingResourceException e) {
      return ResourceBundle.getBundle("org.bertworkbench.core.lesson.checks", Locale.ROOT,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
  }

  @Override
  public void close() {
    if (bert != null && !shared) {
      bert.close();
    }
    bert = null;
    checkpoint = null;
  }
}
