package org.bertworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run in a network namespace with no network at all: every command must work.
 * The child gets none of the offline switches that Maven and {@code .ci/run} set ({@code DJL_OFFLINE},
 * {@code OPT_OUT_TRACKING}, {@code -Dai.djl.offline}, nor any JVM options variable that could carry
 * them): the jar must set offline mode itself. A namespace without network only makes a call fail,
 * and DJL swallows that failure, so each run is also traced with {@code strace -e trace=connect}: no
 * process of the jar may even try an internet address (without offline mode DJL tries
 * 169.254.169.254 at engine start, and every command still exits 0). Needs {@code unshare -n} (root,
 * as in CI) and strace; in CI ({@code CI=true}) a machine without them fails the test, elsewhere the
 * test says why it did not run.
 */
class NoNetworkIT {

  static final Path JAR = Path.of("target", "bert-workbench.jar");

  /** Environment variables that set offline mode, or could carry -Dai.djl.offline into the child JVM. */
  static final List<String> SWITCHES =
      List.of("DJL_OFFLINE", "OPT_OUT_TRACKING", "MAVEN_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  /** What one run printed, and every internet connect() its processes tried (strace lines). */
  record Result(int code, String out, String err, List<String> internetConnects) {}

  @BeforeAll
  static void unshareWorks() throws Exception {
    assertTrue(Files.exists(JAR), "run after mvn package: " + JAR);
    Result probe = exec(List.of("unshare", "-n", "true")); // traced by strace, as every run
    String why = "strace and unshare -n are needed (root, packages strace and util-linux): " + probe.err();
    if ("true".equals(System.getenv("CI"))) {
      assertEquals(0, probe.code(), why);
    }
    Assumptions.assumeTrue(probe.code() == 0, why);
  }

  static Result exec(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("out", ".txt");
    Path err = Files.createTempFile("err", ".txt");
    Path connects = Files.createTempFile("connects", ".txt");
    List<String> traced = new ArrayList<>(List.of("strace", "-f", "-qq", "-e", "trace=connect", "-e", "signal=none",
        "-o", connects.toString()));
    traced.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(traced).redirectOutput(out.toFile()).redirectError(err.toFile());
    for (String offlineSwitch : SWITCHES) {
      pb.environment().remove(offlineSwitch);
    }
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished: " + command);
    List<String> internet = Files.readAllLines(connects, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("AF_INET")).toList(); // AF_INET and AF_INET6, not AF_UNIX
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), internet);
  }

  /** Runs the jar with no network; fails when any of its processes tried to reach an internet address. */
  static Result jar(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("unshare", "-n", "java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Result r = exec(command);
    assertEquals(List.of(), r.internetConnects(), "connect() to the internet by " + String.join(" ", args));
    return r;
  }

  @Test
  void everyCommandWorksWithNoNetwork() throws Exception {
    Result models = jar("models", "--json");
    assertEquals(0, models.code(), models.err());
    assertTrue(models.out().contains("\"bert-base-uncased\""));

    Result tokens = jar("tokenize", "--text", "Hello world", "--json");
    assertEquals(0, tokens.code(), tokens.err());

    Result fill = jar("fill-mask", "--text", "Hello I'm a [MASK] model.", "--json");
    assertEquals(0, fill.code(), fill.err());
    assertTrue(fill.out().contains("\"fashion\""), fill.out());

    Result lessons = jar("lessons", "--lang", "ja", "--json");
    assertEquals(0, lessons.code(), lessons.err());
    assertTrue(lessons.out().contains("\"id\":\"features\"") && lessons.out().contains("双方向"),
        "the jar carries the lessons under /assets: " + lessons.out());

    Result inspect = jar("inspect", "--text", "Hi.", "--json");
    assertEquals(0, inspect.code(), inspect.err());
    assertTrue(inspect.out().contains("\"hidden_states\""));

    Result embed = jar("embed", "--model", "all-minilm-l6-v2", "--text", "A man is eating food.", "--json");
    assertEquals(0, embed.code(), embed.err());
    assertTrue(embed.out().contains("\"unit_length\":true"), embed.out());

    Path run = Files.createTempDirectory("finetune-it").resolve("run");
    Result finetune = jar("finetune", "--task", "classify", "--train", "sample-data/finetune/classify/train.tsv",
        "--dev", "sample-data/finetune/classify/dev.tsv", "--model", "sample-data/pretrain/tiny-model", "--out",
        run.toString(), "--epochs", "1", "--batch-size", "32", "--max-length", "32", "--json", "--log-every", "5");
    assertEquals(0, finetune.code(), finetune.err());
    assertTrue(finetune.out().contains("\"done\":true"), finetune.out());
    Result evaluate = jar("evaluate", "--model", run.resolve("model").toString(), "--data",
        "sample-data/finetune/classify/dev.tsv", "--json");
    assertEquals(0, evaluate.code(), evaluate.err());
    assertTrue(evaluate.out().contains("\"macro_f1\""), evaluate.out());
    Result predict = jar("predict", "--model", run.resolve("model").toString(), "--text", "The room was superb.", "--json");
    assertEquals(0, predict.code(), predict.err());
    assertTrue(predict.out().contains("\"probabilities\""), predict.out());

    Path paragraphs = Files.createTempFile("paragraphs", ".txt");
    Files.writeString(paragraphs, "The cat sat on the mat.\nParis is the capital of France.\n");
    Result stats = jar("attention-stats", "--input", paragraphs.toString(), "--json");
    assertEquals(0, stats.code(), stats.err());
    assertTrue(stats.out().contains("\"entropy\""), stats.out());

    Path pretrained = Files.createTempDirectory("pretrain-it").resolve("run");
    Result pretrain = jar("pretrain", "--corpus", "sample-data/pretrain/corpus.txt", "--out", pretrained.toString(),
        "--preset", "tiny", "--steps", "4", "--batch-size", "4", "--max-length", "32", "--log-every", "2", "--json");
    assertEquals(0, pretrain.code(), pretrain.err());
    assertTrue(pretrain.out().contains("\"mlm_loss\""), pretrain.out());

    Result tokenizeOnly = jar("tokenize", "--text", "Unaffable!", "--model", "sample-tiny", "--json");
    assertEquals(0, tokenizeOnly.code(), tokenizeOnly.err());

    Result bench = jar("bench", "--json", "--runs", "1", "--lengths", "32");
    assertEquals(0, bench.code(), bench.err());
    assertTrue(bench.out().contains("\"forward_ms\""), bench.out());
  }

  @Test
  void aBadCommandLineIsOneLineOnStandardError() throws Exception {
    Result r = jar("fill-mask", "--text", "");
    assertTrue(r.code() != 0);
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
  }
}
