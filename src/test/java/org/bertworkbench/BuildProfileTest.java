package org.bertworkbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

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
