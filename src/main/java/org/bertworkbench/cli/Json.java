package org.bertworkbench.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** One Gson for every command: compact, one object per line, NaN allowed rather than a crash. */
final class Json {

  static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  private Json() {}

  static String of(Object value) {
    return GSON.toJson(value);
  }
}
