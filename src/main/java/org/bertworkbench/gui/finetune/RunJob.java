package org.bertworkbench.gui.finetune;

import java.nio.file.Path;
import org.bertworkbench.core.finetune.FinetuneMonitor;
import org.bertworkbench.core.finetune.FinetuneSpec;
import org.bertworkbench.core.finetune.Finetuner;
import org.bertworkbench.core.job.UserMessages;
import org.bertworkbench.core.train.TrainingControl;
import org.bertworkbench.gui.text.Texts;
import org.bertworkbench.gui.work.TrainingJob;

/**
 * One fine-tuning run as a {@link TrainingJob}: its {@link FinetuneMonitor} is drained by the
 * window's timer, its {@link TrainingControl} pauses, resumes and stops it.
 */
final class RunJob {

  private static final Texts T = Texts.of(RunJob.class);

  private final FinetuneSpec spec;
  private final TrainingJob<FinetuneMonitor, Finetuner.Result> job;

  RunJob(FinetuneSpec spec, boolean resume) {
    this.spec = spec;
    job = new TrainingJob<>("finetune-" + Path.of(spec.out()).getFileName(), new FinetuneMonitor(),
        (monitor, control) -> Finetuner.run(spec, resume, monitor, control),
        r -> r.stopped() ? T.format("RunJob.stopped", r.lastStep(), r.totalSteps())
            : r.lastEvaluation() == null ? T.format("RunJob.finished", r.lastStep())
            : T.format("RunJob.finishedDev", r.lastStep(), RunFormat.metrics(r.lastEvaluation().metrics())));
  }

  void start() {
    job.start();
  }

  /** The run folder. */
  Path dir() {
    return Path.of(spec.out());
  }

  FinetuneSpec spec() {
    return spec;
  }

  FinetuneMonitor monitor() {
    return job.monitor();
  }

  TrainingControl control() {
    return job.control();
  }

  /** True once the thread has ended (the outcome is then set). */
  boolean done() {
    return job.done();
  }

  /** How the run ended, or null while it runs. */
  String outcome() {
    return job.outcome();
  }

  boolean failed() {
    return job.failed();
  }

  /** The fine-tuned model folder when the run finished, else null. */
  Path model() {
    Finetuner.Result r = job.result();
    return r == null ? null : r.model();
  }

  /** Asks the run to stop and waits for it (window closing, tests). */
  void stopAndWait(long millis) {
    job.stopAndWait(millis);
  }
}
