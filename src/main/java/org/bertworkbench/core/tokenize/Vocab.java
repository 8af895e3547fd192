package org.bertworkbench.core.tokenize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.job.Message;

/**
 * BERT's vocabulary: the list of word pieces the model knows, read from {@code vocab.txt}, where
 * line <i>n</i> (counting from 0) holds the piece whose id is <i>n</i>.
 *
 * <p>A vocabulary must contain the five special tokens {@value #PAD}, {@value #UNK}, {@value
 * #CLS}, {@value #SEP} and {@value #MASK}, and no token twice; otherwise it is refused with a
 * {@link VocabException}.
 */
public final class Vocab {

  /** Fills a sequence up to a fixed length. */
  public static final String PAD = "[PAD]";
  /** Stands for a word that cannot be built from the vocabulary's pieces. */
  public static final String UNK = "[UNK]";
  /** Opens every input; its final vector summarises the whole input. */
  public static final String CLS = "[CLS]";
  /** Closes each sentence of the input. */
  public static final String SEP = "[SEP]";
  /** Hides a word the model must guess during pre-training. */
  public static final String MASK = "[MASK]";
  /** The five special tokens, in the order above. */
  public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, CLS, SEP, MASK);

  private final List<String> tokens;
  private final Map<String, Integer> ids;

  private Vocab(List<String> tokens, Map<String, Integer> ids) {
    this.tokens = tokens;
    this.ids = ids;
  }

  /** Reads a {@code vocab.txt} file (UTF-8, one token per line). */
  public static Vocab load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new VocabException(file.toString(), Message.of(Vocab.class, "unreadable", e));
    }
  }

  /**
   * Reads a vocabulary from a stream (UTF-8, one token per line), for example an entry of a
   * checkpoint archive. The stream is read to its end but not closed.
   *
   * @param source the name used in error messages, such as the file name
   */
  public static Vocab read(InputStream in, String source) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in.readAllBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new VocabException(source, Message.of(Vocab.class, "notUtf8"));
    } catch (IOException e) {
      throw new VocabException(source, Message.of(Vocab.class, "unreadable", e));
    }
    return build(lines(text), source);
  }

  /** A vocabulary from an in-memory list of tokens; the id of a token is its index. */
  public static Vocab of(List<String> tokens) {
    return build(List.copyOf(tokens), "vocabulary");
  }

  /** Splits on '\n', accepting Windows line ends; a final line end does not start a new line. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = end + 1;
    }
    return lines;
  }

  private static Vocab build(List<String> tokens, String source) {
    if (tokens.isEmpty()) {
      throw new VocabException(source, Message.of(Vocab.class, "empty"));
    }
    Map<String, Integer> ids = new HashMap<>(tokens.size() * 2);
    for (int id = 0; id < tokens.size(); id++) {
      String token = tokens.get(id);
      if (token.isEmpty()) {
        throw new VocabException(source, Message.of(Vocab.class, "emptyLine", id + 1));
      }
      Integer first = ids.putIfAbsent(token, id);
      if (first != null) {
        throw new VocabException(source, Message.of(Vocab.class, "duplicate", id + 1, token, first + 1));
      }
    }
    for (String special : SPECIAL_TOKENS) {
      if (!ids.containsKey(special)) {
        throw new VocabException(source, Message.of(Vocab.class, "noSpecial", special));
      }
    }
    return new Vocab(List.copyOf(tokens), ids);
  }

  /** The number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** All tokens, in id order. */
  public List<String> tokens() {
    return tokens;
  }

  /** The token with this id; throws {@link IndexOutOfBoundsException} outside {@code [0, size)}. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** The id of this token, or -1 if the vocabulary does not have it. */
  public int id(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /** Whether the vocabulary has this token. */
  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  /** The id of {@value #PAD}. */
  public int padId() {
    return ids.get(PAD);
  }

  /** The id of {@value #UNK}. */
  public int unkId() {
    return ids.get(UNK);
  }

  /** The id of {@value #CLS}. */
  public int clsId() {
    return ids.get(CLS);
  }

  /** The id of {@value #SEP}. */
  public int sepId() {
    return ids.get(SEP);
  }

  /** The id of {@value #MASK}. */
  public int maskId() {
    return ids.get(MASK);
  }
}
