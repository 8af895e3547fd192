package org.bertworkbench.core.device;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.bertworkbench.core.job.BadInputException;
import org.bertworkbench.core.job.Message;

/**
 * The number type a training run computes in. {@link #FLOAT16} is mixed precision in the classic
 * "master weights" form (Micikevicius et al. 2018): the forward and backward passes run in float16
 * on float16 copies of the weights, the optimiser keeps and updates float32 masters, and a dynamic
 * loss scale keeps small gradients from vanishing in float16.
 */
public enum Precision {
  FLOAT32, FLOAT16;

  /** What a user may ask for: {@code auto} lets {@link DeviceSelection} decide from the device. */
  public static final String AUTO = "auto";

  /** The engine's type of the working weights and activations. */
  public DataType dataType() {
    return this == FLOAT16 ? DataType.FLOAT16 : DataType.FLOAT32;
  }

  /** "float32" or "float16", as spec.json, run.json and the command line write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A request checked: "auto" (also for null or blank), "float32" or "float16", lower case.
   *
   * @throws BadInputException for anything else
   */
  public static String checkRequest(String request) {
    String r = request == null || request.isBlank() ? AUTO : request.trim().toLowerCase(Locale.ROOT);
    if (!r.equals(AUTO) && !r.equals("float32") && !r.equals("float16")) {
      throw new BadInputException(r.startsWith("b") ? Message.of(Precision.class, "Precision.unknownB", request)
          : Message.of(Precision.class, "Precision.unknown", request));
    }
    return r;
  }
}
