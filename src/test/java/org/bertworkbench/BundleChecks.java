package org.bertworkbench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the bundle tests check, for the window's bundles (gui) and the messages of core alike: a
 * {@code messages.properties} has a {@code messages_ja.properties} with the same keys and
 * placeholders, whose values are Japanese and not the English text, and every key the code names
 * is in its package's bundle. Read from the source tree, so that a problem names the file to mend.
 */
public final class BundleChecks {

  /**
   * What a Japanese value may be made of when it has no Japanese script: names that stay as they
   * are in Japanese text, numbers, placeholders and punctuation.
   */
  public static final Pattern NAMES_ONLY = Pattern.compile(
      "(\\[CLS]|\\[SEP]|\\[MASK]|\\[PAD]|\\[UNK]|BERT(-Base|-Large)?|WordPiece|GELU|Adam(W)?|LayerNorm|PCA|"
          + "MLM|NSP|QA|NER|CPU|GPU|CUDA|ONNX|JSON|CSV|TSV|PNG|SVG|HTML|F1|ID|IOB2?|BIO|"
          + "bert-[a-z0-9-]+|sample-tiny|T_start|T_end|Q|K|V|L\\d*|H\\d*|"
          + "\\d+(\\.\\d+)?e-?\\d+|MB|GB|KB|ms|s|\\{\\d+[^}]*}|[0-9.,%×x+\\-−–—/:;()\\[\\]#·…=<>≤≥|'\"!?\\s])*");

  /** Hiragana, katakana, kanji, the long-vowel mark, Japanese and full-width punctuation. */
  public static final Pattern JAPANESE =
      Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}ー\\u3000-\\u303f\\uff01-\\uff5e]");

  private BundleChecks() {}

  /** Every problem of the bundles under {@code resources}, one line each; empty when all are whole. */
  public static List<String> problemsInBundles(Path resources) throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> bundles = bundles(resources);
    if (bundles.isEmpty()) {
      problems.add("no messages.properties under " + resources);
    }
    for (Path en : bundles) {
      Path ja = en.resolveSibling("messages_ja.properties");
      if (!Files.exists(ja)) {
        problems.add(ja + ": missing");
        continue;
      }
      Properties e = load(en);
      Properties j = load(ja);
      Set<String> onlyEn = new TreeSet<>(e.stringPropertyNames());
      onlyEn.removeAll(j.stringPropertyNames());
      Set<String> onlyJa = new TreeSet<>(j.stringPropertyNames());
      onlyJa.removeAll(e.stringPropertyNames());
      onlyEn.forEach(k -> problems.add(ja + ": no '" + k + "'"));
      onlyJa.forEach(k -> problems.add(ja + ": '" + k + "' is not in the English bundle"));
      for (String key : e.stringPropertyNames()) {
        String ev = e.getProperty(key);
        String jv = j.getProperty(key);
        if (jv == null) {
          continue;
        }
        if (!placeholders(ev).equals(placeholders(jv))) {
          problems.add(ja + ": '" + key + "' has placeholders " + placeholders(jv) + ", English has "
              + placeholders(ev));
        }
        if (!JAPANESE.matcher(jv).find() && !NAMES_ONLY.matcher(jv).matches()) {
          problems.add(ja + ": '" + key + "' has no Japanese: " + jv);
        }
        if (jv.equals(ev) && !NAMES_ONLY.matcher(jv).matches()) {
          problems.add(ja + ": '" + key + "' is the English text");
        }
        checkPattern(en, key, ev, problems);
        checkPattern(ja, key, jv, problems);
      }
    }
    return problems;
  }

  /**
   * The keys that code under {@code sources} names ({@code keyUse}'s group 1) but the bundle of
   * its package under {@code resources} lacks.
   */
  public static List<String> keysMissing(Path sources, Path resources, Pattern keyUse) throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path java : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String code = Files.readString(java);
        Matcher m = keyUse.matcher(code);
        Path bundle = resources.resolve(sources.relativize(java.getParent())).resolve("messages.properties");
        Properties keys = Files.exists(bundle) ? load(bundle) : new Properties();
        while (m.find()) {
          if (!keys.containsKey(m.group(1))) {
            problems.add(java.getFileName() + ": '" + m.group(1) + "' is not in " + bundle);
          }
        }
      }
    }
    return problems;
  }

  private static void checkPattern(Path file, String key, String value, List<String> problems) {
    if (!value.contains("{")) {
      return;
    }
    if (value.replace("''", "").contains("'")) {
      problems.add(file + ": '" + key + "' has a single apostrophe in a pattern (write '' for one)");
    }
    try {
      new MessageFormat(value);
    } catch (IllegalArgumentException e) {
      problems.add(file + ": '" + key + "' is not a valid pattern: " + e.getMessage());
    }
  }

  /** The numbers of a value's {@code {n}} placeholders. */
  public static Set<String> placeholders(String value) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\d+)").matcher(value);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Every {@code messages.properties} under {@code resources}, sorted. */
  public static List<Path> bundles(Path resources) throws IOException {
    if (!Files.isDirectory(resources)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(resources)) {
      return files.filter(p -> p.getFileName().toString().equals("messages.properties")).sorted().toList();
    }
  }

  /** A properties file read as UTF-8, as Java reads resource bundles. */
  public static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }
}
