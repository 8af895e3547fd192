package org.bertworkbench.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.Locale;
import org.bertworkbench.BundleChecks;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;
import org.bertworkbench.core.job.UserMessages;
import org.junit.jupiter.api.Test;

/** Device choice against fake probes: no GPU (with each reason), one GPU, two GPUs. */
class DeviceSelectionTest {

  record Fake(List<DeviceProbe.Gpu> gpus, String unavailableReason) implements DeviceProbe {}

  static final Fake NONE = new Fake(List.of(), "no CUDA natives on the classpath: this is the CPU build (build with mvn -Pcuda package)");
  static final Fake OLD_DRIVER = new Fake(List.of(), "CUDA driver too old: it supports CUDA 11.8, the natives need 12.4");
  static final Fake ONE = new Fake(List.of(new DeviceProbe.Gpu(0, "8.6", 24L << 30)), "");
  static final Fake TWO = new Fake(List.of(new DeviceProbe.Gpu(0, "8.6", 24L << 30), new DeviceProbe.Gpu(1, "6.1", 8L << 30)), "");

  @Test
  void cpuIsAlwaysThereWithoutMixedPrecision() {
    for (DeviceProbe p : List.of(NONE, ONE, TWO)) {
      DevicePlan plan = DeviceSelection.select("cpu", p);
      assertEquals(List.of("cpu"), plan.devices());
      assertEquals(Precision.FLOAT32, plan.precision());
      assertFalse(plan.mixedPrecision());
      assertTrue(plan.precisionNote().contains("off on the CPU"), plan.precisionNote());
      assertTrue(plan.describe().endsWith("float32"), plan.describe());
    }
    assertEquals(List.of("cpu"), DeviceSelection.select(null, NONE).devices());
    assertEquals(List.of("cpu"), DeviceSelection.select(" CPU ", NONE).devices());
  }

