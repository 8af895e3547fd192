package org.bertworkbench.core.finetune;

import java.nio.file.Path;
import java.util.List;
import org.bertworkbench.core.job.Message;

/**
 * Reading dataset files for fine-tuning: the one entry point for the wizard, the command line and
 * the trainer.
 *
 * <p>Formats ({@link DataFormat}): TSV/CSV with a header (GLUE's files open as they are), JSON
 * Lines, SQuAD v1.1 JSON, CoNLL-style tagging. A row that cannot be used never stops the read: it
 * becomes a {@link BadRow} of the returned {@link Dataset} (missing column, empty text, unknown
 * label, a value that is not a number, an answer not at its {@code answer_start}, a CoNLL line of
 * one column, ...), and the user chooses to skip it. A file that cannot be read at all (missing,
 * a folder, empty, binary, not UTF-8, no header, a header without the chosen columns, an unknown
 * format, a format the task does not read) throws {@link DatasetException} with one line that says
 * what is wrong and what to do.
 */
public final class Datasets {

  private Datasets() {}

  /**
   * Reads a dataset, its format told by {@link #detect(Path, TaskKind)}.
   *
   * @param file the file
   * @param task what it is read for
   * @param columns for classification: which columns hold what (null: {@link
   *     DataColumns#defaults}); ignored for QA and tagging. A null {@link DataColumns#label()}
   *     reads unlabelled text (examples with a null label).
   * @param knownLabels the labels (tags for tagging) the file must use, e.g. the train file's for
   *     a dev file, any other being a bad row; null to learn them from the file
   */
  public static Dataset read(Path file, TaskKind task, DataColumns columns, List<String> knownLabels) {
    return read(file, detect(file, task), task, columns, knownLabels);
  }

  /** Reads a dataset in a given format (one that {@link DataFormat#suits} the task). */
  public static Dataset read(Path file, DataFormat format, TaskKind task, DataColumns columns,
      List<String> knownLabels) {
    String name = DataFile.name(file);
    if (!format.suits(task)) {
      throw new DatasetException(name, Message.of(Datasets.class, "Datasets.wrongFormat", task.cliName(),
          format.described()));
    }
    DataColumns cols = columns == null ? DataColumns.defaults(task) : columns;
    if (task.isClassification() && (cols.textA() == null || task == TaskKind.PAIR && cols.textB() == null)) {
      throw new DatasetException(name, cols.textA() == null ? Message.of(Datasets.class, "Datasets.noText")
          : Message.of(Datasets.class, "Datasets.noSecondText"));
    }
    if (task.isClassification() && cols.featureMode() == DataColumns.FeatureMode.TEXT_TEMPLATE) {
      Message problem = FeatureTemplate.problemMessage(cols.featureTemplate(), cols.features());
      if (problem != null) {
        throw new DatasetException(name, problem);
      }
    }
    return switch (format) {
      case TSV, CSV -> TabularReader.read(file, format, task, cols, knownLabels);
      case JSON_LINES -> JsonLinesReader.read(file, task, cols, knownLabels);
      case SQUAD -> SquadReader.read(file);
      case CONLL -> ConllReader.read(file, knownLabels);
    };
  }

  /**
   * The file's format from its extension and content, whatever the task ({@code .json} is SQuAD
   * unless its lines are objects; {@code .txt} and others by content).
   *
   * @throws DatasetException when the format cannot be told
   */
  public static DataFormat detect(Path file) {
    DataFormat f = FormatSniffer.sniff(file);
    if (f == null) {
      throw unknownFormat(file);
    }
    return f;
  }

  /** The refusal of a file whose format neither its name nor its content tells. */
  static DatasetException unknownFormat(Path file) {
    return new DatasetException(DataFile.name(file), Message.of(Datasets.class, "Datasets.unknownFormat"));
  }

  /**
   * The format to read for a task: classification from TSV, CSV or JSON Lines; QA from SQuAD JSON
   * only; tagging from CoNLL (any extension, a {@code word<TAB>tag} {@code .tsv} too).
   *
   * @throws DatasetException when the file is of a format the task does not read
   */
  public static DataFormat detect(Path file, TaskKind task) {
    return FormatSniffer.forTask(file, task);
  }

  /** The first {@code rows} rows, for choosing columns (see {@link Preview}). */
  public static Preview preview(Path file, int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows " + rows);
    }
    return PreviewReader.read(file, rows);
  }

  /**
   * The columns a classification file most likely means, from its column names (any case):
   * {@code sentence}, {@code text}, ... for one text; {@code sentence1}/{@code sentence2}, QQP's
   * {@code question1}/{@code question2}, MRPC's {@code #1 String}/{@code #2 String}, QNLI's
   * {@code question}/{@code sentence}, {@code premise}/{@code hypothesis} for pairs; {@code label},
   * MNLI's {@code gold_label}, QQP's {@code is_duplicate}, MRPC's {@code Quality}, ... for the
   * label. A part with no likely column is null.
   */
  public static DataColumns guessColumns(List<String> columns, TaskKind task) {
    return ColumnGuess.guess(columns, task);
  }
}
