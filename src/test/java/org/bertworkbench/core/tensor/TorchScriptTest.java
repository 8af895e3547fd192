package org.bertworkbench.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Source text of ours compiled by libtorch and run with arrays, lists and numbers. */
class TorchScriptTest {

  static final String SOURCE = """
      class Sums(Module):
        __parameters__ = []
        __buffers__ = []
        training : bool
        def scaled(self: __torch__.Sums,
          xs: List[Tensor],
          k: float,
          twice: bool) -> List[Tensor]:
          out = annotate(List[Tensor], [])
          for x in xs:
            y = torch.mul(x, k)
            if twice:
              y = torch.add(y, y)
            else:
              pass
            _0 = torch.append(out, y)
          return out
        def total(self: __torch__.Sums,
          x: Tensor,
          n: int) -> Tensor:
          return torch.mul(torch.sum(x), n)
      """;

  @Test
  void aMethodRunsOnArraysListsAndNumbers() {
    try (TorchScript script = TorchScript.compile("Sums", SOURCE);
        NDManager m = Engines.newManager(Device.cpu())) {
      NDArray a = m.create(new float[] {1, 2});
      NDArray b = m.create(new float[] {3});
      NDArray[] out = script.run("scaled", m, List.of(a, b), 0.5, true);
      assertEquals(2, out.length);
      assertArrayEquals(new float[] {1, 2}, out[0].toFloatArray());
      assertArrayEquals(new float[] {3}, out[1].toFloatArray());
      NDArray[] total = script.run("total", m, a, 3);
      assertEquals(9f, total[0].getFloat());
    }
  }

  @Test
  void sourceLibtorchRejectsSaysWhere() {
    String broken = "class Broken(Module):\n  training : bool\n"
        + "  def f(self: __torch__.Broken) -> Tensor:\n    return torch.no_such_op()\n";
    EngineException e = assertThrows(EngineException.class, () -> TorchScript.compile("Broken", broken));
    assertTrue(e.getMessage().contains("no_such_op"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TorchScript.compile("not a name", SOURCE));
  }
}
