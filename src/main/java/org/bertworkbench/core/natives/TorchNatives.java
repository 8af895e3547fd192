package org.bertworkbench.core.natives;

import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bertworkbench.core.job.Message;

/**
 * Chooses the PyTorch natives before DJL starts, and makes them ready.
 *
 * <p>The CPU build has one set of natives and needs nothing: DJL unpacks it as always. The GPU build
 * ({@code mvn -Pcuda package}) carries two sets beside its jar, CUDA 12.4 and CPU, as two separate
 * jars in {@code lib/} (shaded into one jar, only one of their two {@code native/lib/pytorch.properties}
 * would survive, and DJL, not finding natives that fit a machine without a GPU, would try to download
 * them). Here {@link GpuCheck} decides whether the CUDA set can run; the chosen set is unpacked into
 * DJL's own cache folder for it, and DJL is pointed at that folder ({@code PYTORCH_LIBRARY_PATH},
 * {@code PYTORCH_FLAVOR}), so that it loads what was chosen and never looks further. When the GPU
 * build falls back to its CPU natives, {@link Choice#fallbackNote()} says why, for standard error
 * and the window.
 *
 * <p>A user's own {@code PYTORCH_LIBRARY_PATH} (environment or system property) is left alone;
 * {@code PYTORCH_FLAVOR=cpu} asks the GPU build for its CPU natives.
 */
public final class TorchNatives {

  static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
  static final String FLAVOR = "PYTORCH_FLAVOR";
  static final String JNI = System.mapLibraryName("djl_torch");

  /** What was chosen. */
  public enum Kind {
    /** One set of natives (the CPU build): DJL loads it as always. */
    ONE_SET,
    /** The user's own PYTORCH_LIBRARY_PATH. */
    USER_PATH,
    /** The GPU build on a machine whose driver can run CUDA 12.4. */
    CUDA,
    /** The GPU build on its CPU natives: no usable GPU, or the CPU asked for. */
    CPU_FALLBACK
  }

  /**
   * The choice.
   *
   * @param kind what was chosen
   * @param bundle the natives chosen; null for {@link Kind#USER_PATH} and for a classpath without any
   * @param why for {@link Kind#CPU_FALLBACK}, why no GPU is used; empty otherwise
   */
  public record Choice(Kind kind, NativeBundle bundle, Message why) {

    /** "no GPU used: ..." when the GPU build runs on its CPU natives; empty otherwise. */
    public Optional<Message> fallbackNote() {
      return kind == Kind.CPU_FALLBACK ? Optional.of(Message.of(TorchNatives.class, "TorchNatives.noGpuUsed", why))
          : Optional.empty();
    }
  }

  private static volatile Choice chosen;
  private static volatile Consumer<Message> listener = m -> { };

  private TorchNatives() {}

  /**
   * Who hears the notes a user should read: why no GPU is used, and that natives are being unpacked
   * (the launcher prints them on standard error).
   */
  public static void onNote(Consumer<Message> notes) {
    listener = notes == null ? m -> { } : notes;
  }

  /**
   * Chooses and unpacks the natives, once per process, before DJL starts; later calls answer the same.
   *
   * @throws NativesException when no natives fit this machine or they cannot be unpacked
   */
  public static Choice prepare() {
    Choice c = chosen;
    if (c != null) {
      return c;
    }
    synchronized (TorchNatives.class) {
      if (chosen == null) {
        ClassLoader loader = classLoader();
        Choice choice = choose(bundles(loader), TorchNatives::envOrProperty, NvidiaFacts::read);
        if (choice.kind() == Kind.CUDA || choice.kind() == Kind.CPU_FALLBACK) {
          Path cache = Utils.getEngineCacheDir("pytorch");
          Path dir = unpack(choice.bundle(), loader, cache, listener);
          System.setProperty(LIBRARY_PATH, dir.toString());
          if (System.getenv(FLAVOR) == null) {
            System.setProperty(FLAVOR, choice.bundle().djlFlavor());
          }
          if (choice.kind() == Kind.CUDA) {
            cudartForDjl(choice.bundle(), dir, cache);
          }
        }
        chosen = choice;
        choice.fallbackNote().ifPresent(listener);
      }
      return chosen;
    }
  }

