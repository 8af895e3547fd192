#!/usr/bin/env bash
# Screenshots of every view in a real window under Xvfb (GTK glass, software rendering), written by
# the window tests to target/screenshots/. Needs: xvfb xauth libgtk-3-0 libgl1 libgl1-mesa-dri
# libxtst6 fonts-dejavu-core (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
xvfb-run -a -s "-screen 0 1600x1200x24" mvn -B -o test \
  -Dtest='WorkbenchWindowTest,EmbeddingsPaneTest,LayersPaneTest,AttentionPaneTest,HeadRankingTest,AttentionCompareTest' \
  "-Dui.test.args=-Dtestfx.robot=glass -Dprism.order=sw"
ls -l target/screenshots/
