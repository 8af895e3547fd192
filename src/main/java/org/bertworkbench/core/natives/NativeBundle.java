package org.bertworkbench.core.natives;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * One set of PyTorch natives on the classpath, as its jar's {@code native/lib/pytorch.properties}
 * describes it ({@code pytorch-native-cpu}: flavor cpu; {@code pytorch-native-cu124}: flavor cu124).
 * Its libraries are the resources {@code pytorch/<flavor>/<classifier>/<library>}.
 *
 * @param flavor "cpu", "cu124", ...
 * @param version the natives' build, e.g. "2.5.1-20241113"
 * @param classifier e.g. "linux-x86_64"
 * @param libraries the file names, as the properties list them
 */
public record NativeBundle(String flavor, String version, String classifier, List<String> libraries) {

  /** Where each jar of natives describes itself (DJL's {@code Platform} reads the same files). */
  public static final String PROPERTIES = "native/lib/pytorch.properties";

  public NativeBundle {
    libraries = List.copyOf(libraries);
  }

  /** The bundle a properties file describes; null when it is a placeholder or names no libraries. */
  static NativeBundle read(URL url) throws IOException {
    Properties p = new Properties();
    try (InputStream in = url.openStream()) {
      p.load(in);
    }
    return of(p);
  }

  static NativeBundle of(Properties p) {
    String libraries = p.getProperty("libraries", "").trim();
    if (p.getProperty("placeholder") != null || libraries.isEmpty() || p.getProperty("version") == null) {
      return null;
    }
    String classifier = p.getProperty("classifier", "");
    String flavor = p.getProperty("flavor");
    if (flavor == null) {
      // An older layout: the classifier carries the flavor in front, "cu124-linux-x86_64".
      int dash = classifier.indexOf('-');
      flavor = dash < 0 ? "cpu" : classifier.substring(0, dash);
      classifier = dash < 0 ? classifier : classifier.substring(dash + 1);
    }
    return new NativeBundle(flavor, p.getProperty("version"), classifier,
        Arrays.stream(libraries.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  /** True for a CUDA build of the natives. */
  public boolean cuda() {
    return flavor.startsWith("cu");
  }

  /** The resource of one of its libraries. */
  String resource(String library) {
    return "pytorch/" + flavor + '/' + classifier + '/' + library;
  }

  /**
   * The cache folder's name, exactly as DJL's {@code LibUtils} names the one it unpacks the same
   * natives to ("2.5.1-20241113-cpu-linux-x86_64"), so that either may find what the other unpacked.
   */
  String folderName() {
    return version + '-' + djlFlavor() + '-' + classifier;
  }

  /** The flavor as DJL names folders and JNI libraries by it: "-precxx11" added for natives that bring their libstdc++. */
  String djlFlavor() {
    return libraries.contains("libstdc++.so.6") && !flavor.endsWith("-precxx11") ? flavor + "-precxx11" : flavor;
  }

  /** The classifier of this machine in DJL's words ("linux-x86_64"). */
  static String systemClassifier() {
    String os = System.getProperty("os.name", "");
    String prefix = os.startsWith("Win") ? "win" : os.startsWith("Mac") ? "osx" : os.startsWith("Linux") ? "linux" : os;
    String arch = System.getProperty("os.arch", "");
    return prefix + '-' + ("amd64".equals(arch) ? "x86_64" : arch);
  }
}
