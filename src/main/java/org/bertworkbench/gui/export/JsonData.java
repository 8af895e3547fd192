package org.bertworkbench.gui.export;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The numbers behind a view as JSON: arrays of numbers stay arrays of numbers (a matrix is
 * {@code {"rows": [...], "columns": [...], "values": [[...]]}}), so that a script reads them
 * without parsing CSV. NaN is written as {@code NaN}, as the command line does, rather than failing.
 */
public final class JsonData {

  /** Compact (a 144-head matrix export is millions of numbers), NaN allowed, no HTML escaping. */
  public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues()
      .disableHtmlEscaping().create();

  private JsonData() {}

  /** {@code {"rows": [...], "columns": [...], "values": [[...]]}}: one matrix under its labels. */
  public static JsonObject matrix(List<String> rows, List<String> columns, float[][] values) {
    JsonObject o = new JsonObject();
    o.add("rows", strings(rows));
    o.add("columns", strings(columns));
    o.add("values", GSON.toJsonTree(values));
    return o;
  }

  public static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray(values.size());
    values.forEach(a::add);
    return a;
  }

  /** Any array or record of numbers and strings, as Gson writes it. */
  public static JsonElement tree(Object value) {
    return GSON.toJsonTree(value);
  }

  /** A cell of a {@link Table}: numbers stay numbers, everything else becomes its text. */
  static JsonElement cell(Object value) {
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    return new JsonPrimitive(String.valueOf(value));
  }

  public static void write(JsonElement json, Writer out) throws IOException {
    GSON.toJson(json, out);
    out.flush();
  }

  /** Writes {@code json} to {@code file} through a temporary file, so that a failure leaves no half file. */
  public static void write(JsonElement json, Path file) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".export", ".json");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      write(json, w);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
