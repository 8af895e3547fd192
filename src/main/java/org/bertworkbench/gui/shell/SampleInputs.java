package org.bertworkbench.gui.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bertworkbench.gui.text.Language;

/** The ready example inputs of {@code sample-data/inputs/examples.tsv}, packaged with the app. */
public final class SampleInputs {

  /**
   * One example: its menu name, sentence A, sentence B (empty for a single sentence) and its name
   * in Japanese (the English one when the file has none).
   */
  public record Sample(String name, String textA, String textB, String nameJa) {

    /** The menu name in {@code language}. */
    public String name(Language language) {
      return language == Language.JA ? nameJa : name;
    }
  }

  static final String RESOURCE = "/org/bertworkbench/samples/examples.tsv";

  private SampleInputs() {}

  /** Every example, in the file's order; none when the resource is missing or unreadable. */
  public static List<Sample> load() {
    List<Sample> out = new ArrayList<>();
    try (InputStream in = SampleInputs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return out;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length >= 2) {
          out.add(new Sample(f[0], f[1].replace("\\n", "\n"), f.length > 2 ? f[2] : "",
              f.length > 3 && !f[3].isBlank() ? f[3] : f[0]));
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }
}
