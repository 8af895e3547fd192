package org.bertworkbench.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module that libtorch compiles from source text of ours, so that a whole
 * computation runs in one call to the engine instead of one call per operation, and can use
 * libtorch operators DJL's API does not expose (oneDNN's pre-packed linear layers).
 *
 * <p>The module is written here, in memory, as the archive {@code torch.jit.save} would write for
 * a module without attributes: {@code data.pkl} (the module object, pickled), {@code code/__torch__.py}
 * (the source) and {@code constants.pkl}. It holds no tensors: they are passed to each call. Only
 * source text shipped with the program is ever compiled; no model file is read this way.
 */
public final class TorchScript implements AutoCloseable {

  private final NDManager manager;
  private final PtSymbolBlock module;

  private TorchScript(NDManager manager, PtSymbolBlock module) {
    this.manager = manager;
    this.module = module;
  }

  /**
   * Compiles {@code source}, which declares {@code class <className>(Module)} with a {@code
   * training : bool} attribute and its methods, in TorchScript's serialised form.
   *
   * @throws ai.djl.engine.EngineException when libtorch rejects the source
   */
  public static TorchScript compile(String className, String source) {
    NDManager manager = Engines.newManager(ai.djl.Device.cpu());
    try {
      byte[] archive = archive(className, source);
      PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager, new ByteArrayInputStream(archive), false, false);
      return new TorchScript(manager, module);
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Runs {@code method}. Arguments may be arrays, lists of arrays ({@code List<NDArray>} or {@code
   * NDArray[]}), whole numbers ({@code Integer}, {@code Long}), {@code Double}s and {@code Boolean}s. The method
   * returns a tensor or a list of tensors; they are returned as arrays of {@code results}.
   */
  public NDArray[] run(String method, NDManager results, Object... args) {
    List<IValue> inputs = new ArrayList<>(args.length);
    IValue out = null;
    try {
      for (Object arg : args) {
        inputs.add(value(arg));
      }
      out = IValueUtils.runMethod(module, method, inputs.toArray(IValue[]::new));
      PtNDManager target = (PtNDManager) results;
      return out.isTensor() ? new NDArray[] {out.toTensor(target)} : out.toTensorArray(target);
    } finally {
      if (out != null) {
        out.close();
      }
      inputs.forEach(IValue::close);
    }
  }

  @Override
  public void close() {
    module.close();
    manager.close();
  }

  private static IValue value(Object arg) {
    if (arg instanceof NDArray a) {
      return IValue.from((PtNDArray) a);
    }
    if (arg instanceof NDArray[] list) {
      return IValue.listFrom(ptArrays(List.of(list)));
    }
    if (arg instanceof List<?> list) {
      return IValue.listFrom(ptArrays(list));
    }
    if (arg instanceof Integer || arg instanceof Long) {
      return IValue.from(((Number) arg).longValue());
    }
    if (arg instanceof Boolean b) {
      return IValue.from(b.booleanValue());
    }
    if (arg instanceof Double d) {
      return IValue.from(d.doubleValue());
    }
    throw new IllegalArgumentException("a TorchScript argument cannot be a " + arg.getClass().getSimpleName());
  }

  private static PtNDArray[] ptArrays(List<?> list) {
    PtNDArray[] arrays = new PtNDArray[list.size()];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = (PtNDArray) list.get(i);
    }
    return arrays;
  }

  /** The zip {@code torch.jit.load} reads: every entry stored, under one folder. */
  static byte[] archive(String className, String source) throws IOException {
    if (!className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a TorchScript class name: " + className);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "script/data.pkl", modulePickle(className));
      put(zip, "script/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
      put(zip, "script/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
      // Format 3 and up: libtorch rewrites any operator whose meaning changed since (its "upgraders").
      put(zip, "script/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  /** Pickle protocol 2 of {@code __torch__.<className>()} with the state {@code {"training": True}}. */
  private static byte[] modulePickle(String className) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80); // PROTO
    p.write(2);
    p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    p.write(')'); // EMPTY_TUPLE
    p.write(0x81); // NEWOBJ
    p.write('}'); // EMPTY_DICT
    p.write('('); // MARK
    byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
    p.write('X'); // BINUNICODE, 4-byte little-endian length
    p.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
    p.writeBytes(key);
    p.write(0x88); // NEWTRUE
    p.write('u'); // SETITEMS
    p.write('b'); // BUILD
    p.write('.'); // STOP
    return p.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
