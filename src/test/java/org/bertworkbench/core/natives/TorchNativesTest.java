package org.bertworkbench.core.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which natives the GPU build loads and how they are made ready: the choice from the bundles on the
 * classpath, the user's settings and fake driver facts; the unpacking from jars laid out as DJL's
 * native jars are (small fake libraries), into the folder DJL itself would use.
 */
class TorchNativesTest {

  static final String HERE = NativeBundle.systemClassifier();
  static final NativeBundle CPU = new NativeBundle("cpu", "2.5.1-20241113", HERE,
      List.of("libc10.so", "libgomp-98b21ff3.so.1", "libtorch.so", "libtorch_cpu.so"));
  static final NativeBundle CU124 = new NativeBundle("cu124", "2.5.1-20241113", HERE,
      List.of("libc10.so", "libc10_cuda.so", "libcudart-8774224f.so.12", "libtorch.so", "libtorch_cpu.so",
          "libtorch_cuda.so"));
  static final NvidiaFacts NO_DRIVER = new NvidiaFacts(null, "cannot open shared object file", -1, -1, -1);
  static final NvidiaFacts GOOD_DRIVER = new NvidiaFacts(GpuCheckTest.PROC_550, null, 12040, 0, 1);
  static final Function<String, String> NO_SETTINGS = name -> null;

  static Supplier<NvidiaFacts> never() {
    return () -> {
      throw new AssertionError("the driver is asked only when there are CUDA natives to choose");
    };
  }

  static Function<String, String> settings(String name, String value) {
    return n -> n.equals(name) ? value : null;
  }

  @Test
  void theCpuBuildIsLeftToDjl() {
    TorchNatives.Choice c = TorchNatives.choose(List.of(CPU), NO_SETTINGS, never());
    assertEquals(TorchNatives.Kind.ONE_SET, c.kind());
    assertEquals(CPU, c.bundle());
    assertTrue(c.fallbackNote().isEmpty());
    // GPU natives for another machine (aarch64) do not make a GPU build here.
    NativeBundle other = new NativeBundle("cu124", "2.5.1-20241113", "linux-aarch64", CU124.libraries());
    assertEquals(TorchNatives.Kind.ONE_SET, TorchNatives.choose(List.of(other, CPU), NO_SETTINGS, never()).kind());
  }

  @Test
  void theGpuBuildWithoutAUsableGpuFallsBackToItsCpuNativesAndSaysWhy() {
    TorchNatives.Choice c = TorchNatives.choose(List.of(CU124, CPU), NO_SETTINGS, () -> NO_DRIVER);
    assertEquals(TorchNatives.Kind.CPU_FALLBACK, c.kind());
    assertEquals(CPU, c.bundle());
    Message note = c.fallbackNote().orElseThrow();
    assertEquals("no GPU used: no NVIDIA driver found (no /proc/driver/nvidia/version, and libcuda.so.1 does not "
        + "load); running on the CPU natives", note.english());
    assertTrue(BundleChecks.JAPANESE.matcher(note.in(Locale.JAPANESE)).find(), note.in(Locale.JAPANESE));

    // The case: PYTORCH_FLAVOR=cu124 on a machine without a GPU falls back all the same.
    assertEquals(TorchNatives.Kind.CPU_FALLBACK,
        TorchNatives.choose(List.of(CPU, CU124), settings("PYTORCH_FLAVOR", "cu124"), () -> NO_DRIVER).kind());

    NvidiaFacts old = new NvidiaFacts(GpuCheckTest.PROC_535, null, 12020, 0, 1);
    assertTrue(TorchNatives.choose(List.of(CPU, CU124), NO_SETTINGS, () -> old).fallbackNote().orElseThrow()
        .english().startsWith("no GPU used: driver 535.104.05 too old for CUDA 12.4"));
  }

  @Test
  void theGpuBuildWithAUsableGpuChoosesTheCudaNatives() {
    TorchNatives.Choice c = TorchNatives.choose(List.of(CPU, CU124), NO_SETTINGS, () -> GOOD_DRIVER);
    assertEquals(TorchNatives.Kind.CUDA, c.kind());
    assertEquals(CU124, c.bundle());
    assertTrue(c.fallbackNote().isEmpty());
  }

