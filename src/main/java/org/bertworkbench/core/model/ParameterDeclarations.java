package org.bertworkbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bertworkbench.core.config.BertConfig;
import org.bertworkbench.core.model.BertWeights.Init;

/**
 * The parameters BERT's blocks ask for, written down without allocating anything: build the blocks
 * against this source and read {@link #declared()}. The blocks then hold no arrays and must not be
 * run.
 */
public final class ParameterDeclarations implements ParameterSource {

  /**
   * One parameter a block asked for.
   *
   * @param name Hugging Face name, e.g. {@code bert.encoder.layer.0.attention.self.query.weight}
   * @param shape Hugging Face layout (a dense weight is {@code [out, in]})
   * @param required whether a checkpoint must hold it ({@link ParameterSource#param}) or a fresh one
   *     may be made ({@link ParameterSource#optionalParam})
   */
  public record Declared(String name, long[] shape, boolean required) {}

  private final List<Declared> declared = new ArrayList<>();

  private ParameterDeclarations() {}

  /** Every parameter of {@link BertForPreTraining} for {@code config}, in the order the blocks ask for them. */
  public static List<Declared> ofPreTraining(BertConfig config) {
    ParameterDeclarations d = new ParameterDeclarations();
    BertModel bert = new BertModel(d, config);
    new BertPreTrainingHeads(d, config, bert.embeddings().wordEmbeddings());
    return Collections.unmodifiableList(d.declared);
  }

  @Override
  public NDArray param(String name, Init init, long... shape) {
    declared.add(new Declared(name, shape.clone(), true));
    return null;
  }

  @Override
  public NDArray optionalParam(String name, Init init, long... shape) {
    declared.add(new Declared(name, shape.clone(), false));
    return null;
  }

  @Override
  public DataType dataType() {
    return DataType.FLOAT32;
  }
}
