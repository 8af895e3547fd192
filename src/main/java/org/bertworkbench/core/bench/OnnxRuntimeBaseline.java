package org.bertworkbench.core.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bertworkbench.core.checkpoint.ModelCatalog;
import org.bertworkbench.core.finetune.OnnxExport;
import org.bertworkbench.core.load.LoadedBert;

/**
 * ONNX Runtime running the model being benched, as the speed baseline: the same weights exported by
 * {@link OnnxExport}, as many intra-op threads as ours, graph optimisation at ALL.
 *
 * <p>ONNX Runtime is not part of the program: it is found at run time (on the class path in tests,
 * else its jar in the local Maven repository, else a jar the user names) and called by reflection,
 * as the PyTorch baseline finds its Python.
 */
public final class OnnxRuntimeBaseline implements AutoCloseable {

  /** The ONNX Runtime release the export is checked against (the test-scoped dependency). */
  public static final String VERSION = "1.20.0";

  private final ClassLoader loader;
  private final Object env;
  private final Object session;
  private final Method createTensor;
  private final Method run;
  private final Path tempDir;
  private final int threads;
  private final String version;

  private OnnxRuntimeBaseline(ClassLoader loader, Path model, int threads, Path tempDir)
      throws ReflectiveOperationException {
    this.loader = loader;
    this.threads = threads;
    this.tempDir = tempDir;
    Class<?> envClass = loader.loadClass("ai.onnxruntime.OrtEnvironment");
    Class<?> optionsClass = loader.loadClass("ai.onnxruntime.OrtSession$SessionOptions");
    Class<?> levelClass = loader.loadClass("ai.onnxruntime.OrtSession$SessionOptions$OptLevel");
    env = envClass.getMethod("getEnvironment").invoke(null);
    Object options = optionsClass.getConstructor().newInstance();
    optionsClass.getMethod("setIntraOpNumThreads", int.class).invoke(options, threads);
    optionsClass.getMethod("setInterOpNumThreads", int.class).invoke(options, 1);
    optionsClass.getMethod("setOptimizationLevel", levelClass).invoke(options, enumConstant(levelClass, "ALL_OPT"));
    // ORT's pool spins for a while after each run; interleaved with ours, that spinning would take
    // the cores from the pass that runs next. Off, each side has the machine to itself.
    optionsClass.getMethod("addConfigEntry", String.class, String.class)
        .invoke(options, "session.intra_op.allow_spinning", "0");
    session = envClass.getMethod("createSession", String.class, optionsClass).invoke(env, model.toString(), options);
    Class<?> tensorClass = loader.loadClass("ai.onnxruntime.OnnxTensor");
    createTensor = tensorClass.getMethod("createTensor", envClass, LongBuffer.class, long[].class);
    run = session.getClass().getMethod("run", Map.class);
    version = versionOf(envClass);
  }

  /**
   * Exports {@code loaded} into a temporary folder (deleted on {@link #close()}) and opens it in
   * ONNX Runtime from {@code jar} (null: the class path).
   */
  public static OnnxRuntimeBaseline forModel(LoadedBert loaded, Path jar, int threads) throws IOException {
    Path dir = Files.createTempDirectory("bench-onnx");
    try {
      Path model = dir.resolve("model.onnx");
      OnnxExport.export(loaded, model);
      ClassLoader loader = jar == null ? OnnxRuntimeBaseline.class.getClassLoader()
          : new URLClassLoader(new URL[] {jar.toUri().toURL()}, OnnxRuntimeBaseline.class.getClassLoader());
      return new OnnxRuntimeBaseline(loader, model, threads, dir);
    } catch (ReflectiveOperationException | LinkageError e) {
      deleteTree(dir);
      throw new IOException("ONNX Runtime did not start: " + rootMessage(e), e);
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  /** Whether ONNX Runtime's classes are on this program's class path (the tests have them). */
  public static boolean onClassPath() {
    try {
      Class.forName("ai.onnxruntime.OrtEnvironment", false, OnnxRuntimeBaseline.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** ONNX Runtime's jar in the local Maven repository, when the build or a test put it there. */
  public static Optional<Path> inMavenRepository() {
    Path jar = ModelCatalog.mavenRepository().resolve(Path.of("com", "microsoft", "onnxruntime", "onnxruntime",
        VERSION, "onnxruntime-" + VERSION + ".jar"));
    return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }

  /** One forward pass of a batch; returns when ONNX Runtime has written every output. */
  public void run(long[] ids, long[] types, long[] mask, int batch, int tokens) {
    long[] shape = {batch, tokens};
    Map<String, Object> inputs = new LinkedHashMap<>();
    try {
      inputs.put("input_ids", createTensor.invoke(null, env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", createTensor.invoke(null, env, LongBuffer.wrap(mask), shape));
      inputs.put("token_type_ids", createTensor.invoke(null, env, LongBuffer.wrap(types), shape));
      try (AutoCloseable result = (AutoCloseable) run.invoke(session, inputs)) {
        // Nothing to read: run() returns once the outputs are computed.
      }
    } catch (Exception e) {
      throw new IllegalStateException("ONNX Runtime failed: " + rootMessage(e), e);
    } finally {
      for (Object tensor : inputs.values()) {
        closeQuietly(tensor);
      }
    }
  }

  public String version() {
    return version;
  }

  public int threads() {
    return threads;
  }

  @Override
  public void close() {
    closeQuietly(session);
    if (loader instanceof URLClassLoader u) {
      closeQuietly(u);
    }
    deleteTree(tempDir);
  }

  private static String versionOf(Class<?> envClass) {
    try {
      Package p = envClass.getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      return v != null ? v : VERSION;
    } catch (RuntimeException e) {
      return VERSION;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  private static void closeQuietly(Object o) {
    if (o instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Closing a baseline's resources cannot fail the benchmark.
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind is harmless.
    }
  }
}
