/**
 * Which PyTorch natives the engine loads, chosen before DJL starts. The GPU build carries two sets,
 * CUDA 12.4 and CPU, beside its jar; {@link org.bertworkbench.core.natives.GpuCheck} decides from
 * what the NVIDIA driver shows whether the CUDA set can run, and {@link
 * org.bertworkbench.core.natives.TorchNatives} unpacks the chosen set and points DJL at it, so that a
 * machine without a usable GPU runs on the CPU offline and is told why.
 */
package org.bertworkbench.core.natives;
