package org.bertworkbench.core.finetune;

import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * The examples of a run: the training set and the dev set (read from its own file or split off the
 * training file with a seed), and their files' SHA-256 so a resume can check they did not change.
 *
 * @param train the training set
 * @param dev the dev set
 * @param devSplit true when the dev set was split off the training file
 * @param trainSha256 the training file's hash, or null for data held in memory
 * @param devSha256 the dev file's hash, or null (split off, or in memory)
 */
public record FinetuneData(Dataset train, Dataset dev, boolean devSplit, String trainSha256, String devSha256) {

  /** Data held in memory (tests, a wizard's preview). */
  public static FinetuneData of(Dataset train, Dataset dev) {
    return new FinetuneData(train, dev, false, null, null);
  }

  /**
   * The labels the head predicts: the training set's (classification: classes; tagging: tags).
   * Refuses a training set with fewer than two.
   */
  public List<String> labels() {
    if (train.task() == TaskKind.QA) {
      return List.of();
    }
    List<String> labels = new ArrayList<>(train.labels());
    if (labels.size() < 2) {
      throw new BadInputException(Message.of(FinetuneData.class, "FinetuneData.fewLabels", train.source(),
          labels.size(), labels));
    }
    return labels;
  }

  /** Refuses a dataset with bad rows unless the user chose to skip them. */
  static void requireUsable(Dataset d, boolean skipBadRows) {
    if (!d.badRows().isEmpty() && !skipBadRows) {
      throw new BadDataException(String.valueOf(d.source()), d.badRows());
    }
    if (d.examples().isEmpty()) {
      throw new BadInputException(d.badRows().isEmpty() ? Message.of(FinetuneData.class, "noExamples", d.source())
          : Message.of(FinetuneData.class, "noExamplesBad", d.source(), d.badRows().size()));
    }
  }
}
