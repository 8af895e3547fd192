package org.bertworkbench.core.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a user asks for ("cpu", "gpu", "gpu1", "cuda:1", "gpu0,gpu1", "all") into a
 * {@link DevicePlan} against what a {@link DeviceProbe} found, or refuses with one line saying why.
 *
 * <p>Mixed precision: off on the CPU. On GPUs the training loop computes in float32 for now; the
 * plan says so, and whether the GPU would support half precision (compute capability 7.0 or more,
 * tensor cores).
 */
public final class DeviceSelection {

  static final String CPU_PRECISION = "float32: mixed precision is off on the CPU (no half-precision speed-up there)";
  /** Tensor cores (Volta) and newer: where half precision pays. */
  static final double MIXED_PRECISION_CAPABILITY = 7.0;

  private DeviceSelection() {}

  /** What a wizard offers: "cpu", each GPU, and "all" when there are two or more. */
  public static List<String> choices(DeviceProbe probe) {
    List<String> out = new ArrayList<>(List.of("cpu"));
    probe.gpus().forEach(g -> out.add(g.name()));
    if (probe.gpus().size() > 1) {
      out.add("all");
    }
    return out;
  }

  /**
   * The plan for a request.
   *
   * @throws IllegalArgumentException naming the device and why it cannot be used
   */
  public static DevicePlan select(String request, DeviceProbe probe) {
    String r = request == null ? "" : request.trim().toLowerCase(Locale.ROOT);
    if (r.isEmpty() || r.equals("cpu")) {
      return DevicePlan.cpu();
    }
    List<DeviceProbe.Gpu> gpus = probe.gpus();
    List<DeviceProbe.Gpu> chosen = new ArrayList<>();
    if (r.equals("all")) {
      if (gpus.isEmpty()) {
        throw unavailable("all", probe);
      }
      chosen.addAll(gpus);
    } else {
      for (String part : r.split(",")) {
        int id = gpuId(part.trim(), request);
        if (id >= gpus.size()) {
          throw gpus.isEmpty() ? unavailable(part.trim(), probe) : new IllegalArgumentException("device " + part.trim()
              + " is not available: the engine sees " + gpus.size() + " GPU(s) (" + names(gpus) + ")");
        }
        if (chosen.contains(gpus.get(id))) {
          throw new IllegalArgumentException("device " + part.trim() + " is named twice in \"" + request + "\"");
        }
        chosen.add(gpus.get(id));
      }
    }
    return new DevicePlan(request, chosen.stream().map(DeviceProbe.Gpu::name).toList(), false, gpuPrecision(chosen));
  }

  private static int gpuId(String part, String request) {
    String digits;
    if (part.equals("gpu") || part.equals("cuda")) {
      return 0;
    } else if (part.startsWith("gpu")) {
      digits = part.substring(3);
    } else if (part.startsWith("cuda:")) {
      digits = part.substring(5);
    } else if (part.startsWith("cuda")) {
      digits = part.substring(4);
    } else {
      throw new IllegalArgumentException("unknown device \"" + request + "\": use cpu, gpu, gpuN (gpu0, gpu1...), "
          + "a list such as gpu0,gpu1, or all");
    }
    if (!digits.matches("\\d{1,3}")) {
      throw new IllegalArgumentException("unknown device \"" + request + "\": a GPU is gpuN, e.g. gpu0");
    }
    return Integer.parseInt(digits);
  }

  private static String gpuPrecision(List<DeviceProbe.Gpu> gpus) {
    boolean capable = gpus.stream().allMatch(g -> g.capability() >= MIXED_PRECISION_CAPABILITY);
    return "float32: mixed precision is not implemented in the training loop yet"
        + (capable ? " (these GPUs would support it)" : " (and these GPUs lack fast half precision: compute capability < 7.0)");
  }

  private static IllegalArgumentException unavailable(String device, DeviceProbe probe) {
    return new IllegalArgumentException("device " + device + " is not available: " + probe.unavailableReason());
  }

  private static String names(List<DeviceProbe.Gpu> gpus) {
    return String.join(", ", gpus.stream().map(DeviceProbe.Gpu::name).toList());
  }
}
