package org.bertworkbench.core.finetune;

/** The dataset file formats Workbench reads. */
public enum DataFormat {
  /** Tab-separated, header line first; no quote processing (GLUE's files). */
  TSV("TSV (tab-separated, with a header)"),
  /** Comma-separated, header line first, RFC 4180 quoting. */
  CSV("CSV (comma-separated, with a header)"),
  /** One JSON object a line; its keys are the columns. */
  JSON_LINES("JSON Lines"),
  /** SQuAD v1.1 JSON: data / paragraphs / context + qas / answers. */
  SQUAD("SQuAD v1.1 JSON"),
  /** CoNLL-style tagging: a word and its tag (last column) a line, a blank line between sentences. */
  CONLL("CoNLL-style tagging");

  private final String description;

  DataFormat(String description) {
    this.description = description;
  }

  /** A name to show the user, e.g. "CSV (comma-separated, with a header)". */
  public String description() {
    return description;
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
