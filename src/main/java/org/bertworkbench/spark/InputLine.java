package org.bertworkbench.spark;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.bertworkbench.core.job.Message;

/**
 * One line of an input file, checked: its text (sentence A and an optional sentence B after the
 * first TAB) or what is wrong with it. Decoded from the raw bytes, so that a line that is not UTF-8
 * is found (Spark's {@code textFile} would replace the bytes with U+FFFD and go on).
 *
 * @param file the file, as the job names it
 * @param line the line number in that file, from 1
 * @param a sentence A (null for a bad or blank line)
 * @param b sentence B (null for none)
 * @param problem what makes the line bad, or null
 * @param bytes the line's length in bytes (for a message)
 */
record InputLine(String file, long line, String a, String b, Problem problem, int bytes) implements Serializable {

  /** How a job reads a line. */
  enum Layout {
    /** The whole line is one sentence (embed: a TAB is whitespace like any other). */
    SENTENCE,
    /** Sentence A, optionally a TAB and sentence B (attention-stats, predict). */
    OPTIONAL_PAIR,
    /** Sentence A, a TAB and sentence B: a line without the TAB is bad (a pair model, a QA model, --pairs). */
    PAIR
  }

  /** What makes a line bad; {@code key} is its name in the bad-lines listing. */
  enum Problem {
    NOT_UTF8("not_utf8"),
    TOO_LONG("too_long"),
    MISSING_COLUMN("missing_column"),
    EMPTY_A("empty_a"),
    EMPTY_B("empty_b");

    private final String key;

    Problem(String key) {
      this.key = key;
    }

    String key() {
      return key;
    }
  }

  /** Whether the line holds an input (false for a bad line and a blank one). */
  boolean isInput() {
    return problem == null && a != null;
  }

  boolean isBad() {
    return problem != null;
  }

  /** What is wrong with the line, in words (null for a good line). */
  Message problemMessage(int maxBytes) {
    if (problem == null) {
      return null;
    }
    return problem == Problem.TOO_LONG ? Message.of(InputLine.class, "BadLine.too_long", bytes, maxBytes)
        : Message.of(InputLine.class, "BadLine." + problem.key());
  }

  /**
   * Checks one line's bytes ({@code \n} already cut off; a {@code \r} before it is dropped, and a
   * byte-order mark at the start of line 1). Blank lines are neither inputs nor bad.
   */
  static InputLine parse(String file, long line, byte[] raw, int maxBytes, Layout layout) {
    int length = raw.length;
    if (length > 0 && raw[length - 1] == '\r') {
      length--;
    }
    if (length > maxBytes) {
      return new InputLine(file, line, null, null, Problem.TOO_LONG, length);
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    String text;
    try {
      text = utf8.decode(ByteBuffer.wrap(raw, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return new InputLine(file, line, null, null, Problem.NOT_UTF8, length);
    }
    if (line == 1 && text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      return new InputLine(file, line, null, null, null, length);
    }
    if (layout == Layout.SENTENCE) {
      return new InputLine(file, line, text, null, null, length);
    }
    int tab = text.indexOf('\t');
    if (tab < 0 && layout == Layout.PAIR) {
      return new InputLine(file, line, null, null, Problem.MISSING_COLUMN, length);
    }
    String a = tab < 0 ? text : text.substring(0, tab);
    String b = tab < 0 ? null : text.substring(tab + 1);
    if (a.isBlank()) {
      return new InputLine(file, line, null, null, Problem.EMPTY_A, length);
    }
    if (b != null && b.isBlank()) {
      return new InputLine(file, line, null, null, Problem.EMPTY_B, length);
    }
    return new InputLine(file, line, a, b, null, length);
  }
}
