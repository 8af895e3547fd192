package org.bertworkbench.core.device;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * Turns what a user asks for ("cpu", "gpu", "gpu1", "cuda:1", "gpu0,gpu1", "all") into a
 * {@link DevicePlan} against what a {@link DeviceProbe} found, or refuses with one line saying why.
 *
 * <p>Precision ("auto", "float32" or "float16"): auto chooses float16 mixed precision on GPUs of
 * compute capability 7.0 or more (tensor cores), float32 on older GPUs and on the CPU. Float16 may
 * be asked for anywhere: on the CPU it is for checking only (libtorch's float16 matrix multiply
 * runs about 35 times slower than float32 there), on an older GPU it brings little; the plan's
 * note says so.
 */
public final class DeviceSelection {

  static final Message CPU_AUTO = Message.of(DeviceSelection.class, "DeviceSelection.cpuAuto");
  static final Message CPU_FLOAT16 = Message.of(DeviceSelection.class, "DeviceSelection.cpuFloat16");
  static final Message CPU_FLOAT32 = Message.of(DeviceSelection.class, "DeviceSelection.float32Asked");
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
   * The plan for a request, precision "auto".
   *
   * @throws BadInputException naming the device and why it cannot be used
   */
  public static DevicePlan select(String request, DeviceProbe probe) {
    return select(request, Precision.AUTO, probe);
  }

  /**
   * The plan for a request of devices and of a precision ("auto", "float32", "float16").
   *
   * @throws BadInputException naming the device or precision and why it cannot be used
   */
  public static DevicePlan select(String request, String precision, DeviceProbe probe) {
    String wanted = Precision.checkRequest(precision);
    String r = request == null ? "" : request.trim().toLowerCase(Locale.ROOT);
    if (r.isEmpty() || r.equals("cpu")) {
      return switch (wanted) {
        case "float16" -> DevicePlan.cpu().withPrecision(Precision.FLOAT16, CPU_FLOAT16);
        case "float32" -> DevicePlan.cpu().withPrecision(Precision.FLOAT32, CPU_FLOAT32);
        default -> DevicePlan.cpu();
      };
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
          throw gpus.isEmpty() ? unavailable(part.trim(), probe) : new BadInputException(Message.of(
              DeviceSelection.class, "DeviceSelection.otherGpu", part.trim(), gpus.size(), names(gpus)));
        }
        if (chosen.contains(gpus.get(id))) {
          throw new BadInputException(
              Message.of(DeviceSelection.class, "DeviceSelection.namedTwice", part.trim(), request));
        }
        chosen.add(gpus.get(id));
      }
    }
    boolean capable = chosen.stream().allMatch(g -> g.capability() >= MIXED_PRECISION_CAPABILITY);
    Precision p = wanted.equals("float16") || (wanted.equals(Precision.AUTO) && capable) ? Precision.FLOAT16
        : Precision.FLOAT32;
    return new DevicePlan(request, chosen.stream().map(DeviceProbe.Gpu::name).toList(), p,
        gpuPrecisionNote(wanted, p, capable));
  }

  /**
   * The one device a single-device job (loading a model, pretraining) runs on: "cpu", "gpu",
   * "gpuN", "cuda:N"; the CPU needs no probe, a GPU is checked against the machine's.
   *
   * @throws BadInputException naming the device and why it cannot be used
   */
  public static Device device(String request) {
    return device(request, null);
  }

  /** {@link #device(String)} against a given probe; null means the machine's, asked only for a GPU. */
  public static Device device(String request, DeviceProbe probe) {
    String r = request == null ? "" : request.trim().toLowerCase(Locale.ROOT);
    if (r.isEmpty() || r.equals("cpu")) {
      return Device.cpu();
    }
    if (r.equals("all") || r.contains(",")) {
      throw new BadInputException(Message.of(DeviceSelection.class, "DeviceSelection.oneDevice", request));
    }
    return select(request, probe != null ? probe : DeviceProbe.system()).main();
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
      throw new BadInputException(Message.of(DeviceSelection.class, "DeviceSelection.unknown", request));
    }
    if (!digits.matches("\\d{1,3}")) {
      throw new BadInputException(Message.of(DeviceSelection.class, "DeviceSelection.badGpu", request));
    }
    return Integer.parseInt(digits);
  }

  private static Message gpuPrecisionNote(String wanted, Precision p, boolean capable) {
    if (p == Precision.FLOAT16 && !capable) {
      return Message.of(DeviceSelection.class, "DeviceSelection.float16Old");
    } else if (p == Precision.FLOAT16) {
      return wanted.equals(Precision.AUTO) ? Message.of(DeviceSelection.class, "DeviceSelection.float16Auto")
          : Message.of(DeviceSelection.class, "DeviceSelection.float16Asked");
    } else if (wanted.equals("float32")) {
      return capable ? Message.of(DeviceSelection.class, "DeviceSelection.float32AskedCapable") : CPU_FLOAT32;
    }
    return Message.of(DeviceSelection.class, "DeviceSelection.float32Old");
  }

  private static BadInputException unavailable(String device, DeviceProbe probe) {
    return new BadInputException(
        Message.of(DeviceSelection.class, "DeviceSelection.unavailable", device, probe.unavailableMessage()));
  }

  private static String names(List<DeviceProbe.Gpu> gpus) {
    return String.join(", ", gpus.stream().map(DeviceProbe.Gpu::name).toList());
  }
}
