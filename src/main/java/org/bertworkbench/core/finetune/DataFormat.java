package org.bertworkbench.core.finetune;

import java.util.Locale;
import org.bertworkbench.core.job.Message;

/** The dataset file formats Workbench reads. */
public enum DataFormat {
  /** Tab-separated, header line first; no quote processing (GLUE's files). */
  TSV,
  /** Comma-separated, header line first, RFC 4180 quoting. */
  CSV,
  /** One JSON object a line; its keys are the columns. */
  JSON_LINES,
  /** SQuAD v1.1 JSON: data / paragraphs / context + qas / answers. */
  SQUAD,
  /** CoNLL-style tagging: a word and its tag (last column) a line, a blank line between sentences. */
  CONLL;

  /** A name to show the user in English, e.g. "CSV (comma-separated, with a header)". */
  public String description() {
    return described().english();
  }

  /** The name to show the user in {@code locale}'s language. */
  public String description(Locale locale) {
    return described().in(locale);
  }

  /** The name to show the user, as a sentence part of either language. */
  public Message described() {
    return switch (this) {
      case TSV -> Message.of(DataFormat.class, "DataFormat.tsv");
      case CSV -> Message.of(DataFormat.class, "DataFormat.csv");
      case JSON_LINES -> Message.of(DataFormat.class, "DataFormat.jsonLines");
      case SQUAD -> Message.of(DataFormat.class, "DataFormat.squad");
      case CONLL -> Message.of(DataFormat.class, "DataFormat.conll");
    };
  }

  /** The formats a task can be read from. */
  public boolean suits(TaskKind task) {
    return switch (task) {
      case CLASSIFY, PAIR -> this == TSV || this == CSV || this == JSON_LINES;
      case QA -> this == SQUAD;
      case TAG -> this == CONLL;
    };
  }
}
