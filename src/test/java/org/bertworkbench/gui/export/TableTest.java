package org.bertworkbench.gui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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

  @Test
  void jsonKeepsNumbersAsNumbersAndTextAsText() throws Exception {
    StringWriter out = new StringWriter();
    JsonData.write(new Table(List.of("token", "score"), List.of(List.of("a,b", 0.5f), List.of("1", 2))).toJson(), out);
    assertEquals("{\"columns\":[\"token\",\"score\"],\"rows\":[[\"a,b\",0.5],[\"1\",2]]}", out.toString());
    JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
    assertEquals(0.5f, o.getAsJsonArray("rows").get(0).getAsJsonArray().get(1).getAsFloat());
  }
}
