package org.bertworkbench.core.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines file of per-step rows ({@code metrics.jsonl}, {@code batches.jsonl}), each row an
 * object with a {@code "step"}. Rows are appended with one write each; after a crash the file is
 * cut back to a checkpoint's step with {@link #truncateToStep}, which also drops a torn last line.
 */
public final class JsonLines implements AutoCloseable {

  private final FileChannel channel;

  private JsonLines(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code file} for appending, creating it if needed. */
  public static JsonLines append(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new JsonLines(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND));
  }

  /** Appends the given lines (each without its line end) in one write. */
  public void write(List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** The complete, parseable rows of a file (none if it does not exist). */
  public static List<JsonObject> read(Path file) throws IOException {
    List<JsonObject> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    for (String line : text.substring(0, end + 1).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        rows.add(JsonParser.parseString(line).getAsJsonObject());
      } catch (JsonParseException | IllegalStateException e) {
        break; // a torn row: nothing after it can be trusted
      }
    }
    return rows;
  }

  /**
   * Rewrites {@code file} atomically with only its complete rows whose step is at most {@code step}
   * (no file is created if none existed).
   */
  public static void truncateToStep(Path file, long step) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    StringBuilder kept = new StringBuilder();
    for (JsonObject row : read(file)) {
      if (row.get("step").getAsLong() <= step) {
        kept.append(row).append('\n');
      }
    }
    AtomicFiles.writeString(file, kept.toString());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
