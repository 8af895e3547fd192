package org.bertworkbench.core.finetune;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * What a fine-tuned model reads from a file or a typed line, for {@code evaluate} and
 * {@code predict} and for the window's "Evaluate on a file" and "Predict a file": the columns its
 * head was trained on, a labelled file read with its labels, one unlabelled input as an example.
 */
public final class ModelInputs {

  private ModelInputs() {}

  /** The model's columns: the task's defaults, the model's features, overridden by the given names (null: default). */
  public static DataColumns columns(HeadConfig head, String textColumn, String textBColumn, String labelColumn) {
    DataColumns d = DataColumns.defaults(head.task());
    return new DataColumns(textColumn != null ? textColumn : d.textA(), textBColumn != null ? textBColumn : d.textB(),
        labelColumn != null ? labelColumn : d.label(), head.featureColumns(), head.featureMode(), head.featureTemplate());
  }

  /** The task a labelled file is read for: a classifier with a second text column reads pairs. */
  public static TaskKind task(HeadConfig head, DataColumns columns) {
    return head.task() == TaskKind.CLASSIFY && columns.textB() != null ? TaskKind.PAIR : head.task();
  }

  /**
   * A labelled file, read with the model's labels (another label is a bad row).
   *
   * @throws BadInputException when no example is usable
   */
  public static Dataset labelled(HeadConfig head, Path data, DataColumns columns) throws IOException {
    TaskKind task = task(head, columns);
    Dataset d = Datasets.read(data, task, columns, task == TaskKind.QA ? null : head.labels());
    if (d.examples().isEmpty()) {
      throw new BadInputException(Message.of(ModelInputs.class, "noExamplesBad", data, d.badRows().size()));
    }
    return d;
  }

  /**
   * The numeric features {@code head} reads, in its order, from {@code given} (name to value; may be
   * null when it reads none), as the commands' {@code --feature NAME=VALUE} give them.
   *
   * @throws IllegalArgumentException when one the model reads is missing
   */
  public static double[] featureValues(HeadConfig head, java.util.Map<String, Double> given) {
    List<String> columns = head.featureColumns();
    double[] values = new double[columns.size()];
    for (int c = 0; c < values.length; c++) {
      Double v = given == null ? null : given.get(columns.get(c));
      if (v == null) {
        throw new IllegalArgumentException("this model reads the numeric features " + String.join(", ", columns)
            + ": give each with --feature NAME=VALUE");
      }
      values[c] = v;
    }
    return values;
  }

  /**
   * One unlabelled input: a text (and its pair), a question and its paragraph (b), or a sentence's words.
   *
   * @param line the input's number, for messages
   */
  public static Example unlabelled(HeadConfig head, int line, String a, String b, double[] features) {
    if (a == null || a.isBlank()) {
      throw new BadInputException(Message.of(ModelInputs.class, "ModelInputs.emptyText", line));
    }
    return switch (head.task()) {
      case QA -> {
        if (b == null || b.isBlank()) {
          throw new BadInputException(Message.of(ModelInputs.class, "ModelInputs.noParagraph", line));
        }
        yield new QaExample(line, "q" + line, a, b, List.of());
      }
      case TAG -> new TagExample(line, Arrays.asList(a.trim().split("\\s+")), List.of());
      default -> new TextExample(line, a, b, null, features);
    };
  }
}
