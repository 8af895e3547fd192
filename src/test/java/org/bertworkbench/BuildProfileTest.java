package org.bertworkbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The README's GPU build: "the {@code cuda} profile swaps {@code pytorch-native-cpu} for
 * {@code pytorch-native-cu124} 2.5.1". Read from pom.xml, since no GPU build runs here.
 */
class BuildProfileTest {

  @Test
  void theCudaProfileSwapsTheCpuNativesForCuda124OfTheSameTorch() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    XPath x = XPathFactory.newInstance().newXPath();
    assertEquals("pytorch-native-cpu", x.evaluate("/project/properties/torch.native.artifact", pom));
    assertEquals("pytorch-native-cu124",
        x.evaluate("/project/profiles/profile[id='cuda']/properties/torch.native.artifact", pom));
    assertEquals("2.5.1", x.evaluate("/project/properties/torch.version", pom));
    assertEquals("${torch.version}",
        x.evaluate("/project/dependencies/dependency[artifactId='${torch.native.artifact}']/version", pom),
        "the natives, CPU or CUDA, are torch.version's");
  }

  /**
   * The installer profile (README "Install it"): jpackage is handed the shaded jar the build writes, the
   * jar's own Main-Class, a PNG icon from {@code assets/}, DJL's offline switches, and a desktop entry that
   * is a template jpackage fills in. .ci/deb-check builds and runs the package; this catches a drift
   * between the profile and the build (a renamed jar or main class) without the two-minute build.
   */
  @Test
  void theInstallerPackagesTheShadedJarWithItsMainClassAnIconAndOfflineMode() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    XPath x = XPathFactory.newInstance().newXPath();
    NodeList nodes = (NodeList) x.evaluate(
        "/project/profiles/profile[id='installer']//exec[contains(@executable, 'jpackage')]/arg", pom,
        javax.xml.xpath.XPathConstants.NODESET);
    List<String> args = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      var a = (org.w3c.dom.Element) nodes.item(i);
      args.add(a.hasAttribute("value") ? a.getAttribute("value") : a.getAttribute("file"));
    }
    assertTrue(args.size() > 10, "the jpackage call: " + args);
    String shade = "/project/build/plugins/plugin[artifactId='maven-shade-plugin']/executions/execution/configuration";
    assertEquals("deb", after(args, "--type"));
    assertEquals(x.evaluate(shade + "/finalName", pom) + ".jar", after(args, "--main-jar"));
    assertEquals(x.evaluate(shade + "/transformers/transformer[mainClass]/mainClass", pom), after(args, "--main-class"));
    assertEquals(Launcher.class.getName(), after(args, "--main-class"));
    assertTrue(args.contains("-Dai.djl.offline=true") && args.contains("-DOPT_OUT_TRACKING=true"), args.toString());
    assertTrue(args.contains("--linux-shortcut"), args.toString());

    Path icon = Path.of(after(args, "--icon").replace("${project.basedir}/", ""));
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(icon), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, icon + " is a PNG");
    assertTrue(icon.startsWith("assets"), icon.toString());

    Path resources = Path.of(after(args, "--resource-dir").replace("${project.basedir}/", ""));
    String desktop = Files.readString(resources.resolve(x.evaluate(
        "/project/profiles/profile[id='installer']/properties/installer.name", pom) + ".desktop"));
    for (String line : List.of("Exec=APPLICATION_LAUNCHER", "Icon=APPLICATION_ICON", "Categories=DEPLOY_BUNDLE_CATEGORY",
        "Type=Application", "Name=BERT Workbench")) {
      assertTrue(desktop.lines().anyMatch(line::equals), "the desktop entry has " + line);
    }
    for (String script : List.of("postinst", "prerm")) {
      assertTrue(Files.readString(resources.resolve(script)).contains(script.equals("postinst")
          ? "DESKTOP_COMMANDS_INSTALL" : "DESKTOP_COMMANDS_UNINSTALL"), script + " keeps jpackage's desktop commands");
    }
  }

  /** The argument after {@code option} in jpackage's arguments. */
  private static String after(List<String> args, String option) {
    int i = args.indexOf(option);
    assertTrue(i >= 0 && i + 1 < args.size(), "jpackage is given " + option + ": " + args);
    return args.get(i + 1);
  }

  /**
   * The GPU build carries the CPU natives too (its fall-back), and keeps both native jars whole
   * beside the jar in lib/, named by its Class-Path: shaded, only one of their two
   * native/lib/pytorch.properties would survive. GpuBuildFallbackIT runs that jar.
   */
  @Test
  void theCudaProfileKeepsBothNativesBesideTheJar() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    XPath x = XPathFactory.newInstance().newXPath();
    String cuda = "/project/profiles/profile[id='cuda']";
    assertEquals("linux-x86_64",
        x.evaluate(cuda + "/dependencies/dependency[artifactId='pytorch-native-cpu']/classifier", pom));
    String copy = cuda + "/build/plugins/plugin[artifactId='maven-dependency-plugin']/executions/execution";
    assertEquals("copy-dependencies", x.evaluate(copy + "/goals/goal", pom));
    assertEquals("pytorch-native-cpu,pytorch-native-cu124", x.evaluate(copy + "/configuration/includeArtifactIds", pom));
    assertEquals("${project.build.directory}/lib", x.evaluate(copy + "/configuration/outputDirectory", pom));
    String shade = cuda + "/build/plugins/plugin[artifactId='maven-shade-plugin']/executions/execution/configuration";
    assertEquals("ai.djl.pytorch:pytorch-native-cpu ai.djl.pytorch:pytorch-native-cu124",
        joined(x, pom, shade + "/artifactSet/excludes/exclude"));
    assertEquals("lib/pytorch-native-cu124-${torch.version}-linux-x86_64.jar lib/pytorch-native-cpu-${torch.version}-linux-x86_64.jar",
        x.evaluate(shade + "/transformers/transformer/manifestEntries/Class-Path", pom));
    assertEquals("gpu-build", x.evaluate("/project/properties/gpu.build.excluded", pom), "the default build skips it");
    assertEquals("none", x.evaluate(cuda + "/properties/gpu.build.excluded", pom));
  }

  private static String joined(XPath x, Document pom, String path) throws Exception {
    org.w3c.dom.NodeList nodes = (org.w3c.dom.NodeList) x.evaluate(path, pom, javax.xml.xpath.XPathConstants.NODESET);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.append(i == 0 ? "" : " ").append(nodes.item(i).getTextContent().trim());
    }
    return out.toString();
  }
}
