package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertWeights.Init;

/** The pooler: {@code tanh(Dense(h[CLS]))}, the sentence vector that NSP and classifiers read. */
public final class BertPooler {

  private final NDArray weight; // (H, H)
  private final NDArray bias; // (H)

  BertPooler(ParameterSource w, BertConfig config) {
    long h = config.hiddenSize();
    weight = w.optionalParam("bert.pooler.dense.weight", Init.NORMAL, h, h);
    bias = w.optionalParam("bert.pooler.dense.bias", Init.ZEROS, h);
  }

  /** (B, T, H) -> (B, H), from the first token, [CLS]. */
  NDArray forward(NDArray hidden) {
    NDArray cls = hidden.get(new NDIndex(":, 0, :")); // (B, H)
    return Ops.linear(cls, weight, bias).tanh();
  }
}
