package org.bertworkbench.core.finetune;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The lines of a dataset file with their 1-based numbers; read errors become one-line
 * {@link DatasetException}s that name the line.
 */
final class LineSource implements AutoCloseable {

  private final Path file;
  private final BufferedReader reader;
  private int lineNumber;

  LineSource(Path file) {
    this.file = file;
    this.reader = DataFile.open(file);
  }

  /** The next line without its terminator, or null at the end. */
  String next() {
    try {
      String line = reader.readLine();
      if (line != null) {
        lineNumber++;
      }
      return line;
    } catch (IOException e) {
      throw DataFile.readError(file, lineNumber + 1, e);
    }
  }

  /** The number of the line last returned by {@link #next()}. */
  int lineNumber() {
    return lineNumber;
  }

  Path file() {
    return file;
  }

  String name() {
    return DataFile.name(file);
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
