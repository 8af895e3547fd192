package org.bertworkbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.core.analysis.CorpusFile;
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
    for (CorpusFile.Line line : CorpusFile.read(source.input)) {
      out.add(new TextInput(line.a(), line.b()));
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
