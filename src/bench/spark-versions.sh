#!/usr/bin/env bash
# Spark 4.x (Scala 2.13) against Spark 3.5.9 (Scala 2.12), in one run (docs/decisions/0009-spark-version.md):
# the size of each bert-workbench-spark jar, the time of a one-line job (start-up: JVM, Spark, engine, model),
# and attention-stats over the same corpus in local[2], the two versions taking turns.
# Usage: src/bench/spark-versions.sh [ROUNDS] [LINES]   (default 3 rounds, 10000 lines; builds both jars first)
# Offline: DJL_OFFLINE, and each run inside `unshare -n` with only the loopback up when unshare works.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
lines="${2:-10000}"
new="${SPARK_NEW:-4.2.0}"
old="${SPARK_OLD:-3.5.9}"
work="$(mktemp -d)"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

if [ "${SKIP_BUILD:-}" != "1" ]; then
  mvn -B -q -o -Pspark package -DskipTests -Dspark.version="$old" -Dscala.binary.version=2.12 \
    -Dspark.jar.name="bert-workbench-spark-$old"
  mvn -B -q -o -Pspark package -DskipTests -Dspark.version="$new" -Dscala.binary.version=2.13 \
    -Dspark.jar.name="bert-workbench-spark-$new"
fi

# The corpus: sentences of 4 to 30 words, some of them pairs; one line for the start-up job.
python3 - "$work/corpus.txt" "$lines" <<'PY'
import random, sys
random.seed(16)
words = "the a sea sun sand rain over while and stay cat dog sat on mat river town song bright old new , . ! ?".split()
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        a = " ".join(random.choice(words) for _ in range(random.randint(4, 30)))
        f.write(a + ("\t" + " ".join(random.choice(words) for _ in range(random.randint(4, 12))) if i % 5 == 0 else "") + "\n")
PY
echo "the cat sat on the mat." > "$work/one.txt"

net=()
if unshare -n true 2>/dev/null; then net=(unshare -n sh -c 'ip link set lo up; exec "$@"' sh); fi

run() { # "wall CPU" seconds of one job (CPU: user + system of the JVM, less hurt by a busy machine)
  local jar="$1"; shift
  python3 - "$work" "${net[@]}" java -jar "$jar" "$@" <<'PY'
import resource, subprocess, sys, time
work, cmd = sys.argv[1], sys.argv[2:]
start = time.time()
with open(work + "/out.json", "w") as out, open(work + "/err.txt", "w") as err:
    code = subprocess.call(cmd, stdout=out, stderr=err)
wall = time.time() - start
if code != 0:
    sys.stderr.write(open(work + "/err.txt").read())
    sys.exit(1)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.1f} {u.ru_utime + u.ru_stime:.1f}")
PY
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the start, $(date -u +%F)"
for v in "$old" "$new"; do
  echo "jar $v: $(stat -c %s "target/bert-workbench-spark-$v.jar") bytes"
done
for r in $(seq 1 "$rounds"); do
  for v in "$new" "$old"; do
    jar="target/bert-workbench-spark-$v.jar"
    read -r sw sc < <(run "$jar" attention-stats --master 'local[2]' --model sample-tiny --input "$work/one.txt" --json)
    read -r tw tc < <(run "$jar" attention-stats --master 'local[2]' --model sample-tiny --input "$work/corpus.txt" --json)
    cp "$work/out.json" "$work/stats-$v.json"
    echo "round $r spark $v: one-line job ${sw} s (CPU ${sc} s), attention-stats sample-tiny $lines lines ${tw} s (CPU ${tc} s)"
  done
done
python3 - "$work/stats-$new.json" "$work/stats-$old.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
d = max(abs(x - y) for k in a["stats"] for ra, rb in zip(a["stats"][k], b["stats"][k]) for x, y in zip(ra, rb))
print(f"largest difference between the two versions' statistics: {d:.2e}")
PY
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
rm -rf "$work"
