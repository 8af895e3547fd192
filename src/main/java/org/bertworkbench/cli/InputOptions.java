package org.bertworkbench.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options every per-input command shares: which model, which text, how long. */
final class InputOptions {

  /** One input: sentence A and an optional sentence B. */
  record TextInput(String a, String b) {}

  @Option(names = "--model", defaultValue = "bert-base-uncased",
      description = "a known model name or a model folder (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--max-length", defaultValue = "512",
      description = "longest input in word pieces, [CLS] and [SEP] included (default: ${DEFAULT-VALUE})")
  int maxLength;

  @Option(names = "--json", description = "print one JSON object per input")
  boolean json;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @ArgGroup(exclusive = false)
    Direct direct;

    @Option(names = "--input", paramLabel = "FILE",
        description = "one input per line; a TAB separates sentence A from sentence B")
    Path input;
  }

  static final class Direct {
    @Option(names = "--text", required = true, description = "sentence A")
    String text;

    @Option(names = "--text-b", description = "sentence B (optional)")
    String textB;
  }

  /** The inputs, validated: no empty text, a readable UTF-8 file. */
  List<TextInput> inputs() {
    if (maxLength < 3) {
      throw new IllegalArgumentException("--max-length must be at least 3 ([CLS], one piece, [SEP]), got " + maxLength);
    }
    List<TextInput> out = new ArrayList<>();
    if (source.direct != null) {
      out.add(check(source.direct.text, source.direct.textB, "--text"));
      return out;
    }
    Path file = source.input;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      String where = file.getFileName() + " line " + (i + 1);
      out.add(tab < 0 ? check(line, null, where) : check(line.substring(0, tab), line.substring(tab + 1), where));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": no input lines");
    }
    return out;
  }

  private static TextInput check(String a, String b, String where) {
    if (a == null || a.isBlank()) {
      throw new IllegalArgumentException(where + ": sentence A is empty");
    }
    if (b != null && b.isBlank()) {
      throw new IllegalArgumentException(where + ": sentence B is empty (leave it out for a single sentence)");
    }
    return new TextInput(a, b);
  }
}
