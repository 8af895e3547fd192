package org.bertworkbench.core.finetune;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A dataset has rows that cannot be used and the user did not choose to skip them. The message is
 * one line (the count and the first few rows); {@link #badRows()} is the whole report.
 */
public final class BadDataException extends IllegalArgumentException {

  private static final int SHOWN = 3;

  private final String file;
  private final List<BadRow> badRows;

  public BadDataException(String file, List<BadRow> badRows) {
    super(file + ": " + badRows.size() + " bad row" + (badRows.size() == 1 ? "" : "s") + " ("
        + badRows.stream().limit(SHOWN).map(BadRow::toString).collect(Collectors.joining("; "))
        + (badRows.size() > SHOWN ? "; ..." : "") + "): fix them, or skip them (--skip-bad-rows)");
    this.file = file;
    this.badRows = List.copyOf(badRows);
  }

  public String file() {
    return file;
  }

  public List<BadRow> badRows() {
    return badRows;
  }
}
