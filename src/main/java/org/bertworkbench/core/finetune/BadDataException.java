package org.bertworkbench.core.finetune;

import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.job.Localized;
import org.bertworkbench.core.job.Message;

/**
 * A dataset has rows that cannot be used and the user did not choose to skip them. The message is
 * one line (the count and the first few rows), in English as {@link #getMessage()} and in the
 * window's language as {@link #message(Locale)}; {@link #badRows()} is the whole report.
 */
public final class BadDataException extends IllegalArgumentException implements Localized {

  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 3;

  private final String file;
  private final transient List<BadRow> badRows;
  private final transient Message problem;

  /** Refuses {@code file} for its {@code badRows} (at least one). */
  public BadDataException(String file, List<BadRow> badRows) {
    this(file, List.copyOf(badRows), summary(badRows));
  }

  private BadDataException(String file, List<BadRow> badRows, Message problem) {
    super(file + ": " + problem.english());
    this.file = file;
    this.badRows = badRows;
    this.problem = problem;
  }

  private static Message summary(List<BadRow> badRows) {
    Message shown = Sentences.joined(badRows.stream().limit(SHOWN).map(BadRow::message).toList());
    if (badRows.size() > SHOWN) {
      return Message.of(BadDataException.class, "BadDataException.many", badRows.size(), shown);
    }
    return badRows.size() == 1 ? Message.of(BadDataException.class, "BadDataException.one", badRows.size(), shown)
        : Message.of(BadDataException.class, "BadDataException.few", badRows.size(), shown);
  }

  @Override
  public String message(Locale locale) {
    return file + ": " + problem.in(locale);
  }

  /** The count and the first rows, without the file's name. */
  public Message problem() {
    return problem;
  }

  /** The file the rows are in. */
  public String file() {
    return file;
  }

  /** Every bad row, in file order. */
  public List<BadRow> badRows() {
    return badRows;
  }
}
