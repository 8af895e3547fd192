package org.bertworkbench.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import org.bertworkbench.core.job.Message;

/** Strict JSON parsing (Gson's default parser is lenient and accepts bare words). */
final class JsonText {

  /** What {@link #parseObject} calls a whole file. */
  static final Message FILE = Message.of(JsonText.class, "jsonFile");
  /** What {@link #parseObject} calls a safetensors header. */
  static final Message HEADER = Message.of(JsonText.class, "jsonHeader");

  private static final Gson GSON = new Gson();

  private JsonText() {
  }

  /**
   * Parses a JSON object; throws {@link CheckpointException} naming {@code file} if it is not one.
   * {@code what} is what the text is: {@link #FILE} or {@link #HEADER}.
   */
  static JsonObject parseObject(String file, Message what, String text) throws CheckpointException {
    JsonElement e;
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      e = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new CheckpointException(file, Message.of(JsonText.class, "jsonTrailing", what));
      }
    } catch (IOException | RuntimeException ex) {
      throw new CheckpointException(file, Message.of(JsonText.class, "jsonInvalid", what, ex.getMessage()), ex);
    }
    if (e == null || !e.isJsonObject()) {
      throw new CheckpointException(file, Message.of(JsonText.class, "jsonNotObject", what));
    }
    return e.getAsJsonObject();
  }
}