  /** The choice made, if {@link #prepare()} ran. */
  public static Optional<Choice> chosen() {
    return Optional.ofNullable(chosen);
  }

  /** Why the GPU build runs on the CPU, once the natives are chosen; empty otherwise. */
  public static Optional<Message> fallbackNote() {
    return chosen().flatMap(Choice::fallbackNote);
  }

  /**
   * The choice from the natives on the classpath, the user's settings ({@code env}: environment
   * first, then system properties, as DJL reads them) and what the driver shows (asked only for a
   * GPU build).
   *
   * @throws NativesException when no GPU can be used and there are no CPU natives
   */
  static Choice choose(List<NativeBundle> bundles, Function<String, String> env, Supplier<NvidiaFacts> facts) {
    String userPath = env.apply(LIBRARY_PATH);
    if (userPath != null && !userPath.isBlank()) {
      return new Choice(Kind.USER_PATH, null, Message.verbatim(""));
    }
    String classifier = NativeBundle.systemClassifier();
    List<NativeBundle> here = bundles.stream().filter(b -> b.classifier().equals(classifier)).toList();
    Optional<NativeBundle> cpu = here.stream().filter(b -> !b.cuda()).findFirst();
    Optional<NativeBundle> cuda = here.stream().filter(NativeBundle::cuda)
        .max(Comparator.comparing(NativeBundle::flavor));
    if (cuda.isEmpty()) {
      return new Choice(Kind.ONE_SET, cpu.orElse(null), Message.verbatim(""));
    }
    String asked = env.apply(FLAVOR);
    Message why;
    if (asked != null && asked.startsWith("cpu")) {
      why = Message.of(TorchNatives.class, "TorchNatives.cpuAsked", asked);
    } else {
      GpuCheck.Verdict verdict = GpuCheck.decide(facts.get());
      if (verdict.usable()) {
        return new Choice(Kind.CUDA, cuda.get(), Message.verbatim(""));
      }
      why = verdict.reason();
    }
    if (cpu.isEmpty()) {
      throw new NativesException(Message.of(TorchNatives.class, "TorchNatives.noCpuNatives", why), null);
    }
    return new Choice(Kind.CPU_FALLBACK, cpu.get(), why);
  }

  /** Every set of natives the class loader sees, in classpath order. */
  static List<NativeBundle> bundles(ClassLoader loader) {
    List<NativeBundle> out = new ArrayList<>();
    try {
      Enumeration<URL> urls = loader.getResources(NativeBundle.PROPERTIES);
      while (urls.hasMoreElements()) {
        NativeBundle b = NativeBundle.read(urls.nextElement());
        if (b != null) {
          out.add(b);
        }
      }
    } catch (IOException e) {
      throw new NativesException(Message.of(TorchNatives.class, "TorchNatives.unreadable", Message.verbatim(
          String.valueOf(e.getMessage()))), e);
    }
    return out;
  }

