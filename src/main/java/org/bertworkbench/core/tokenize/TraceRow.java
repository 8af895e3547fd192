package org.bertworkbench.core.tokenize;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of a tokenizer step, as a GUI would draw it: a label and a row of cells.
 *
 * <p>For the text steps the cells are the characters of the text (one code point each), for the
 * word and token steps they are the words or tokens, and for the number steps they are the numbers
 * written in decimal.
 *
 * @param label what the row shows, such as "A", "B", "tokens", "input ids"
 * @param cells the cells, in order
 * @param changed the indices of the cells this step changed or added, to highlight, in increasing order
 */
public record TraceRow(String label, List<String> cells, Set<Integer> changed) {

  /**
   * Makes the collections unmodifiable; the changed indices are kept sorted (Set.copyOf's order
   * changes from one JVM to the next, and so did tokenize --trace's JSON).
   */
  public TraceRow {
    cells = List.copyOf(cells);
    changed = Collections.unmodifiableSortedSet(new TreeSet<>(changed));
  }

  /** The cells joined without separator: for a text row, the text itself. */
  public String text() {
    return String.join("", cells);
  }
}
