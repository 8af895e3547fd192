package org.bertworkbench.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** Strict JSON parsing (Gson's default parser is lenient and accepts bare words). */
final class JsonText {

  private static final Gson GSON = new Gson();

  private JsonText() {
  }

  /** Parses a JSON object; throws {@link CheckpointException} naming {@code file} if it is not one. */
  static JsonObject parseObject(String file, String what, String text) throws CheckpointException {
    JsonElement e;
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      e = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new CheckpointException(file, what + " is not valid JSON (text after the end)");
      }
    } catch (IOException | RuntimeException ex) {
      throw new CheckpointException(file, what + " is not valid JSON (" + ex.getMessage() + ")", ex);
    }
    if (e == null || !e.isJsonObject()) {
      throw new CheckpointException(file, what + " is not a JSON object");
    }
    return e.getAsJsonObject();
  }
}
