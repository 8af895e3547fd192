package org.bertworkbench.core.pretrain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bertworkbench.core.job.Message;

/**
 * Reads a corpus from a UTF-8 text file or a folder of them ({@code *.txt}, sorted by name, each
 * file ending a document).
 *
 * <p>A blank line separates documents, as in google-research/bert's sample_text.txt. Lines are
 * sentences in {@link Format#BERT} (one sentence per line); in {@link Format#PROSE} each line (a
 * paragraph) is cut into sentences by {@link SentenceSplitter}. {@link Format#AUTO} picks prose
 * when lines hold 1.5 sentences or more on average.
 *
 * <p>Refused with a one-line {@link CorpusException}: a missing path, a folder without text files,
 * a binary file (NUL bytes), text that is not UTF-8, an empty corpus, and a corpus of one document
 * (next-sentence prediction needs random sentences from another document).
 */
public final class CorpusReader {

  /** How lines become sentences. */
  public enum Format { AUTO, BERT, PROSE }

  private CorpusReader() {}

  /** Reads {@code path} in {@link Format#AUTO}. */
  public static Corpus read(Path path) {
    return read(path, Format.AUTO);
  }

  public static Corpus read(Path path, Format format) {
    if (!Files.exists(path)) {
      throw new CorpusException(path.toString(), Message.of(CorpusReader.class, "CorpusReader.notFound"));
    }
    List<List<String>> paragraphs = new ArrayList<>();
    for (Path f : files(path)) {
      paragraphs.addAll(split(decode(f)));
    }
    return build(path.toString(), paragraphs, format);
  }

  /** A corpus from text in memory (same rules as a file). */
  public static Corpus fromText(String source, String text, Format format) {
    return build(source, split(text), format);
  }

  private static Corpus build(String source, List<List<String>> paragraphs, Format format) {
    boolean prose = format == Format.PROSE || format == Format.AUTO && looksLikeProse(paragraphs);
    List<List<String>> documents = new ArrayList<>();
    for (List<String> doc : paragraphs) {
      documents.add(prose ? doc.stream().flatMap(l -> SentenceSplitter.split(l).stream()).toList() : doc);
    }
    return check(new Corpus(source, documents, prose));
  }

  private static Corpus check(Corpus corpus) {
    if (corpus.documents().isEmpty()) {
      throw new CorpusException(corpus.source(), Message.of(CorpusReader.class, "CorpusReader.empty"));
    }
    if (corpus.documents().size() < 2) {
      throw new CorpusException(corpus.source(), Message.of(CorpusReader.class, "CorpusReader.oneDocument"));
    }
    return corpus;
  }

  private static List<Path> files(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> all = Files.walk(path)) {
      List<Path> files = all.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
      if (files.isEmpty()) {
        throw new CorpusException(path.toString(), Message.of(CorpusReader.class, "CorpusReader.noTxtFiles"));
      }
      return files;
    } catch (IOException e) {
      throw new CorpusException(path.toString(),
          Message.of(CorpusReader.class, "CorpusReader.cannotRead", Message.verbatim(e.getMessage())));
    }
  }

  private static String decode(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CorpusException(file.toString(),
          Message.of(CorpusReader.class, "CorpusReader.cannotRead", Message.verbatim(e.getMessage())));
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new CorpusException(file.toString(), Message.of(CorpusReader.class, "CorpusReader.binary"));
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new CorpusException(file.toString(), Message.of(CorpusReader.class, "CorpusReader.notUtf8"));
    }
    return text;
  }

  /** Blank lines separate documents; lines are stripped, a byte-order mark dropped. */
  private static List<List<String>> split(String text) {
    List<List<String>> docs = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : text.replace("\uFEFF", "").split("\r?\n|\r", -1)) {
      String s = line.strip();
      if (s.isEmpty()) {
        if (!current.isEmpty()) {
          docs.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(s);
      }
    }
    if (!current.isEmpty()) {
      docs.add(current);
    }
    return docs;
  }

  private static boolean looksLikeProse(List<List<String>> docs) {
    long lines = 0;
    long sentences = 0;
    for (List<String> doc : docs) {
      for (String line : doc) {
        lines++;
        sentences += SentenceSplitter.split(line).size();
      }
    }
    return lines > 0 && sentences >= 1.5 * lines;
  }
}