  @Test
  void theUsersSettingsCount() {
    assertEquals(TorchNatives.Kind.USER_PATH, TorchNatives.choose(List.of(CPU, CU124),
        settings("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib"), never()).kind());
    TorchNatives.Choice asked = TorchNatives.choose(List.of(CPU, CU124), settings("PYTORCH_FLAVOR", "cpu"),
        () -> GOOD_DRIVER);
    assertEquals(TorchNatives.Kind.CPU_FALLBACK, asked.kind());
    assertEquals("no GPU used: PYTORCH_FLAVOR=cpu asks for the CPU natives; running on the CPU natives",
        asked.fallbackNote().orElseThrow().english());
  }

  @Test
  void cudaNativesAloneOnAMachineWithoutAGpuAreRefusedInOneLine() {
    NativesException e = assertThrows(NativesException.class,
        () -> TorchNatives.choose(List.of(CU124), NO_SETTINGS, () -> NO_DRIVER));
    assertEquals("this build has no CPU natives, and no GPU can be used here: no NVIDIA driver found (no "
        + "/proc/driver/nvidia/version, and libcuda.so.1 does not load). Build with mvn -Pcuda package, which puts "
        + "both sets in lib/ beside the jar", e.getMessage());
  }

  @Test
  void theRealCpuNativesOnThisClasspathAreReadAsDjlReadsThem() {
    // The default build's test classpath: pytorch-native-cpu 2.5.1 alone (with -Pcuda, cu124 beside it).
    List<NativeBundle> found = TorchNatives.bundles(getClass().getClassLoader());
    assertTrue(found.size() == 1 || found.size() == 2 && found.stream().anyMatch(x -> x.flavor().equals("cu124")),
        found.toString());
    NativeBundle b = found.stream().filter(x -> !x.cuda()).findFirst().orElseThrow();
    assertEquals("cpu", b.flavor());
    assertEquals("2.5.1-20241113", b.version());
    assertEquals("linux-x86_64", b.classifier());
    assertEquals(List.of("libc10.so", "libgomp-98b21ff3.so.1", "libtorch.so", "libtorch_cpu.so"), b.libraries());
    // The folder DJL unpacks them to (LibUtils: version-flavor-classifier).
    assertEquals("2.5.1-20241113-cpu-linux-x86_64", b.folderName());
    assertEquals("0.33.0-libdjl_torch.so", TorchNatives.jniFileName(getClass().getClassLoader()));
  }

  // ---- unpacking, from jars laid out as DJL's ----

