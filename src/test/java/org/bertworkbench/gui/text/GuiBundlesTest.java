package org.bertworkbench.gui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/**
 * Every gui bundle is whole in both languages: the same keys, the same placeholders, Japanese
 * text that is Japanese, and every key the code asks for present. Read from the source tree, so
 * that a failure names the file to mend.
 */
public class GuiBundlesTest {

  static final Path RESOURCES = Path.of("src/main/resources/org/bertworkbench/gui");
  static final Path SOURCES = Path.of("src/main/java/org/bertworkbench/gui");

  /**
   * What a Japanese value may be made of when it has no Japanese script: names that stay as they
   * are in Japanese text, numbers, placeholders and punctuation.
   */
  public static final Pattern NAMES_ONLY = Pattern.compile(
      "(\\[CLS]|\\[SEP]|\\[MASK]|\\[PAD]|\\[UNK]|BERT(-Base|-Large)?|WordPiece|GELU|Adam(W)?|LayerNorm|PCA|"
          + "MLM|NSP|QA|NER|CPU|GPU|CUDA|ONNX|JSON|CSV|TSV|PNG|SVG|HTML|F1|ID|IOB2?|BIO|"
          + "bert-[a-z0-9-]+|sample-tiny|T_start|T_end|Q|K|V|L\\d*|H\\d*|"
          + "\\d+(\\.\\d+)?e-?\\d+|MB|GB|KB|ms|s|\\{\\d+[^}]*}|[0-9.,%×x+\\-−–—/:;()\\[\\]#·…=<>≤≥|'\"!?\\s])*");

  public static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}ー\\u3000-\\u303f\\uff01-\\uff5e]");

  /** {@code T.get("key")} and {@code T.format("key", …)}: the keys the code names literally. */
  static final Pattern KEY_USE = Pattern.compile("\\bT\\.(?:get|format|has)\\(\\s*\"([^\"]+)\"\\s*[,)]");

  @Test
  void everyEnglishBundleHasAJapaneseOneWithTheSameKeysAndPlaceholders() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> bundles = bundles();
    assertFalse(bundles.isEmpty(), "no messages.properties under " + RESOURCES);
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
    assertEquals(List.of(), problems);
  }

  @Test
  void everyKeyTheCodeNamesIsInItsPackagesBundle() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path java : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = Files.readString(java);
        Matcher m = KEY_USE.matcher(code);
        Path bundle = RESOURCES.resolve(SOURCES.relativize(java.getParent())).resolve("messages.properties");
        Properties keys = Files.exists(bundle) ? load(bundle) : new Properties();
        while (m.find()) {
          if (!keys.containsKey(m.group(1))) {
            problems.add(java.getFileName() + ": '" + m.group(1) + "' is not in " + bundle);
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theLanguageSwitchChangesWhatABundleSays() {
    Texts t = Texts.of(Texts.class);
    Language before = Language.current();
    try {
      Language.use(Language.EN);
      String en = t.get("language.menu");
      Language.use(Language.JA);
      String ja = t.get("language.menu");
      assertTrue(JAPANESE.matcher(ja).find(), ja);
      assertFalse(en.equals(ja));
    } finally {
      Language.use(before);
    }
  }

  @Test
  void tagsNameTheTwoLanguages() {
    assertEquals(Language.JA, Language.of("ja-JP").orElseThrow());
    assertEquals(Language.EN, Language.of("EN").orElseThrow());
    assertTrue(Language.of("fr").isEmpty());
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

  static Set<String> placeholders(String value) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\d+)").matcher(value);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static List<Path> bundles() throws IOException {
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      return files.filter(p -> p.getFileName().toString().equals("messages.properties")).sorted().toList();
    }
  }

  static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }
}