  /**
   * The folder holding {@code bundle}'s libraries and the JNI library beside them, named as DJL names
   * it under {@code cache}: used as it is when whole, else unpacked into a new folder that replaces
   * it in one move (a process stopped half-way leaves no half folder).
   */
  static Path unpack(NativeBundle bundle, ClassLoader loader, Path cache, Consumer<Message> notes) {
    Path dir = cache.resolve(bundle.folderName());
    String jniName = jniFileName(loader);
    String jniResource = "jnilib/" + bundle.classifier() + '/' + bundle.djlFlavor() + '/' + JNI;
    try {
      if (whole(dir, bundle) && Files.isRegularFile(dir.resolve(jniName))) {
        return dir;
      }
      Files.createDirectories(cache);
      if (whole(dir, bundle)) {
        // DJL unpacked these natives before (or another version's JNI library is there): add ours.
        Path tmp = Files.createTempFile(dir, "jni", ".tmp");
        try {
          copy(loader, jniResource, tmp);
          Files.move(tmp, dir.resolve(jniName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
        return dir;
      }
      notes.accept(Message.of(TorchNatives.class, "TorchNatives.unpacking", bundle.flavor(),
          size(loader, bundle) / (1024 * 1024), dir));
      Path tmp = Files.createTempDirectory(cache, "tmp");
      try {
        for (String library : bundle.libraries()) {
          copy(loader, bundle.resource(library), tmp.resolve(library));
        }
        copy(loader, jniResource, tmp.resolve(jniName));
        if (Files.exists(dir)) {
          deleteTree(dir); // not whole: nothing can be using it
        }
        try {
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
          if (!whole(dir, bundle)) {
            throw raced;
          }
        }
      } finally {
        if (Files.exists(tmp)) {
          deleteTree(tmp);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new NativesException(Message.of(TorchNatives.class, "TorchNatives.cannotUnpack", dir,
          Message.verbatim(String.valueOf(e.getMessage())), size(loader, bundle) / (1024 * 1024)), e);
    }
  }

  /** True when every library of the bundle is in {@code dir}. */
  static boolean whole(Path dir, NativeBundle bundle) {
    return bundle.libraries().stream().allMatch(l -> Files.isRegularFile(dir.resolve(l)));
  }

  /** DJL's name for the JNI library it looks for first in the natives' folder: "0.33.0-libdjl_torch.so". */
  static String jniFileName(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream("pytorch-engine.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String djl = p.getProperty("djl_version");
        if (djl != null && !djl.isBlank()) {
          return djl.trim() + '-' + JNI;
        }
      }
    } catch (IOException e) {
      // DJL also looks for the plain name
    }
    return JNI;
  }

  private static void copy(ClassLoader loader, String resource, Path to) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new NativesException(Message.of(TorchNatives.class, "TorchNatives.missing", resource), null);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The bundle's unpacked size in bytes (0 when the jar does not say). */
  static long size(ClassLoader loader, NativeBundle bundle) {
    long total = 0;
    for (String library : bundle.libraries()) {
      URL url = loader.getResource(bundle.resource(library));
      if (url != null) {
        try {
          URLConnection c = url.openConnection();
          c.setUseCaches(false);
          total += Math.max(0, c.getContentLengthLong());
        } catch (IOException e) {
          // a size unknown is only a smaller figure in a note
        }
      }
    }
    return total;
  }

  /**
   * DJL asks the CUDA runtime for the GPUs ({@code CudaUtils}: JNA loads "cudart", i.e. a
   * {@code libcudart.so} on the library path), which a machine with only the NVIDIA driver does
   * not have. The natives bring their own ({@code libcudart-8774224f.so.12}): a link named
   * {@code libcudart.so} to it, in a folder put first on JNA's path, lets DJL find the same runtime
   * the natives use. Done before DJL first asks; a link that cannot be made leaves DJL to the system's.
   */
  static void cudartForDjl(NativeBundle bundle, Path dir, Path cache) {
    Optional<String> cudart = bundle.libraries().stream().filter(l -> l.startsWith("libcudart")).findFirst();
    if (cudart.isEmpty()) {
      return;
    }
    Path folder = cache.resolve(bundle.folderName() + "-cudart");
    Path link = folder.resolve(System.mapLibraryName("cudart"));
    try {
      Files.createDirectories(folder);
      if (!Files.exists(link)) {
        Files.deleteIfExists(link); // a dangling link
        Files.createSymbolicLink(link, dir.resolve(cudart.get()));
      }
      String path = System.getProperty("jna.library.path");
      System.setProperty("jna.library.path", path == null || path.isBlank() ? folder.toString()
          : folder + java.io.File.pathSeparator + path);
    } catch (IOException | UnsupportedOperationException e) {
      // DJL then looks for the system's libcudart.so
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String envOrProperty(String name) {
    String env = System.getenv(name);
    return env != null ? env : System.getProperty(name);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : TorchNatives.class.getClassLoader();
  }
}
