package org.bertworkbench.core.device;

import ai.djl.Device;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.core.job.Message;

/**
 * Where a job runs, as {@link DeviceSelection} decided it.
 *
 * @param request what the user asked for ("cpu", "gpu1", "all", ...)
 * @param devices the devices, by name ("cpu", "gpu0", ...); more than one means data-parallel
 *     training, the first holding the master copy of the weights
 * @param precision what training computes in: float32, or float16 mixed precision (float16
 *     working weights, float32 masters, dynamic loss scaling)
 * @param note why this precision, for the user, in either language ({@link #precisionNote()} in English)
 */
public record DevicePlan(String request, List<String> devices, Precision precision, Message note) {

  public DevicePlan {
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a device plan needs a device");
    }
    if (precision == null) {
      throw new IllegalArgumentException("a device plan needs a precision");
    }
    if (note == null) {
      throw new IllegalArgumentException("a device plan needs a note");
    }
  }

  /** A plan whose note is in words that are not ours to translate (tests). */
  public DevicePlan(String request, List<String> devices, Precision precision, String precisionNote) {
    this(request, devices, precision, Message.verbatim(precisionNote));
  }

  /** The CPU alone, in float32. */
  public static DevicePlan cpu() {
    return new DevicePlan("cpu", List.of("cpu"), Precision.FLOAT32, DeviceSelection.CPU_AUTO);
  }

  /** The same devices in another precision (tests, and a user's explicit choice). */
  public DevicePlan withPrecision(Precision p, Message why) {
    return new DevicePlan(request, devices, p, why);
  }

  /** The same, with a note in words that are not ours to translate (tests). */
  public DevicePlan withPrecision(Precision p, String why) {
    return withPrecision(p, Message.verbatim(why));
  }

  /** Why this precision, in English (the command line, run records). */
  public String precisionNote() {
    return note.english();
  }

  /** Why this precision, in {@code locale}'s language (the window). */
  public String precisionNote(Locale locale) {
    return note.in(locale);
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
    return description().english();
  }

  /** {@link #describe()} in {@code locale}'s language (the window). */
  public String describe(Locale locale) {
    return description().in(locale);
  }

  private Message description() {
    String names = String.join(" + ", devices);
    Object where = dataParallel() ? Message.of(DevicePlan.class, "DevicePlan.dataParallel", names) : names;
    return mixedPrecision() ? Message.of(DevicePlan.class, "DevicePlan.float16", where)
        : Message.of(DevicePlan.class, "DevicePlan.float32", where);
  }

  static Device toDevice(String name) {
    return name.equals("cpu") ? Device.cpu() : Device.gpu(Integer.parseInt(name.substring("gpu".length())));
  }
}
