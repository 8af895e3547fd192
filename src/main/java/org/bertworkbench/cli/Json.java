package org.bertworkbench.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** One Gson for every command: compact, one object per line, NaN allowed rather than a crash. */
final class Json {

  static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  /** As {@link #GSON}, writing null fields as null (where a format says a value can be null) rather than leaving them out. */
  static final Gson WITH_NULLS = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
      .serializeNulls().create();

  private Json() {}

  static String of(Object value) {
    return GSON.toJson(value);
  }

  /** {@link #of}, with null fields written as null. */
  static String withNulls(Object value) {
    return WITH_NULLS.toJson(value);
  }
}