  @Test
  void aGpuRequestWithoutGpusSaysWhy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("gpu0", NONE));
    assertEquals("device gpu0 is not available: " + NONE.unavailableReason(), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("all", OLD_DRIVER));
    assertTrue(e.getMessage().contains("CUDA driver too old"), e.getMessage());
    assertEquals(List.of("cpu"), DeviceSelection.choices(NONE));
  }

  @Test
  void gpusByNameAndAll() {
    assertEquals(List.of("gpu0"), DeviceSelection.select("gpu", ONE).devices());
    assertEquals(List.of("gpu0"), DeviceSelection.select("cuda:0", ONE).devices());
    assertEquals(List.of("gpu1"), DeviceSelection.select("gpu1", TWO).devices());
    DevicePlan all = DeviceSelection.select("all", TWO);
    assertEquals(List.of("gpu0", "gpu1"), all.devices());
    assertTrue(all.dataParallel());
    assertEquals(List.of("gpu1", "gpu0"), DeviceSelection.select("gpu1,gpu0", TWO).devices());
    assertEquals(List.of("cpu", "gpu0", "gpu1", "all"), DeviceSelection.choices(TWO));
    assertEquals(List.of("cpu", "gpu0"), DeviceSelection.choices(ONE));
    assertFalse(DeviceSelection.select("all", ONE).dataParallel());
  }

  @Test
  void wrongRequestsAreRefusedWithOneLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("gpu2", TWO));
    assertEquals("device gpu2 is not available: the engine sees 2 GPU(s) (gpu0, gpu1)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("tpu", TWO));
    assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("gpux", TWO));
    assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("gpu0,gpu0", TWO));
  }

  @Test
  void autoChoosesFloat16OnGpusWithTensorCoresOnly() {
    DevicePlan ampere = DeviceSelection.select("gpu0", "auto", TWO); // compute capability 8.6
    assertEquals(Precision.FLOAT16, ampere.precision());
    assertTrue(ampere.mixedPrecision());
    assertTrue(ampere.precisionNote().contains("tensor cores"), ampere.precisionNote());
    assertEquals("gpu0, float16 mixed precision", ampere.describe());
    assertEquals(Precision.FLOAT16, DeviceSelection.select("gpu0", TWO).precision(), "auto is the default");
    DevicePlan pascal = DeviceSelection.select("gpu1", "auto", TWO); // 6.1
    assertEquals(Precision.FLOAT32, pascal.precision());
    assertTrue(pascal.precisionNote().contains("below 7.0"), pascal.precisionNote());
    // Data-parallel over both: the slower one decides.
    assertEquals(Precision.FLOAT32, DeviceSelection.select("all", "auto", TWO).precision());
    Fake unknown = new Fake(List.of(new DeviceProbe.Gpu(0, "", -1)), "");
    assertEquals(Precision.FLOAT32, DeviceSelection.select("gpu0", null, unknown).precision());
  }

  @Test
  void explicitRequestsAreFollowedWithANote() {
    DevicePlan cpu16 = DeviceSelection.select("cpu", "float16", NONE);
    assertEquals(Precision.FLOAT16, cpu16.precision());
    assertTrue(cpu16.precisionNote().contains("checking only"), cpu16.precisionNote());
    assertEquals(Precision.FLOAT32, DeviceSelection.select("cpu", "FLOAT32", NONE).precision());
    DevicePlan old16 = DeviceSelection.select("gpu1", "float16", TWO);
    assertEquals(Precision.FLOAT16, old16.precision());
    assertTrue(old16.precisionNote().contains("little speed-up"), old16.precisionNote());
    DevicePlan new32 = DeviceSelection.select("gpu0", "float32", TWO);
    assertEquals(Precision.FLOAT32, new32.precision());
    assertTrue(new32.precisionNote().contains("would support mixed precision"), new32.precisionNote());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeviceSelection.select("cpu", "bfloat16", NONE));
    assertTrue(e.getMessage().startsWith("unknown precision \"bfloat16\": use auto, float32 or float16"), e.getMessage());
  }

  @Test
  void oneDeviceForSingleDeviceJobs() {
    assertEquals(Device.cpu(), DeviceSelection.device("cpu", NONE));
    assertEquals(Device.cpu(), DeviceSelection.device(null, NONE));
    assertEquals(Device.cpu(), DeviceSelection.device(" CPU ", TWO));
    assertEquals(Device.gpu(0), DeviceSelection.device("gpu", ONE));
    assertEquals(Device.gpu(1), DeviceSelection.device("cuda:1", TWO));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSelection.device("gpu0", NONE));
    assertEquals("device gpu0 is not available: " + NONE.unavailableReason(), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DeviceSelection.device("gpu2", TWO));
    assertThrows(IllegalArgumentException.class, () -> DeviceSelection.device("all", TWO));
    assertThrows(IllegalArgumentException.class, () -> DeviceSelection.device("gpu0,gpu1", TWO));
    assertThrows(IllegalArgumentException.class, () -> DeviceSelection.device("tpu", TWO));
  }

  /** The window says refusals, notes and the plan in Japanese; the command line's English is as it was. */
  @Test
  void refusalsNotesAndPlansAreSaidInJapaneseAndTheEnglishStays() {
    BadInputException e = assertThrows(BadInputException.class, () -> DeviceSelection.select("gpu2", TWO));
    assertEquals("device gpu2 is not available: the engine sees 2 GPU(s) (gpu0, gpu1)", e.getMessage());
    String ja = UserMessages.of(e, Locale.JAPANESE);
    assertTrue(BundleChecks.JAPANESE.matcher(ja).find() && ja.contains("gpu2") && ja.contains("（gpu0, gpu1）"), ja);
    BadInputException none = assertThrows(BadInputException.class, () -> DeviceSelection.select("gpu0", NONE));
    assertTrue(none.message(Locale.JAPANESE).endsWith("：" + NONE.unavailableReason()), "a fake's reason as it came");
    BadInputException precision = assertThrows(BadInputException.class,
        () -> DeviceSelection.select("cpu", "bfloat16", NONE));
    assertTrue(precision.message(Locale.JAPANESE).contains("bfloat16 に対応していません"),
        precision.message(Locale.JAPANESE));

    DevicePlan cpu = DeviceSelection.select("cpu", NONE);
    assertEquals(cpu.precisionNote(), cpu.precisionNote(Locale.ENGLISH));
    assertTrue(cpu.precisionNote(Locale.JAPANESE).contains("35 倍"), cpu.precisionNote(Locale.JAPANESE));
    DevicePlan all = DeviceSelection.select("all", TWO);
    assertEquals("gpu0 + gpu1 (data-parallel), float32", all.describe());
    assertEquals("gpu0 + gpu1（データ並列）、float32", all.describe(Locale.JAPANESE));
    assertEquals("gpu0、float16 の混合精度", DeviceSelection.select("gpu0", TWO).describe(Locale.JAPANESE));
    assertEquals("test note", DevicePlan.cpu().withPrecision(Precision.FLOAT16, "test note")
        .precisionNote(Locale.JAPANESE), "a note that is not ours stays as it is");

    DeviceProbe real = DeviceProbe.system();
    Message why = real.unavailableMessage();
    assertEquals(real.unavailableReason(), why.english());
    if (real.gpus().isEmpty()) {
      assertTrue(BundleChecks.JAPANESE.matcher(why.in(Locale.JAPANESE)).find(), why.in(Locale.JAPANESE));
    }
  }

  /**
   * The real probe, on either kind of machine: GPUs with no reason, numbered from gpu0 and offered
   * by name; or no GPU, a reason naming the build or the driver, and a GPU request refused with it.
   */
  @Test
  void theRealProbeOnThisMachineIsConsistent() {
    DeviceProbe real = DeviceProbe.system();
    List<DeviceProbe.Gpu> gpus = real.gpus();
    if (gpus.isEmpty()) {
      assertTrue(real.unavailableReason().contains("CPU build") || real.unavailableReason().contains("driver"),
          real.unavailableReason());
      assertEquals(List.of("cpu"), DeviceSelection.choices(real));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSelection.select("gpu0", real));
      assertEquals("device gpu0 is not available: " + real.unavailableReason(), e.getMessage());
    } else {
      assertEquals("", real.unavailableReason());
      for (int i = 0; i < gpus.size(); i++) {
        assertEquals(i, gpus.get(i).id());
        assertEquals("gpu" + i, gpus.get(i).name());
      }
      assertEquals(List.of("gpu0"), DeviceSelection.select("gpu0", real).devices());
      assertEquals(Device.gpu(0), DeviceSelection.device("gpu0", real));
      assertEquals(gpus.size() + 1 + (gpus.size() > 1 ? 1 : 0), DeviceSelection.choices(real).size());
    }
  }
}
