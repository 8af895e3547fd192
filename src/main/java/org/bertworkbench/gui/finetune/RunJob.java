package org.bertworkbench.gui.finetune;

import java.nio.file.Path;
import org.bertworkbench.core.finetune.FinetuneMonitor;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.Finetuner;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.train.TrainingControl;

/**
 * One fine-tuning run on its own thread: it reports to a {@link FinetuneMonitor} that the window's
 * timer drains, and obeys a {@link TrainingControl} (pause, resume, stop). The thread never touches
 * the scene; how the run ended is read by the timer from {@link #outcome()}.
 */
final class RunJob {

  private final FinetuneSpec spec;
  private final boolean resume;
  private final FinetuneMonitor monitor = new FinetuneMonitor();
  private final TrainingControl control = new TrainingControl();
  private final Thread thread;
  private volatile String outcome;
  private volatile boolean failed;
  private volatile Path model;

  RunJob(FinetuneSpec spec, boolean resume) {
    this.spec = spec;
    this.resume = resume;
    thread = new Thread(this::run, "finetune-" + Path.of(spec.out()).getFileName());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      Finetuner.Result r = Finetuner.run(spec, resume, monitor, control);
      model = r.model();
      outcome = r.stopped() ? "Stopped after step " + r.lastStep() + " of " + r.totalSteps() + " (resume it from the list)"
          : "Finished: " + r.lastStep() + " steps" + (r.lastEvaluation() == null ? ""
              : ", dev " + RunFormat.metrics(r.lastEvaluation().metrics()));
    } catch (Throwable e) {
      failed = true;
      outcome = "The run failed: " + UserMessages.of(e);
    }
  }

  /** The run folder. */
  Path dir() {
    return Path.of(spec.out());
  }

  FinetuneSpec spec() {
    return spec;
  }

  FinetuneMonitor monitor() {
    return monitor;
  }

  TrainingControl control() {
    return control;
  }

  /** True once the thread has ended (the outcome is then set). */
  boolean done() {
    return outcome != null && !thread.isAlive();
  }

  /** How the run ended, or null while it runs. */
  String outcome() {
    return outcome;
  }

  boolean failed() {
    return failed;
  }

  /** The fine-tuned model folder when the run finished, else null. */
  Path model() {
    return model;
  }

  /** Asks the run to stop and waits for it (window closing, tests). */
  void stopAndWait(long millis) {
    control.stop();
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
