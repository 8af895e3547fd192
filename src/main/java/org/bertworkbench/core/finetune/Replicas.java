package org.bertworkbench.core.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bertworkbench.core.checkpoint.CheckpointException;

/**
 * Data-parallel training on one machine: one copy of the model per device, the first the main copy
 * that the optimiser updates. Each step, every copy runs forward and backward on its share of the
 * batch (its loss divided by the whole batch's count, see {@link FinetuneLoss}), the copies'
 * gradients are added into the main copy's, the optimiser steps, and the main copy's weights are
 * copied back to the others. With one device this is plain training.
 *
 * <p>Shares run one after another on the calling thread (DJL lets one gradient collector record at
 * a time); on GPUs, kernel launches are asynchronous, so the devices' work overlaps only partly.
 * The summing and copying are checked on two CPU copies against one; on real GPUs this is untested.
 */
final class Replicas implements AutoCloseable {

  /** Makes one copy of the model on a device. */
  @FunctionalInterface
  interface Factory {
    FinetuneModel on(Device device) throws CheckpointException;
  }

  private final List<FinetuneModel> models = new ArrayList<>();
  private final List<Map<String, NDArray>> trainable = new ArrayList<>();

  Replicas(List<Device> devices, Factory factory, int frozenLayers) throws CheckpointException {
    try {
      for (Device d : devices) {
        FinetuneModel m = factory.on(d);
        models.add(m);
        Map<String, NDArray> params = m.trainableParameters(frozenLayers);
        if (models.size() > 1) {
          params.values().forEach(p -> p.setRequiresGradient(true)); // the main copy's optimiser does its own
          m.weights().dropMasters(); // mixed precision: only the main copy's masters are updated
        }
        trainable.add(params);
      }
    } catch (CheckpointException | RuntimeException e) {
      close();
      throw e;
    }
  }

  FinetuneModel main() {
    return models.get(0);
  }

  int size() {
    return models.size();
  }

  FinetuneModel get(int k) {
    return models.get(k);
  }

  /** The batch's rows cut into {@link #size()} consecutive shares of near-equal size (some may be empty). */
  <T> List<List<T>> split(List<T> rows) {
    List<List<T>> shares = new ArrayList<>();
    int n = models.size();
    for (int k = 0; k < n; k++) {
      shares.add(rows.subList(rows.size() * k / n, rows.size() * (k + 1) / n));
    }
    return shares;
  }

  /** Adds every other copy's gradients into the main copy's and zeroes theirs. */
  void reduceGradients(NDManager scope) {
    Map<String, NDArray> main = trainable.get(0);
    Device target = main().device();
    for (int k = 1; k < models.size(); k++) {
      for (Map.Entry<String, NDArray> e : trainable.get(k).entrySet()) {
        NDArray theirs = e.getValue().getGradient();
        theirs.attach(scope);
        NDArray mine = main.get(e.getKey()).getGradient();
        mine.attach(scope);
        NDArray moved = theirs.toDevice(target, true);
        moved.attach(scope);
        mine.addi(moved);
        theirs.muli(0);
      }
    }
  }

  /** Copies the main copy's (updated) weights to every other copy. */
  void broadcastWeights(NDManager scope) {
    Map<String, NDArray> main = trainable.get(0);
    for (int k = 1; k < models.size(); k++) {
      Device d = models.get(k).device();
      for (Map.Entry<String, NDArray> e : trainable.get(k).entrySet()) {
        NDArray copy = main.get(e.getKey()).toDevice(d, true);
        copy.attach(scope);
        e.getValue().muli(0).addi(copy);
      }
    }
  }

  @Override
  public void close() {
    models.forEach(FinetuneModel::close);
  }
}
