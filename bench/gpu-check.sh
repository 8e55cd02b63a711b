#!/usr/bin/env bash
# The device check of issue 18 (docs/BENCHMARKS.md, "OpenCL backend"): on a machine with an OpenCL GPU,
#   1. builds gpubot,
#   2. runs the parity tests (OpenClParityTest: random bots on real and synthetic candles through the CPU
#      engine and the OpenCL device, metrics and trades compared double for double; DeviceVotesParityTest:
#      every indicator type's vote words, and the values of the types the device computes, against the CPU's)
#      on the device OpenCL offers first (a GPU where there is one),
#   3. runs `gpubot bench backtest --backend opencl --compare-cpu` at 10,000 and 100,000 random bots over
#      525,600 one-minute bars: cold (indicator votes computed) and warm, against the CPU engine in the same
#      process, with the metrics of every bot compared,
# and prints one summary. Sized for a 16-core H100 machine: within 8 minutes.
#
# Smaller machines (PoCL on a 2-core CPU) set the sizes:
#   GPU_CHECK_BOTS="1000 2000" GPU_CHECK_BARS=100000 bench/gpu-check.sh
# Other knobs: GPU_CHECK_WARM_RUNS (default 3), GPU_CHECK_HEAP (JVM -Xmx, default 48g or 3/4 of memory),
# GPU_CHECK_SKIP_BUILD=1 (use the jar already built), GPU_CHECK_SKIP_PARITY=1.
set -euo pipefail
cd "$(dirname "$0")/.."

bots="${GPU_CHECK_BOTS:-10000 100000}"
bars="${GPU_CHECK_BARS:-525600}"
warm="${GPU_CHECK_WARM_RUNS:-3}"
mem_kib=$(awk '/MemTotal/ {print $2}' /proc/meminfo 2>/dev/null || echo 8388608)
default_heap=$(( mem_kib * 3 / 4 / 1024 / 1024 ))g
[ "$default_heap" = "0g" ] && default_heap=2g
[ "${default_heap%g}" -gt 48 ] && default_heap=48g
heap="${GPU_CHECK_HEAP:-$default_heap}"
log=$(mktemp -d)
start=$(date +%s)
summary=()

echo "== OpenCL devices"
if command -v clinfo > /dev/null 2>&1; then
  clinfo -l 2>/dev/null || true
else
  echo "(clinfo not installed; the backend names its device below)"
fi

if [ "${GPU_CHECK_SKIP_BUILD:-0}" != 1 ]; then
  echo "== build"
  t=$(date +%s)
  if mvn -B -ntp -q -o -pl app -am package -DskipTests > "$log/build.txt" 2>&1 \
      || mvn -B -ntp -q -pl app -am package -DskipTests > "$log/build.txt" 2>&1; then
    summary+=("build: $(( $(date +%s) - t )) s")
  elif [ -f app/target/gpubot.jar ]; then
    # A machine without Maven's repository (no network): the jar built elsewhere and carried here is used.
    summary+=("build: FAILED, using the app/target/gpubot.jar already there (log: $log/build.txt)")
  else
    tail -40 "$log/build.txt"; echo "build failed and no app/target/gpubot.jar to use"; exit 1
  fi
fi

parity="not run"
if [ "${GPU_CHECK_SKIP_PARITY:-0}" != 1 ]; then
  echo "== parity test on the device"
  t=$(date +%s)
  if mvn -B -ntp -o -pl opencl -am test -Dtest='OpenClParityTest,DeviceVotesParityTest' -Dsurefire.failIfNoSpecifiedTests=false > "$log/parity.txt" 2>&1 \
      || mvn -B -ntp -pl opencl -am test -Dtest='OpenClParityTest,DeviceVotesParityTest' -Dsurefire.failIfNoSpecifiedTests=false > "$log/parity.txt" 2>&1; then
    reports="opencl/target/surefire-reports/TEST-io.gpubot.opencl.OpenClParityTest.xml opencl/target/surefire-reports/TEST-io.gpubot.opencl.DeviceVotesParityTest.xml"
    cases=$(cat $reports | grep -c '<testcase ' || true)
    skipped=$(cat $reports | grep -c '<skipped' || true)
    device=$(grep -ho 'OpenClParityTest runs on .*' opencl/target/surefire-reports/*OpenClParityTest*-output.txt "$log/parity.txt" 2>/dev/null | head -1 || true)
    if [ "$skipped" -gt 0 ]; then
      parity="SKIPPED ($skipped of $cases): $(cat $reports | grep -o 'OpenCL unavailable[^"]*' | head -1)"
    else
      parity="passed, $cases tests (${device#OpenClParityTest runs on })"
    fi
  elif ! grep -q 'Tests run:' "$log/parity.txt"; then
    # Maven could not build the tests (no repository here): the bench's per-bot comparison below still runs.
    parity="NOT RUN: Maven could not build the tests here (log: $log/parity.txt)"
  else
    grep -E 'Tests run|FAIL|expected' "$log/parity.txt" | head -20 || true
    parity="FAILED (log: $log/parity.txt)"
  fi
  summary+=("parity: $parity, $(( $(date +%s) - t )) s")
  echo "$parity"
fi

for n in $bots; do
  echo "== bench backtest: $n bots x $bars bars"
  t=$(date +%s)
  if java "-Xmx$heap" -jar app/target/gpubot.jar bench backtest --bots "$n" --bars "$bars" --reference-bots 0 --warm-runs "$warm" \
      --backend opencl --compare-cpu 2>&1 | tee "$log/bench-$n.txt"; then
    device=$(grep -m1 '^Backend:' "$log/bench-$n.txt" | sed 's/^Backend: *//')
    cold=$(grep -m1 '^batch, cold cache:' "$log/bench-$n.txt" | sed 's/^batch, cold cache: *//; s/, [0-9,]* trades.*//')
    warm_line=$(grep -m1 '^batch, warm cache:' "$log/bench-$n.txt" | sed 's/^batch, warm cache: *//')
    cpu=$(grep -m1 '^cpu, cold cache:' "$log/bench-$n.txt" | sed 's/^cpu, cold cache: *//')
    same=$(grep -m1 '^identical metrics:' "$log/bench-$n.txt" | sed 's/^identical metrics: *//')
    summary+=("$n bots x $bars bars on $device: cold $cold; warm $warm_line | cpu: cold $cpu | identical metrics: $same ($(( $(date +%s) - t )) s)")
  else
    summary+=("$n bots x $bars bars: FAILED (log: $log/bench-$n.txt)")
  fi
done

echo
echo "== gpu-check summary ($(( $(date +%s) - start )) s in all; $(nproc) cores; logs in $log)"
for line in "${summary[@]}"; do echo "  $line"; done
