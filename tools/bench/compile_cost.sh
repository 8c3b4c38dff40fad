#!/usr/bin/env bash
# Compile cost of specbind's generated code, with progenitor as the peer.
#
# Measures (see docs/performance.md for the method and the latest figures):
#   1. the 139-operation Tencent Organization service (spec/tencent/, as imported from
#      tccli's api.json with its overlay): generation time, generated lines, the generated
#      crate's own release compile (dependencies prebuilt, `touch src/lib.rs`);
#   2. the same operations through progenitor (tools/bench/tccli_to_openapi.py →
#      progenitor::Generator): generation time, lines, its crate's own release compile;
#      and cold release builds, dependencies included, of specbind's crate (rustls with
#      aws-lc-rs, and rustls with ring) and of progenitor's (reqwest's default rustls);
#   3. a synthetic 1,000-operation service (tools/bench/synth_spec.py): generation time
#      and peak RSS, and `cargo check` of its crate (wall, CPU, peak RSS).
#
# CPU is user+sys of the whole command as GNU time reports it (cargo and every rustc,
# build script and linker it runs); peak RSS is GNU time's "maximum resident set size",
# the largest single process (rustc, for a build). Every figure is the median of RUNS
# runs (COLD_RUNS for the cold builds).
#
# Slow (a cold build compiles reqwest, tokio and aws-lc-sys); not for CI. Needs cargo,
# python3 and GNU time (`apt-get install time`); network on the first run (crates.io).
#
# Usage: tools/bench/compile_cost.sh            (RUNS=3 COLD_RUNS=3 by default)
#        RUNS=5 COLD_RUNS=1 tools/bench/compile_cost.sh
# Work files and the dedicated CARGO_TARGET_DIRs live in ${TMPDIR:-/tmp}/specbind-compile-cost
# (kept between runs, so only the first run builds the peer's generator).
set -euo pipefail

RUNS=${RUNS:-3}
COLD_RUNS=${COLD_RUNS:-3}
SKIP_COLD=${SKIP_COLD:-0}
PROGENITOR_VERSION=${PROGENITOR_VERSION:-0.15.1}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${TMPDIR:-/tmp}/specbind-compile-cost
API_JSON=$REPO/spec/vendor/tencent/organization-2021-03-31.api.json
GNU_TIME=${GNU_TIME:-/usr/bin/time}

if ! "$GNU_TIME" -f %e -o /dev/null true 2>/dev/null; then
    echo "GNU time is needed at $GNU_TIME (Debian/Ubuntu: apt-get install time)" >&2
    exit 1
fi

mkdir -p "$WORK"
rm -rf "$WORK/res" "$WORK/log"
mkdir -p "$WORK/res" "$WORK/log"

