package org.bertworkbench.core.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * When the window's releaser trims malloc. A fine-tuning's freed memory sits in malloc's arenas
 * without lowering resident memory, so a rule that trimmed only after growth never trimmed once the
 * run had ended (WindowMemoryBench: 3.2 GB resident 20 s after the run, 1.7 GB above the window
 * before it).
 */
class MemoryReleaseTest {

  @Test
  void trimsWhenWorkHasEndedThoughNothingGrew() {
    assertTrue(MemoryRelease.shouldTrim(true, true, 4000, 4500));
  }

  @Test
  void leavesAnIdleProcessThatDidNothingAlone() {
    assertFalse(MemoryRelease.shouldTrim(true, false, 4000, 4000));
  }

  @Test
  void whileWorkingTrimsOnlyAfterGrowth() {
    assertTrue(MemoryRelease.shouldTrim(false, true, 4000 + MemoryRelease.TRIM_AFTER_GROWTH_MB + 1, 4000));
    assertFalse(MemoryRelease.shouldTrim(false, true, 4010, 4000));
  }

  @Test
  void trimsOnTheFirstLook() {
    assertTrue(MemoryRelease.shouldTrim(false, false, 900, -1));
  }

  @Test
  void theJvmTrimsThroughItsDiagnosticCommand() {
    String report = MemoryRelease.trimNativeHeap();
    assertTrue(report.startsWith("Trim native heap"), report);
  }
}
