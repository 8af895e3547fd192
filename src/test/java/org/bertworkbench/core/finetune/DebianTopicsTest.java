package org.bertworkbench.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Debian topic set: the builder's rules, the shipped files are what it makes from Debian 12's
 * index (when this machine has that index), and the naive-Bayes baseline figures of its README.
 */
class DebianTopicsTest {

  static final Path DIR = Path.of("sample-data/debian-topics");
  /** Debian 12.15 (bookworm) main/binary-amd64/Packages, as listed in its InRelease. */
  static final String PACKAGES_SHA256 = "515e692f2c4121c6fcec444ef100cc18f79a991910615f3a88c8b7becfc94d2f";
  static final Path PACKAGES_LZ4 =
      Path.of("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4");

  @Test
  void builderRules() throws Exception {
    StringBuilder index = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      stanza(index, "game" + i, "bigsrc", "games", "Puzzle game number " + i);
    }
    stanza(index, "chess", null, "games", "Chess game");
    stanza(index, "chess2", null, "games", "chess GAME");
    stanza(index, "old", null, "games", "transitional dummy package");
    stanza(index, "dbg", null, "games", "debug symbols for chess");
    stanza(index, "tetris", "tetris-src (1.0)", "contrib/games", "Falling blocks");
    for (int i = 0; i < 5; i++) {
      stanza(index, "synth" + i, "s" + i, "sound", "Synthesizer " + i);
    }
    stanza(index, "editor", null, "editors", "Text editor");
    List<DebianTopics.Package> pkgs = DebianTopics.parse(new BufferedReader(new StringReader(index.toString())));
    assertEquals(17, pkgs.size());
    assertEquals(new DebianTopics.Package("tetris", "tetris-src", "games", "Falling blocks"), pkgs.get(10));
    DebianTopics.Built b = DebianTopics.build(pkgs, List.of("games", "sound"), 5, 0.4, 1);
    List<DebianTopics.Row> all = new java.util.ArrayList<>(b.train());
    all.addAll(b.dev());
    Set<String> names = all.stream().map(DebianTopics.Row::packageName).collect(Collectors.toSet());
    assertEquals(10, all.size());
    assertTrue(!names.contains("chess2") && !names.contains("old") && !names.contains("dbg")
        && !names.contains("editor"), names.toString());
    assertTrue(names.stream().filter(n -> n.startsWith("game")).count() <= DebianTopics.PER_SOURCE);
    // whole sources go to dev until a section's share (2 of 5) is reached; bigsrc brings 3 at once
    Map<String, Long> devCounts = b.dev().stream()
        .collect(Collectors.groupingBy(DebianTopics.Row::label, Collectors.counting()));
    assertEquals(2L, devCounts.get("sound"));
    assertTrue(devCounts.get("games") >= 2 && devCounts.get("games") <= 4, devCounts.toString());
    Set<String> devSources = new HashSet<>();
    b.dev().forEach(r -> devSources.add(r.packageName().startsWith("game") ? "bigsrc" : r.packageName()));
    b.train().forEach(r -> assertTrue(!devSources.contains(r.packageName().startsWith("game") ? "bigsrc"
        : r.packageName()), "a source on both sides"));
  }

  private static void stanza(StringBuilder sb, String name, String source, String section, String description) {
    sb.append("Package: ").append(name).append('\n');
    if (source != null) {
      sb.append("Source: ").append(source).append('\n');
    }
    sb.append("Version: 1.0\nDescription: ").append(description).append("\nDescription-md5: 0\nTag: role::program,\n")
        .append(" use::gameplaying\nSection: ").append(section).append("\n\n");
  }

  @Test
  void shippedFilesAreWhatTheBuilderMakesFromDebian12() throws Exception {
    assumeTrue(Files.isReadable(PACKAGES_LZ4), "no Debian 12 package index on this machine");
    Process p = new ProcessBuilder("lz4cat", PACKAGES_LZ4.toString()).redirectErrorStream(false).start();
    byte[] index = p.getInputStream().readAllBytes();
    assumeTrue(p.waitFor() == 0, "lz4cat failed");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(index));
    assumeTrue(sha.equals(PACKAGES_SHA256), "this machine's index is another version: " + sha);
    DebianTopics.Built b = DebianTopics.build(DebianTopics.parse(new BufferedReader(new InputStreamReader(
        new java.io.ByteArrayInputStream(index), StandardCharsets.UTF_8))));
    assertEquals(DebianTopics.tsv(b.train()), Files.readString(DIR.resolve("train.tsv")));
    assertEquals(DebianTopics.tsv(b.dev()), Files.readString(DIR.resolve("dev.tsv")));
  }

  @Test
  void shippedFilesReadCleanAndBalanced() {
    Dataset train = Datasets.read(DIR.resolve("train.tsv"), TaskKind.CLASSIFY, null, null);
    Dataset dev = Datasets.read(DIR.resolve("dev.tsv"), TaskKind.CLASSIFY, null, train.labels());
    assertTrue(train.badRows().isEmpty() && dev.badRows().isEmpty());
    assertEquals(6 * DebianTopics.PER_SECTION, train.examples().size() + dev.examples().size());
    assertEquals(Set.copyOf(DebianTopics.SECTIONS), Set.copyOf(train.labels()));
    train.classBalance().values().forEach(n -> assertTrue(n >= 290 && n <= 300, train.classBalance().toString()));
    dev.classBalance().values().forEach(n -> assertTrue(n >= 70 && n <= 80, dev.classBalance().toString()));
  }

  @Test
  void naiveBayesBaselineAsInTheReadme() throws Exception {
    Dataset train = Datasets.read(DIR.resolve("train.tsv"), TaskKind.CLASSIFY, null, null);
    Dataset dev = Datasets.read(DIR.resolve("dev.tsv"), TaskKind.CLASSIFY, null, train.labels());
    ClassificationMetrics m = NaiveBayes.train(train).evaluate(dev);
    System.out.printf("debian-topics naive Bayes: accuracy %.4f macro-F1 %.4f (%d dev)%n", m.accuracy(),
        m.macroF1(), m.examples());
    String readme = Files.readString(DIR.resolve("README.md"));
    assertTrue(readme.contains(String.format("accuracy **%.4f**", m.accuracy())), "README accuracy");
    assertTrue(readme.contains(String.format("macro-F1 **%.4f**", m.macroF1())), "README macro-F1");
  }
}
