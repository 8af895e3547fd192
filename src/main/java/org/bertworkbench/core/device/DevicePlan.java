package org.bertworkbench.core.device;

import ai.djl.Device;
import java.util.List;

/**
 * Where a job runs, as {@link DeviceSelection} decided it.
 *
 * @param request what the user asked for ("cpu", "gpu1", "all", ...)
 * @param devices the devices, by name ("cpu", "gpu0", ...); more than one means data-parallel
 *     training, the first holding the master copy of the weights
 * @param precision what training computes in: float32, or float16 mixed precision (float16
 *     working weights, float32 masters, dynamic loss scaling)
 * @param precisionNote why this precision, for the user
 */
public record DevicePlan(String request, List<String> devices, Precision precision, String precisionNote) {

  public DevicePlan {
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a device plan needs a device");
    }
    if (precision == null) {
      throw new IllegalArgumentException("a device plan needs a precision");
    }
  }

  /** The CPU alone, in float32. */
  public static DevicePlan cpu() {
    return new DevicePlan("cpu", List.of("cpu"), Precision.FLOAT32, DeviceSelection.CPU_AUTO);
  }

  /** The same devices in another precision (tests, and a user's explicit choice). */
  public DevicePlan withPrecision(Precision p, String note) {
    return new DevicePlan(request, devices, p, note);
  }

  /** True when training runs in float16 with float32 master weights. */
  public boolean mixedPrecision() {
    return precision == Precision.FLOAT16;
  }

  /** DJL's devices, in order. */
  public List<Device> djlDevices() {
    return devices.stream().map(DevicePlan::toDevice).toList();
  }

  /** The device holding the master weights. */
  public Device main() {
    return toDevice(devices.get(0));
  }

  /** True when a batch is split over several devices. */
  public boolean dataParallel() {
    return devices.size() > 1;
  }

  /** One line for a status bar or a log, e.g. "gpu0 + gpu1 (data-parallel), float16 mixed precision". */
  public String describe() {
    return String.join(" + ", devices) + (dataParallel() ? " (data-parallel)" : "") + ", "
        + (mixedPrecision() ? "float16 mixed precision" : "float32");
  }

  static Device toDevice(String name) {
    return name.equals("cpu") ? Device.cpu() : Device.gpu(Integer.parseInt(name.substring("gpu".length())));
  }
}
