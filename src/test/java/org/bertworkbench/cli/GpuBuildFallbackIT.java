package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.bertworkbench.core.natives.GpuCheck;
import org.bertworkbench.core.natives.NvidiaFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU build's jar ({@code mvn -B -Pcuda package}: CUDA 12.4 and CPU natives in {@code target/lib/})
 * run with no network at all and a fresh home (so a fresh DJL cache): on a machine without a usable
 * GPU it must answer fill-mask on its CPU natives and say on standard error why no GPU was used;
 * DJL must never try to download natives ({@code Failed to save pytorch index file} before). On a
 * machine whose driver can run CUDA 12.4 it must unpack and load the CUDA natives instead.
 * Tagged {@code gpu-build}: only the cuda profile runs it ({@code mvn -B -Pcuda verify -Dgroups=gpu-build},
 * or {@code .ci/gpu-build-check}), since the CUDA natives are a 2.4 GB download.
 */
@Tag("gpu-build")
class GpuBuildFallbackIT {

  static final Path LIB = Path.of("target", "lib");
  static final String CUDA_JAR = "pytorch-native-cu124-2.5.1-linux-x86_64.jar";
  static final String CPU_JAR = "pytorch-native-cpu-2.5.1-linux-x86_64.jar";
  static final String CPU_FOLDER = "2.5.1-20241113-cpu-linux-x86_64";
  static final String CUDA_FOLDER = "2.5.1-20241113-cu124-linux-x86_64";
  static final String FILL = "the [MASK] is blue .";

  @BeforeAll
  static void gpuBuild() throws Exception {
    NoNetworkIT.unshareWorks();
    assertTrue(Files.isRegularFile(LIB.resolve(CUDA_JAR)) && Files.isRegularFile(LIB.resolve(CPU_JAR)),
        "run after mvn -B -Pcuda package: both native jars in " + LIB);
  }

  /** Runs the GPU build's jar in {@code home} (user.home and HOME), with no network, traced for connects. */
  static NoNetworkIT.Result run(Path home, List<String> env, List<String> jvm, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("unshare", "-n", "env", "HOME=" + home));
    command.addAll(env);
    command.addAll(List.of("java", "-Duser.home=" + home));
    command.addAll(jvm);
    command.addAll(List.of("-jar", NoNetworkIT.JAR.toString()));
    command.addAll(List.of(args));
    NoNetworkIT.Result r = NoNetworkIT.exec(command);
    assertEquals(List.of(), r.internetConnects(), "connect() to the internet by " + String.join(" ", args));
    return r;
  }

  static NoNetworkIT.Result fillMask(Path home, List<String> env, List<String> jvm) throws Exception {
    NoNetworkIT.Result r = run(home, env, jvm, "fill-mask", "--model", "sample-tiny", "--text", FILL, "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject doc = JsonParser.parseString(r.out().strip()).getAsJsonObject();
    JsonArray masks = doc.getAsJsonArray("masks");
    assertEquals(1, masks.size(), r.out());
    assertFalse(r.err().contains("index file") || r.err().contains("Downloading"), r.err());
    return r;
  }

  static List<String> folders(Path home) throws Exception {
    Path cache = home.resolve(".djl.ai").resolve("pytorch");
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theShadedJarHoldsNoNativesAndNamesBothJarsBesideIt() throws Exception {
    try (JarFile jar = new JarFile(NoNetworkIT.JAR.toFile())) {
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("pytorch/")
          || e.getName().equals("native/lib/pytorch.properties")), "natives shaded into the jar");
      String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      assertEquals("lib/" + CUDA_JAR + " lib/" + CPU_JAR, classPath);
    }
  }

  @Test
  void withoutAUsableGpuFillMaskRunsOnTheCpuNativesOfflineAndSaysWhy(@TempDir Path home) throws Exception {
    GpuCheck.Verdict here = GpuCheck.decide(NvidiaFacts.read());
    NoNetworkIT.Result first = fillMask(home, List.of(), List.of());
    if (here.usable()) {
      // A machine whose driver runs CUDA 12.4: the CUDA natives are unpacked and loaded, nothing to explain.
      assertFalse(first.err().contains("no GPU used"), first.err());
      assertTrue(folders(home).contains(CUDA_FOLDER), folders(home).toString());
      return;
    }
    String why = "note: no GPU used: " + here.reason().english() + "; running on the CPU natives";
    assertTrue(first.err().lines().anyMatch(why::equals), first.err());
    assertTrue(first.err().contains("note: unpacking the PyTorch cpu natives"), first.err());
    // Only the CPU natives were unpacked (the 4 GB CUDA set never), and no download was begun.
    assertEquals(List.of(CPU_FOLDER), folders(home));
    assertTrue(Files.isRegularFile(home.resolve(".djl.ai/pytorch").resolve(CPU_FOLDER).resolve("0.33.0-libdjl_torch.so")));

    // The second try, PYTORCH_FLAVOR=cu124, falls back the same; the natives are unpacked already.
    NoNetworkIT.Result again = fillMask(home, List.of("PYTORCH_FLAVOR=cu124"), List.of());
    assertTrue(again.err().lines().anyMatch(why::equals), again.err());
    assertFalse(again.err().contains("unpacking"), again.err());
    assertEquals(first.out(), again.out(), "the same answer");
  }

  @Test
  void aDriverTooOldForCuda124IsNamedWithItsVersion(@TempDir Path home) throws Exception {
    // The kernel module's version file of a 535 driver (CUDA 12.2), given in place of /proc/driver/nvidia/version.
    Path proc = home.resolve("nvidia-version");
    Files.writeString(proc, "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n");
    NoNetworkIT.Result r = fillMask(home, List.of(), List.of("-D" + NvidiaFacts.VERSION_FILE_PROPERTY + "=" + proc));
    if (!NvidiaFacts.read().libcudaLoaded()) { // else the driver API answers, not the file
      assertTrue(r.err().contains("note: no GPU used: driver 535.104.05 too old for CUDA 12.4 (it needs 550.54 or "
          + "newer: update the NVIDIA driver); running on the CPU natives"), r.err());
    }
  }

  @Test
  void pytorchFlavorCpuAsksForTheCpuNatives(@TempDir Path home) throws Exception {
    NoNetworkIT.Result r = fillMask(home, List.of("PYTORCH_FLAVOR=cpu"), List.of());
    assertTrue(r.err().contains("note: no GPU used: PYTORCH_FLAVOR=cpu asks for the CPU natives"), r.err());
    assertEquals(List.of(CPU_FOLDER), folders(home));
  }
}
