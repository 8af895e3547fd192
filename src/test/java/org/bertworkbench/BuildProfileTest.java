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
}
