#!/usr/bin/env bash
# Times `sizeup fit` and the SciPy reference (../shared/bench/scipy_fit_reference.py) on the same runs and the
# same 4,500-start grid, alternating, whole process each (JVM start included), and prints both times and the ratio.
# Usage: src/test/scripts/fit-vs-scipy.sh [ROUNDS] [CSV]   (the launcher builds the jar first if it is stale)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
rounds="${1:-3}"
csv="${2:-../shared/datasets/chinchilla-runs/svg_extracted_data.csv}"
ref=../shared/bench/scipy_fit_reference.py
java_times=(); py_times=()
for ((i = 1; i <= rounds; i++)); do
  t0=$(date +%s.%N); ./sizeup fit "$csv" --drop-highest 5 >/dev/null; t1=$(date +%s.%N)
  python3 "$ref" "$csv" --drop-highest 5 >/dev/null; t2=$(date +%s.%N)
  java_times+=("$(echo "$t1 - $t0" | bc)"); py_times+=("$(echo "$t2 - $t1" | bc)")
  echo "round $i: sizeup ${java_times[-1]} s, scipy ${py_times[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
j=$(median "${java_times[@]}"); p=$(median "${py_times[@]}")
echo "median: sizeup $j s, scipy $p s, ratio $(echo "scale=1; $p / $j" | bc)x"