  /** A jar of natives as pytorch-native-* lays them out, each library's content its own name. */
  static Path nativesJar(Path dir, NativeBundle b) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(NativeBundle.PROPERTIES, "version=" + b.version() + "\nflavor=" + b.flavor() + "\nclassifier="
        + b.classifier() + "\nlibraries=" + String.join(",", b.libraries()));
    for (String lib : b.libraries()) {
      entries.put(b.resource(lib), b.flavor() + "/" + lib);
    }
    return jar(dir.resolve("pytorch-native-" + b.flavor() + ".jar"), entries);
  }

  /** The engine's properties and the JNI library per flavor, as pytorch-engine and pytorch-jni hold them. */
  static Path jniJar(Path dir) throws IOException {
    return jar(dir.resolve("pytorch-jni.jar"), Map.of("pytorch-engine.properties", "djl_version=0.33.0\n",
        "jnilib/" + HERE + "/cpu/" + TorchNatives.JNI, "jni cpu",
        "jnilib/" + HERE + "/cu124/" + TorchNatives.JNI, "jni cu124"));
  }

  static Path jar(Path file, Map<String, String> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
      for (var e : entries.entrySet()) {
        jar.putNextEntry(new ZipEntry(e.getKey()));
        jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    }
    return file;
  }

  static URLClassLoader loader(Path... jars) throws IOException {
    URL[] urls = new URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toUri().toURL();
    }
    return new URLClassLoader(urls, null);
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void bothBundlesAreSeenWhenTheirJarsStaySeparate(@TempDir Path tmp) throws IOException {
    try (URLClassLoader cl = loader(nativesJar(tmp, CU124), nativesJar(tmp, CPU), jniJar(tmp))) {
      assertEquals(List.of(CU124, CPU), TorchNatives.bundles(cl));
    }
  }

  @Test
  void theChosenNativesAreUnpackedOnceIntoDjlsFolderWithTheJniLibrary(@TempDir Path tmp) throws IOException {
    Path cache = tmp.resolve("cache");
    List<Message> notes = new ArrayList<>();
    try (URLClassLoader cl = loader(nativesJar(tmp, CU124), nativesJar(tmp, CPU), jniJar(tmp))) {
      Path dir = TorchNatives.unpack(CPU, cl, cache, notes::add);
      assertEquals(cache.resolve("2.5.1-20241113-cpu-linux-x86_64"), dir);
      assertEquals(List.of("0.33.0-libdjl_torch.so", "libc10.so", "libgomp-98b21ff3.so.1", "libtorch.so",
          "libtorch_cpu.so"), names(dir));
      assertEquals("cpu/libtorch_cpu.so", Files.readString(dir.resolve("libtorch_cpu.so")));
      assertEquals("jni cpu", Files.readString(dir.resolve("0.33.0-libdjl_torch.so")));
      assertEquals(List.of("2.5.1-20241113-cpu-linux-x86_64"), names(cache), "no temporary folder left");
      assertEquals(1, notes.size());
      assertTrue(notes.get(0).english().startsWith("unpacking the PyTorch cpu natives (0 MB) to " + dir),
          notes.get(0).english());

      // Whole: used as it is, no note.
      FileTime before = Files.getLastModifiedTime(dir.resolve("libtorch_cpu.so"));
      assertEquals(dir, TorchNatives.unpack(CPU, cl, cache, notes::add));
      assertEquals(1, notes.size());
      assertEquals(before, Files.getLastModifiedTime(dir.resolve("libtorch_cpu.so")));

      // DJL's own unpacking of the same natives, without our JNI file name: the JNI library is added.
      Files.delete(dir.resolve("0.33.0-libdjl_torch.so"));
      TorchNatives.unpack(CPU, cl, cache, notes::add);
      assertEquals("jni cpu", Files.readString(dir.resolve("0.33.0-libdjl_torch.so")));
      assertEquals(1, notes.size());

      // A library missing: unpacked again, whole.
      Files.delete(dir.resolve("libc10.so"));
      TorchNatives.unpack(CPU, cl, cache, notes::add);
      assertEquals("cpu/libc10.so", Files.readString(dir.resolve("libc10.so")));
      assertEquals(2, notes.size());

      // The CUDA natives go beside, in their own folder, with their own JNI library.
      Path cuda = TorchNatives.unpack(CU124, cl, cache, notes::add);
      assertEquals("2.5.1-20241113-cu124-linux-x86_64", cuda.getFileName().toString());
      assertEquals("jni cu124", Files.readString(cuda.resolve("0.33.0-libdjl_torch.so")));
    }
  }

  @Test
  void incompleteNativesAreRefusedInOneLineAndLeaveNothingBehind(@TempDir Path tmp) throws IOException {
    Path cache = tmp.resolve("cache");
    NativeBundle listsMore = new NativeBundle("cpu", CPU.version(), HERE,
        List.of("libc10.so", "libtorch.so", "libtorch_cpu.so", "libgone.so"));
    try (URLClassLoader cl = loader(nativesJar(tmp, CPU), jniJar(tmp))) {
      NativesException e = assertThrows(NativesException.class,
          () -> TorchNatives.unpack(listsMore, cl, cache, m -> { }));
      assertEquals("the PyTorch natives are incomplete: pytorch/cpu/" + HERE + "/libgone.so is not on the "
          + "classpath (is the lib/ folder beside the jar whole?)", e.getMessage());
      assertEquals(List.of(), names(cache), "no half-unpacked folder");
      assertNull(TorchNatives.chosen().filter(c -> c.bundle() == listsMore).orElse(null));
      assertFalse(Files.exists(cache.resolve(listsMore.folderName())));
    }
  }
}
