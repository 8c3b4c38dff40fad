#!/bin/sh
# Peak memory (max RSS) and wall time of `specbind generate` on a synthetic service.
#
#   tools/peak_mem.sh [OPS] [RUNS]     # defaults: 1000 operations, 5 runs
#
# Builds the release CLI and the bench (which writes the synthetic spec; see
# codegen/benches/generate.rs), then runs `specbind generate` RUNS times into a fresh
# output directory each time, under GNU time (`apt-get install time` if
# /usr/bin/time is missing), and prints each run and the median. Goal (issue 7): the
# 1,000-operation service generates in < 1 s with < 200 MB peak.
set -eu
ops=${1:-1000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
if [ ! -x /usr/bin/time ]; then
    echo "GNU time is needed: apt-get install time" >&2
    exit 2
fi
cd "$root"
cargo build --quiet --release -p specbind --bin specbind
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo bench --quiet -p specbind --bench generate -- --write-synthetic "$work/spec" "$ops" >/dev/null
i=0
: >"$work/results"
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    /usr/bin/time -f '%e %M' -o "$work/time" \
        "$target/release/specbind" generate --spec-dir "$work/spec" --out-dir "$work/out$i" 2>/dev/null
    read -r secs kib <"$work/time"
    echo "run $i: ${secs} s, peak RSS $((kib / 1024)) MiB"
    echo "$secs $kib" >>"$work/results"
done
lines=$(wc -l <"$work/results" | tr -d ' ')
mid=$(((lines + 1) / 2))
med_s=$(cut -d' ' -f1 "$work/results" | sort -n | sed -n "${mid}p")
med_k=$(cut -d' ' -f2 "$work/results" | sort -n | sed -n "${mid}p")
echo "median of $runs: ${med_s} s, peak RSS $((med_k / 1024)) MiB ($ops operations, $(nproc) cores)"
