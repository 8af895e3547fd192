package org.bertworkbench.core.finetune;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the Debian topic-classification set of {@code sample-data/debian-topics/}: the one-line
 * descriptions of Debian packages, labelled with their archive section, from a Debian
 * {@code Packages} index (plain text, e.g. from
 * {@code lz4cat /var/lib/apt/lists/*_bookworm_main_binary-amd64_Packages.lz4}).
 *
 * <p>Deterministic: the same index gives the same files. Steps: packages sorted by name; only the
 * chosen sections; descriptions of transitional, dummy and debug-symbol packages dropped, and every
 * description after its first (ignoring case); at most {@link #PER_SOURCE} descriptions of one
 * source package, so that one family (say a program's many plugins) cannot fill a class; then,
 * per section, a seeded shuffle and the first {@code perSection}. The dev part is cut by source
 * package, per section, so that no source has packages on both sides (their descriptions are
 * often near copies: "foo", "foo (data files)"). Rows are sorted by package name.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes
 * org.bertworkbench.core.finetune.DebianTopics PACKAGES_TEXT OUT_DIR}.
 */
final class DebianTopics {

  /** The sections: topics a reader tells apart from a package's one-line description. */
  static final List<String> SECTIONS = List.of("fonts", "games", "graphics", "science", "sound", "web");
  static final int PER_SECTION = 370;
  static final int PER_SOURCE = 3;
  static final double DEV_FRACTION = 0.2;
  static final long SEED = 20240611L;

  private static final Pattern NOISE =
      Pattern.compile("(?i).*\\b(transitional|dummy package|debug symbols|debugging symbols)\\b.*");

  /** One binary package: its name, its source package, its section and its one-line description. */
  record Package(String name, String source, String section, String description) {}

  /** A row of the set. */
  record Row(String sentence, String label, String packageName) {}

  /** The two parts. */
  record Built(List<Row> train, List<Row> dev) {}

  private DebianTopics() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: DebianTopics PACKAGES_TEXT OUT_DIR");
    }
    Built b = build(parse(Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)));
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    Files.writeString(out.resolve("train.tsv"), tsv(b.train()));
    Files.writeString(out.resolve("dev.tsv"), tsv(b.dev()));
  }

  /** The packages of a {@code Packages} index (stanzas of "Field: value" lines, blank lines between). */
  static List<Package> parse(BufferedReader in) throws IOException {
    List<Package> out = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    String line;
    while (true) {
      line = in.readLine();
      if (line == null || line.isEmpty()) {
        if (fields.containsKey("Package")) {
          String source = fields.getOrDefault("Source", fields.get("Package")).split(" ")[0];
          String section = fields.getOrDefault("Section", "");
          out.add(new Package(fields.get("Package"), source, section.substring(section.lastIndexOf('/') + 1),
              fields.getOrDefault("Description", "").strip()));
        }
        fields.clear();
        if (line == null) {
          return out;
        }
      } else if (!Character.isWhitespace(line.charAt(0)) && line.indexOf(':') > 0) {
        int colon = line.indexOf(':');
        fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
  }

  static Built build(List<Package> packages) {
    return build(packages, SECTIONS, PER_SECTION, DEV_FRACTION, SEED);
  }

  static Built build(List<Package> packages, List<String> sections, int perSection, double devFraction, long seed) {
    List<Package> sorted = new ArrayList<>(packages);
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    Set<String> seen = new HashSet<>();
    Map<String, Integer> perSource = new TreeMap<>();
    Map<String, List<Package>> bySection = new LinkedHashMap<>();
    sections.forEach(s -> bySection.put(s, new ArrayList<>()));
    for (Package p : sorted) {
      List<Package> into = bySection.get(p.section());
      String d = p.description();
      if (into == null || d.isEmpty() || d.indexOf('\t') >= 0 || NOISE.matcher(d).matches()
          || !seen.add(d.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (perSource.merge(p.source(), 1, Integer::sum) <= PER_SOURCE) {
        into.add(p);
      }
    }
    Random random = new Random(seed);
    List<Row> train = new ArrayList<>();
    List<Row> dev = new ArrayList<>();
    for (Map.Entry<String, List<Package>> e : bySection.entrySet()) {
      List<Package> pool = e.getValue();
      if (pool.size() < perSection) {
        throw new IllegalStateException("section " + e.getKey() + " has " + pool.size() + " usable descriptions, "
            + "fewer than " + perSection);
      }
      Collections.shuffle(pool, random);
      List<Package> chosen = new ArrayList<>(pool.subList(0, perSection));
      Set<String> devSources = devSources(chosen, devFraction, random);
      for (Package p : chosen) {
        (devSources.contains(p.source()) ? dev : train).add(new Row(p.description(), e.getKey(), p.name()));
      }
    }
    train.sort((a, b) -> a.packageName().compareTo(b.packageName()));
    dev.sort((a, b) -> a.packageName().compareTo(b.packageName()));
    return new Built(train, dev);
  }

  /** Whole source packages, in a seeded order, until they hold {@code fraction} of the section's rows. */
  private static Set<String> devSources(List<Package> chosen, double fraction, Random random) {
    Map<String, Integer> counts = new TreeMap<>();
    chosen.forEach(p -> counts.merge(p.source(), 1, Integer::sum));
    List<String> sources = new ArrayList<>(counts.keySet());
    Collections.shuffle(sources, random);
    Set<String> dev = new HashSet<>();
    int target = (int) Math.round(chosen.size() * fraction);
    int taken = 0;
    for (String s : sources) {
      if (taken >= target) {
        break;
      }
      dev.add(s);
      taken += counts.get(s);
    }
    return dev;
  }

  /** The rows as a TSV with a header: {@code sentence, label, package}. */
  static String tsv(List<Row> rows) {
    StringBuilder sb = new StringBuilder("sentence\tlabel\tpackage\n");
    for (Row r : rows) {
      sb.append(r.sentence()).append('\t').append(r.label()).append('\t').append(r.packageName()).append('\n');
    }
    return sb.toString();
  }
}
