/**
 * Which devices a job can run on: the GPUs the engine detects (or why there are none), and the
 * choice of "cpu", one GPU or all GPUs, made testable without a GPU through {@link
 * org.bertworkbench.core.device.DeviceProbe}.
 */
package org.bertworkbench.core.device;
