package org.bertworkbench.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bertworkbench.core.finetune.FinetuneRun;
import org.bertworkbench.core.pretrain.PretrainRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run directory both trainers write and resume from, exercised through each run kind: the
 * same record, status, metrics, checkpoint and model code for a pretraining and a fine-tuning run.
 */
class RunDirectoryTest {

  @TempDir
  Path root;

  static Stream<Arguments> kinds() {
    Function<Path, RunDirectory> pretrain = PretrainRun::new;
    Function<Path, RunDirectory> finetune = FinetuneRun::new;
    return Stream.of(Arguments.of("pretraining", pretrain), Arguments.of("fine-tuning", finetune));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theRecordIsWrittenPrettyAndReadBack(String kind, Function<Path, RunDirectory> open) throws IOException {
    RunDirectory run = open.apply(root.resolve(kind));
    JsonObject record = new JsonObject();
    record.addProperty("kind", kind);
    record.addProperty("loss", Double.NaN);
    run.writeRecord(record);
    assertEquals("{\n  \"kind\": \"" + kind + "\",\n  \"loss\": NaN\n}\n", Files.readString(run.file(RunDirectory.RECORD)));
    assertEquals(kind, open.apply(run.dir()).record().get("kind").getAsString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void statusOfALiveAndOfAVanishedProcess(String kind, Function<Path, RunDirectory> open) throws IOException {
    RunDirectory run = open.apply(root.resolve(kind));
    assertEquals(RunDirectory.State.INTERRUPTED, run.status().state(), "no status.json yet");
    run.writeStatus(RunDirectory.State.RUNNING, 3, 10, "training");
    RunDirectory.Status s = run.status();
    assertEquals(RunDirectory.State.RUNNING, s.state(), "this process is alive");
    assertEquals(3, s.step());
    assertEquals(10, s.totalSteps());
    assertEquals(ProcessHandle.current().pid(), s.pid());
    String dead = Files.readString(run.file(RunDirectory.STATUS)).replace("\"pid\": " + s.pid(), "\"pid\": -7");
    Files.writeString(run.file(RunDirectory.STATUS), dead);
    assertEquals(RunDirectory.State.INTERRUPTED, run.status().state());
    assertEquals(3, run.status().step());
    Files.writeString(run.file(RunDirectory.STATUS), "{\"state\": ");
    assertEquals("status.json is unreadable", run.status().message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aResumeStartsFromTheNewestWholeCheckpoint(String kind, Function<Path, RunDirectory> open) throws IOException {
    RunDirectory run = open.apply(root.resolve(kind));
    assertNull(run.latestCheckpoint());
    for (long step : new long[] {2, 10, 4}) {
      JsonObject state = new JsonObject();
      state.addProperty("step", step);
      Path dir = run.writeCheckpoint(step, tmp -> Files.writeString(tmp.resolve(RunDirectory.OPTIMIZER), "o" + step),
          state);
      assertEquals(run.checkpoint(step), dir);
    }
    // A crash while step 12 was written leaves its temporary folder; a folder without its trainer
    // state (written last) is not whole either.
    assertThrows(IOException.class, () -> run.writeCheckpoint(12, tmp -> {
      Files.writeString(tmp.resolve(RunDirectory.OPTIMIZER), "half");
      throw new IOException("killed");
    }, new JsonObject()));
    Files.createDirectories(run.checkpoint(14));
    assertEquals(List.of(run.checkpoint(2), run.checkpoint(4), run.checkpoint(10)), run.checkpoints());
    Path latest = open.apply(run.dir()).latestCheckpoint();
    assertEquals(run.checkpoint(10), latest);
    assertEquals(10, RunDirectory.stepOf(latest));
    assertEquals("{\"step\":10}\n", Files.readString(latest.resolve(RunDirectory.TRAINER_STATE)));
    // The resumed run writes step 4 again: the old folder is replaced, not merged.
    Files.writeString(run.checkpoint(4).resolve("stale"), "x");
    run.writeCheckpoint(4, tmp -> Files.writeString(tmp.resolve(RunDirectory.OPTIMIZER), "again"), new JsonObject());
    assertFalse(Files.exists(run.checkpoint(4).resolve("stale")));
    assertEquals("again", Files.readString(run.checkpoint(4).resolve(RunDirectory.OPTIMIZER)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void resumingCutsTheRowsBackToTheCheckpoint(String kind, Function<Path, RunDirectory> open) throws IOException {
    RunDirectory run = open.apply(root.resolve(kind));
    try (JsonLines metrics = run.append(RunDirectory.METRICS); JsonLines batches = run.append(PretrainRun.BATCHES)) {
      metrics.write(List.of("{\"step\":1}", "{\"step\":2}", "{\"step\":3}"));
      batches.write(List.of("{\"step\":1}", "{\"step\":3}"));
    }
    Files.writeString(run.file(RunDirectory.METRICS), "{\"step\":4,\"lo", java.nio.file.StandardOpenOption.APPEND);
    run.truncateTo(2, PretrainRun.BATCHES);
    assertEquals("{\"step\":1}\n{\"step\":2}\n", Files.readString(run.file(RunDirectory.METRICS)));
    assertEquals("{\"step\":1}\n", Files.readString(run.file(PretrainRun.BATCHES)));
    run.truncateTo(2, "absent.jsonl");
    assertFalse(Files.exists(run.file("absent.jsonl")), "no file is made for a run kind without it");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theModelFolderIsReplacedWhole(String kind, Function<Path, RunDirectory> open) throws IOException {
    RunDirectory run = open.apply(root.resolve(kind));
    run.writeModel(tmp -> Files.writeString(tmp.resolve("config.json"), "{}"));
    Files.writeString(run.modelDir().resolve("old.bin"), "x");
    run.writeModel(tmp -> Files.writeString(tmp.resolve("config.json"), "{\"new\":1}"));
    assertEquals("{\"new\":1}", Files.readString(run.modelDir().resolve("config.json")));
    assertFalse(Files.exists(run.modelDir().resolve("old.bin")));
    try (Stream<Path> left = Files.list(run.dir())) {
      assertEquals(List.of(run.modelDir()), left.toList(), "no temporary folder left");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void eachKindSaysWhetherAFolderHoldsOneOfItsRuns(String kind, Function<Path, RunDirectory> open) throws IOException {
    RunDirectory run = open.apply(root.resolve(kind));
    assertFalse(run.exists());
    if (run instanceof FinetuneRun) {
      Files.createDirectories(run.dir());
      Files.writeString(run.file(FinetuneRun.SPEC), "{}");
    } else {
      run.writeRecord(new JsonObject());
    }
    assertTrue(open.apply(run.dir()).exists());
  }
}
