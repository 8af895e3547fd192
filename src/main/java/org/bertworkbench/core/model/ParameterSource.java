package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.bertworkbench.core.model.BertWeights.Init;

/**
 * Where a block gets its parameters: each block asks for every tensor it computes with, by Hugging
 * Face name and shape, once, when it is built. {@link BertWeights} answers with arrays; {@link
 * ParameterDeclarations} only writes the requests down, which is how the checkpoint schema is
 * derived from the blocks themselves rather than kept as a second list.
 */
public interface ParameterSource {

  /** A parameter a checkpoint must hold (a fresh model initialises it with {@code init}). */
  NDArray param(String name, Init init, long... shape);

  /** A parameter that is initialised with {@code init} when the checkpoint lacks it (a pooler or a head). */
  NDArray optionalParam(String name, Init init, long... shape);

  /**
   * Whether the parameters never change while the blocks use them (a checkpoint opened for
   * looking): then the blocks may keep faster copies of them.
   */
  default boolean frozen() {
    return false;
  }

  /** The type the blocks compute in: FLOAT32, or FLOAT16 for mixed precision. */
  DataType dataType();
}