say() { printf '%s\n' "$*" | tee -a "$WORK/log/summary.txt" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# timed LABEL CMD...: runs CMD (output to log/LABEL.log) under GNU time and appends
# "cpu_s wall_s rss_mb" to res/LABEL. Wall comes from the nanosecond clock.
timed() {
    local label=$1
    shift
    local t=$WORK/time.out start end
    start=$(date +%s%N)
    if ! "$GNU_TIME" -f '%U %S %M' -o "$t" "$@" >>"$WORK/log/$label.log" 2>&1; then
        echo "failed: $* (see $WORK/log/$label.log)" >&2
        tail -20 "$WORK/log/$label.log" >&2
        exit 1
    fi
    end=$(date +%s%N)
    read -r u s m <"$t"
    awk -v u="$u" -v s="$s" -v w="$((end - start))" -v m="$m" \
        'BEGIN { printf "%.2f %.3f %.0f\n", u + s, w / 1e9, m / 1024 }' >>"$WORK/res/$label"
    echo "  $label: $(tail -1 "$WORK/res/$label")  (cpu_s wall_s rss_mb; load $(loadavg))" >&2
}

# med LABEL COLUMN: the median of one column (1 cpu, 2 wall, 3 rss) of res/LABEL.
med() {
    cut -d' ' -f"$2" "$WORK/res/$1" | sort -g |
        awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# bindings_crate DIR FEATURE: a throwaway crate for specbind's output, detached from
# the repository's workspace. TLS is a feature of the crate, as in specbind-apis.
bindings_crate() {
    mkdir -p "$1/src"
    cat >"$1/Cargo.toml" <<EOF
[package]
name = "bench-$2"
version = "0.0.0"
edition = "2024"
publish = false

[features]
default = ["$2", "rustls"]
$2 = []
rustls = ["specbind-runtime/rustls"]
rustls-ring = ["specbind-runtime/rustls-ring"]

[dependencies]
specbind-runtime = { path = "$REPO/runtime", default-features = false }
serde = "1"

[workspace]
EOF
}

say "# specbind compile cost, $(date -u +%Y-%m-%dT%H:%MZ)"
say "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
say "toolchain: $(rustc -V), $(cargo -V)"
say "repo: $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'); runs: $RUNS (cold: $COLD_RUNS)"
say "load average at start: $(loadavg)"

# --- specbind itself ------------------------------------------------------------------
echo "building specbind (release)" >&2
(cd "$REPO" && cargo build --release -p specbind --quiet)
SPECBIND=$(cd "$REPO" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/specbind

# --- 1. Tencent Organization through specbind ----------------------------------------
echo "1. Tencent Organization, specbind" >&2
ORG=$WORK/org
rm -rf "$ORG/spec" "$ORG/gen"
mkdir -p "$ORG/spec/tencent"
# The imported spec, overlay applied, as specbind-apis ships it (every mined rule and
# doc).
cp "$REPO/spec/tencent/organization-2021-03-31.yaml" "$ORG/spec/tencent/"
OPS=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["actions"]))' "$API_JSON")
for _ in $(seq "$RUNS"); do
    rm -rf "$ORG/gen"
    timed org-generate "$SPECBIND" generate --spec-dir "$ORG/spec" --out-dir "$ORG/gen"
done
bindings_crate "$ORG/crate" tencent-organization
rm -rf "$ORG/crate/src"
cp -r "$ORG/gen" "$ORG/crate/src"
ORG_LINES=$(find "$ORG/crate/src" -name '*.rs' -exec cat {} + | wc -l)
export CARGO_TARGET_DIR=$WORK/target-org
(cd "$ORG/crate" && cargo build --release --quiet) # dependencies, once
for _ in $(seq "$RUNS"); do
    touch "$ORG/crate/src/lib.rs"
    timed org-own-release bash -c "cd '$ORG/crate' && cargo build --release"
done

# --- 2. the same operations through progenitor ---------------------------------------
echo "2. Tencent Organization, progenitor $PROGENITOR_VERSION" >&2
PG=$WORK/progenitor
mkdir -p "$PG/gen/src" "$PG/crate/src"
python3 "$REPO/tools/bench/tccli_to_openapi.py" "$API_JSON" "$PG/organization.json"
cat >"$PG/gen/Cargo.toml" <<EOF
[package]
name = "progen"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
progenitor = { version = "=$PROGENITOR_VERSION", default-features = false }
openapiv3 = "2"
serde_json = "1"
syn = { version = "2", features = ["full"] }
prettyplease = "0.2"

[workspace]
EOF
# progenitor's build-script recipe (Generator::generate_tokens, syn, prettyplease),
# run as a program so that the measured crate holds only the generated code.
cat >"$PG/gen/src/main.rs" <<'EOF'
fn main() {
    let mut args = std::env::args().skip(1);
    let (src, dst) = (args.next().expect("OPENAPI_JSON"), args.next().expect("OUT_RS"));
    let file = std::fs::File::open(&src).expect("open the OpenAPI document");
    let spec: openapiv3::OpenAPI = serde_json::from_reader(file).expect("parse");
    let mut generator = progenitor::Generator::default();
    let tokens = generator.generate_tokens(&spec).expect("generate");
    let ast = syn::parse2(tokens).expect("parse2");
    std::fs::write(&dst, prettyplease::unparse(&ast)).expect("write");
}
EOF
echo "  building progenitor's generator (slow the first time)" >&2
CARGO_TARGET_DIR=$WORK/target-progen cargo build --release --quiet --manifest-path "$PG/gen/Cargo.toml"
for _ in $(seq "$RUNS"); do
    rm -f "$PG/crate/src/lib.rs"
    timed pg-generate "$WORK/target-progen/release/progen" "$PG/organization.json" "$PG/crate/src/lib.rs"
done
PG_LINES=$(wc -l <"$PG/crate/src/lib.rs")
# The generated code's dependencies, as progenitor's README lists them; reqwest with
# its default features (rustls with aws-lc-rs), since progenitor-client enables none.
cat >"$PG/crate/Cargo.toml" <<EOF
[package]
name = "bench-progenitor"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
progenitor-client = "=$PROGENITOR_VERSION"
reqwest = { version = "0.13", features = ["json", "query", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[workspace]
EOF
export CARGO_TARGET_DIR=$WORK/target-progenitor
(cd "$PG/crate" && cargo build --release --quiet)
for _ in $(seq "$RUNS"); do
    touch "$PG/crate/src/lib.rs"
    timed pg-own-release bash -c "cd '$PG/crate' && cargo build --release"
done
say "load average after the own-compile runs: $(loadavg)"

# --- cold builds, dependencies included ----------------------------------------------
if [ "$SKIP_COLD" != 1 ]; then
    echo "cold builds" >&2
    (cd "$ORG/crate" && cargo fetch --quiet)
    (cd "$PG/crate" && cargo fetch --quiet)
    for _ in $(seq "$COLD_RUNS"); do
        export CARGO_TARGET_DIR=$WORK/cold-org-aws-lc
        (cd "$ORG/crate" && cargo clean --quiet)
        timed cold-org-aws-lc bash -c "cd '$ORG/crate' && cargo build --release"
        export CARGO_TARGET_DIR=$WORK/cold-org-ring
        (cd "$ORG/crate" && cargo clean --quiet)
        timed cold-org-ring bash -c "cd '$ORG/crate' && cargo build --release --no-default-features --features tencent-organization,rustls-ring"
        export CARGO_TARGET_DIR=$WORK/cold-progenitor
        (cd "$PG/crate" && cargo clean --quiet)
        timed cold-progenitor bash -c "cd '$PG/crate' && cargo build --release"
    done
    say "load average after the cold builds: $(loadavg)"
fi

# --- 3. synthetic 1,000-operation service --------------------------------------------
echo "3. synthetic 1,000-operation service" >&2
SY=$WORK/synth
rm -rf "$SY/spec" "$SY/gen"
mkdir -p "$SY/spec/tencent"
python3 "$REPO/tools/bench/synth_spec.py" "$SY/spec/tencent/synth.yaml" 1000
for _ in $(seq "$RUNS"); do
    rm -rf "$SY/gen"
    timed synth-generate "$SPECBIND" generate --spec-dir "$SY/spec" --out-dir "$SY/gen"
done
bindings_crate "$SY/crate" tencent-synth
rm -rf "$SY/crate/src"
cp -r "$SY/gen" "$SY/crate/src"
SY_LINES=$(find "$SY/crate/src" -name '*.rs' -exec cat {} + | wc -l)
export CARGO_TARGET_DIR=$WORK/target-synth
(cd "$SY/crate" && cargo check --quiet) # dependencies, once
for _ in $(seq "$RUNS"); do
    touch "$SY/crate/src/lib.rs"
    timed synth-check bash -c "cd '$SY/crate' && cargo check"
done

# --- summary --------------------------------------------------------------------------
row() { # row LABEL WHAT GOAL
    say "$(printf '| %-58s | %8s | %8s | %7s | %-24s |' "$2" "$(med "$1" 1)" "$(med "$1" 2)" "$(med "$1" 3)" "$3")"
}
say ""
say "load average at the end: $(loadavg)"
say "lines: specbind $ORG_LINES for $OPS operations ($((ORG_LINES / OPS))/op); progenitor $PG_LINES ($((PG_LINES / OPS))/op); synthetic $SY_LINES for 1000 ($((SY_LINES / 1000))/op)"
say ""
say "| measurement (median of $RUNS; cold: $COLD_RUNS)                       |    CPU s |   wall s |  RSS MB | goal                     |"
say "|------------------------------------------------------------|----------|----------|---------|--------------------------|"
row org-generate "Organization ($OPS ops): specbind generate" "≤ 0.05 s"
row pg-generate "Organization: progenitor Generator (+ prettyplease)" "-"
row org-own-release "Organization: specbind crate's own release compile" "≤ 7 s CPU"
row pg-own-release "Organization: progenitor crate's own release compile" "(issue: 6.7 s)"
if [ "$SKIP_COLD" != 1 ]; then
    row cold-org-aws-lc "cold release build, specbind (rustls, aws-lc-rs)" "≤ 1.2× progenitor"
    row cold-org-ring "cold release build, specbind (rustls-ring)" "≤ 1.2× progenitor"
    row cold-progenitor "cold release build, progenitor (reqwest rustls)" "-"
fi
row synth-generate "synthetic 1,000 ops: specbind generate" "< 1 s, < 200 MB"
row synth-check "synthetic 1,000 ops: cargo check (deps prechecked)" "< 60 s, < 2 GB"
if [ "$SKIP_COLD" != 1 ]; then
    say ""
    say "cold CPU ratio specbind/progenitor: aws-lc $(awk -v a="$(med cold-org-aws-lc 1)" -v b="$(med cold-progenitor 1)" 'BEGIN { printf "%.2f", a / b }'), ring $(awk -v a="$(med cold-org-ring 1)" -v b="$(med cold-progenitor 1)" 'BEGIN { printf "%.2f", a / b }')"
fi
say "raw runs: $WORK/res, logs: $WORK/log"
