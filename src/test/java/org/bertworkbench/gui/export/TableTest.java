package org.bertworkbench.gui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void csvQuotesWhatNeedsQuoting() throws Exception {
    StringWriter out = new StringWriter();
    new Table(List.of("token", "score"), List.of(List.of("a,b", 0.5), List.of("say \"hi\"", 1)))
        .writeCsv(out);
    assertEquals("token,score\r\n\"a,b\",0.5\r\n\"say \"\"hi\"\"\",1\r\n", out.toString());
  }
}
