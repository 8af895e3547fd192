package org.bertworkbench.core.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;

/**
 * What a checkpoint needs from a Hugging Face {@code tokenizer.json} (the tokenizers library's
 * file): the WordPiece vocabulary ({@code model.vocab}, token to id), written as a {@code vocab.txt}
 * in id order so the rest of Workbench reads it as any other, and whether it lower-cases
 * ({@code normalizer.lowercase} of a BertNormalizer, or a Lowercase step of a Sequence). The file's
 * other settings (its normalizer options, pre-tokenizer and post-processor) are not read here.
 */
final class TokenizerJsonVocab {

  /** The file name written. */
  static final String VOCAB = "vocab.txt";

  /**
   * The vocabulary read.
   *
   * @param vocabFile the vocab.txt written (or found up to date) in the asked folder
   * @param tokens in id order
   * @param lowerCase the normalizer's lowercase setting; null when the file does not say
   */
  record Read(Path vocabFile, List<String> tokens, Boolean lowerCase) {
  }

  private TokenizerJsonVocab() {
  }

  /** Reads {@code tokenizerJson} and writes its vocabulary as {@code vocabDir/vocab.txt} unless it is already that. */
  static Read read(Path tokenizerJson, Path vocabDir) throws CheckpointException {
    String file = tokenizerJson.getFileName().toString();
    JsonObject root;
    try {
      root = JsonText.parseObject(file, JsonText.FILE, Files.readString(tokenizerJson, StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new CheckpointException(file, Message.of(TokenizerJsonVocab.class, "TokenizerJsonVocab.cannotRead",
          Message.verbatim(String.valueOf(ex.getMessage()))), ex);
    }
    List<String> tokens = tokens(file, root);
    Path out = vocabDir.resolve(VOCAB);
    write(out, tokens);
    return new Read(out, tokens, lowerCase(root.get("normalizer")));
  }

  /** model.vocab in id order; the ids must be 0, 1, ..., n - 1, each once. */
  private static List<String> tokens(String file, JsonObject root) throws CheckpointException {
    JsonElement model = root.get("model");
    JsonObject m = model != null && model.isJsonObject() ? model.getAsJsonObject() : null;
    JsonElement type = m == null ? null : m.get("type");
    String kind = type != null && type.isJsonPrimitive() ? type.getAsString() : "WordPiece";
    JsonElement vocab = m == null ? null : m.get("vocab");
    if (!kind.equals("WordPiece") || vocab == null || !vocab.isJsonObject()) {
      throw new CheckpointException(file, Message.of(TokenizerJsonVocab.class, "TokenizerJsonVocab.notWordPiece",
          kind));
    }
    JsonObject v = vocab.getAsJsonObject();
    String[] byId = new String[v.size()];
    for (Map.Entry<String, JsonElement> e : v.entrySet()) {
      JsonElement id = e.getValue();
      double d = id.isJsonPrimitive() && id.getAsJsonPrimitive().isNumber() ? id.getAsDouble() : -1;
      if (d < 0 || d >= byId.length || d != Math.rint(d) || byId[(int) d] != null) {
        throw new CheckpointException(file, Message.of(TokenizerJsonVocab.class, "TokenizerJsonVocab.badId",
            e.getKey(), id, byId.length));
      }
      if (e.getKey().indexOf('\n') >= 0 || e.getKey().indexOf('\r') >= 0) {
        throw new CheckpointException(file, Message.of(TokenizerJsonVocab.class, "TokenizerJsonVocab.lineBreak",
            (int) d));
      }
      byId[(int) d] = e.getKey();
    }
    return Arrays.asList(byId);
  }

  /** BertNormalizer's lowercase, or true for a Sequence with a Lowercase step; null otherwise. */
  static Boolean lowerCase(JsonElement normalizer) {
    if (normalizer == null || !normalizer.isJsonObject()) {
      return null;
    }
    JsonObject n = normalizer.getAsJsonObject();
    JsonElement type = n.get("type");
    String t = type != null && type.isJsonPrimitive() ? type.getAsString() : "";
    if (t.equals("BertNormalizer")) {
      JsonElement lc = n.get("lowercase");
      return lc == null || lc.isJsonNull() ? Boolean.TRUE // the library's default
          : lc.isJsonPrimitive() && lc.getAsJsonPrimitive().isBoolean() ? lc.getAsBoolean() : null;
    }
    if (t.equals("Lowercase")) {
      return true;
    }
    if (t.equals("Sequence") && n.get("normalizers") != null && n.get("normalizers").isJsonArray()) {
      for (JsonElement step : n.getAsJsonArray("normalizers")) {
        if (Boolean.TRUE.equals(lowerCase(step))) {
          return true;
        }
      }
      return false;
    }
    return null;
  }

  /** Writes {@code tokens} one a line unless the file holds exactly that already (atomically: temp file, rename). */
  private static void write(Path out, List<String> tokens) throws CheckpointException {
    byte[] text = (String.join("\n", tokens) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (Files.isRegularFile(out) && Files.size(out) == text.length && Arrays.equals(Files.readAllBytes(out), text)) {
        return;
      }
      Files.createDirectories(out.getParent());
      Path tmp = Files.createTempFile(out.getParent(), "." + VOCAB, ".writing");
      try {
        Files.write(tmp, text);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException ex) {
      throw new CheckpointException(out.toString(), Message.of(TokenizerJsonVocab.class,
          "TokenizerJsonVocab.cannotWrite", Message.verbatim(String.valueOf(ex.getMessage()))), ex);
    }
  }
}
