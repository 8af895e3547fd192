package org.bertworkbench.core.finetune;

import java.util.List;

/**
 * The first rows of a dataset file, for the wizard's column picker.
 *
 * <p>TSV and CSV: the header's names and the first records' fields. JSON Lines: every key seen in
 * the first objects, and their values as text ({@code ""} where an object lacks a key). SQuAD:
 * {@code id, question, answer, answer_start, context}, one row a question. CoNLL: {@code words,
 * tags}, one row a sentence (space-joined).
 *
 * @param format the format detected
 * @param columns the column names
 * @param rows the first rows; a row may have fewer or more fields than there are columns (a
 *     short TSV line, say)
 */
public record Preview(DataFormat format, List<String> columns, List<List<String>> rows) {

  public Preview {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
