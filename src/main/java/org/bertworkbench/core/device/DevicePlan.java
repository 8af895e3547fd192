package org.bertworkbench.core.device;

import ai.djl.Device;
import java.util.List;

/**
 * Where a job runs, as {@link DeviceSelection} decided it.
 *
 * @param request what the user asked for ("cpu", "gpu1", "all", ...)
 * @param devices the devices, by name ("cpu", "gpu0", ...); more than one means data-parallel
 *     training, the first holding the master copy of the weights
 * @param mixedPrecision whether computations run in half precision
 * @param precisionNote why mixed precision is on or off, for the user
 */
public record DevicePlan(String request, List<String> devices, boolean mixedPrecision, String precisionNote) {

  public DevicePlan {
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a device plan needs a device");
    }
  }

  /** The CPU alone. */
  public static DevicePlan cpu() {
    return new DevicePlan("cpu", List.of("cpu"), false, DeviceSelection.CPU_PRECISION);
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

  /** One line for a status bar or a log, e.g. "gpu0 + gpu1 (data-parallel), float32". */
  public String describe() {
    return String.join(" + ", devices) + (dataParallel() ? " (data-parallel)" : "") + ", "
        + (mixedPrecision ? "mixed precision" : "float32");
  }

  static Device toDevice(String name) {
    return name.equals("cpu") ? Device.cpu() : Device.gpu(Integer.parseInt(name.substring("gpu".length())));
  }
}
