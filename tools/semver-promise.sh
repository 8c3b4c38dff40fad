#!/usr/bin/env bash
# Proves the compatibility promise (docs/compatibility.md) with cargo-semver-checks.
#
# For each case under tools/semver/cases/<class>/<name>.yaml, generates Rust from the
# baseline spec (tools/semver/base.yaml, or the file a `# semver-baseline: <path>` line
# names, relative to tools/semver/cases/) and from the case, each into a throwaway crate
# of the same name and version, and runs
#   cargo semver-checks check-release --baseline-root <old> --manifest-path <new>/Cargo.toml
# The class says what cargo-semver-checks must conclude:
#   minor/      it passes (a minor release may ship the change);
#   major/      it fails (the change needs a major release);
#   behaviour/  it passes: no public type changes, yet the change breaks behaviour
#               (a request valid before is refused now), which only a spec diff reports.
# A major case may come with <name>.witness.rs: a library using the probe crate
# (`semver_probe`) that must compile against the baseline and fail against the case.
# It shows a break cargo-semver-checks has no lint for (it compares no types); such a
# case passes when either cargo-semver-checks or its witness finds the break.
# Prints a table and exits non-zero on any mismatch.
#
# Usage:  bash tools/semver-promise.sh [CASE...]      (default: every case)
# Needs:  cargo install cargo-semver-checks --locked
# Env:    SEMVER_TARGET_DIR  shared cargo target dir (default <repo>/target/semver-promise)
#         SEMVER_WORK        where the probe crates go (default: a temp dir, removed after)
#         SEMVER_KEEP=1      keep the probe crates and logs
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$root/tools/semver
target=${SEMVER_TARGET_DIR:-$root/target/semver-promise}
export CARGO_TARGET_DIR=$target

if ! cargo semver-checks --version >/dev/null 2>&1; then
    echo "cargo-semver-checks is not installed: cargo install cargo-semver-checks --locked" >&2
    exit 2
fi

if [[ -n ${SEMVER_WORK:-} ]]; then
    work=$SEMVER_WORK
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/semver-promise.XXXXXX")
    [[ ${SEMVER_KEEP:-} == 1 ]] || trap 'rm -rf "$work"' EXIT
fi

started=$(date +%s)
echo "== $(cargo semver-checks --version), $(rustc --version)"
echo "== building the generator (target dir $target)"
cargo build -q --manifest-path "$root/Cargo.toml" -p specbind
gen=$target/debug/specbind

# make_crate DIR SPEC: a probe crate at DIR with the bindings generated from SPEC.
make_crate() {
    local dir=$1 spec=$2
    rm -rf "$dir"
    mkdir -p "$dir/spec" "$dir/src"
    # The same file name on both sides, so that generated docs differ only by content.
    cp "$spec" "$dir/spec/probe.yaml"
    "$gen" generate --spec-dir "$dir/spec" --out-dir "$dir/src" >"$dir/generate.log" 2>&1 || {
        cat "$dir/generate.log" >&2
        return 1
    }
    local features
    features=$(grep -o 'feature = "[^"]*"' "$dir/src/lib.rs" | sed 's/feature = //' | sort -u | paste -sd, -)
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "semver-probe"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
path = "src/lib.rs"

[features]
default = [$features]
$(grep -o 'feature = "[^"]*"' "$dir/src/lib.rs" | sed 's/feature = "\(.*\)"/\1 = []/' | sort -u)

[dependencies]
specbind-runtime = { path = "$root/runtime" }
serde = { version = "1", features = ["derive"] }

# Not part of any enclosing workspace.
[workspace]
EOF
    # The repository's lock file, so the probes build the dependency versions it pins.
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
}

# witness OUT PROBE FILE: succeeds when FILE, as the library of a crate depending on the
# probe crate at PROBE, passes `cargo check`.
witness() {
    local out=$1 probe=$2 file=$3
    rm -rf "$out"
    mkdir -p "$out/src"
    cp "$file" "$out/src/lib.rs"
    cat >"$out/Cargo.toml" <<EOF
[package]
name = "semver-witness"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
semver-probe = { path = "$probe" }

[workspace]
EOF
    cp "$probe/Cargo.lock" "$out/Cargo.lock"
    cargo check --manifest-path "$out/Cargo.toml" >"$out/check.log" 2>&1
}

cases=()
if (($#)); then
    for name in "$@"; do
        f=$(ls "$here"/cases/*/"$name".yaml 2>/dev/null | head -1)
        [[ -n $f ]] || { echo "no case $name under $here/cases" >&2; exit 2; }
        cases+=("$f")
    done
else
    for class in minor major behaviour; do
        for f in "$here/cases/$class"/*.yaml; do cases+=("$f"); done
    done
fi

rows=()
mismatches=0
for f in "${cases[@]}"; do
    name=$(basename "$f" .yaml)
    class=$(basename "$(dirname "$f")")
    base=$here/base.yaml
    b=$(sed -n 's/^# semver-baseline: *//p' "$f")
    [[ -z $b ]] || base=$here/cases/$b
    case $class in
        major) expected=major ;;
        minor | behaviour) expected=minor ;;
        *) echo "unknown class $class" >&2; exit 2 ;;
    esac
    echo "== $class/$name (baseline: ${base#"$here"/})"
    make_crate "$work/$name/old" "$base"
    make_crate "$work/$name/new" "$f"
    log=$work/$name/semver-checks.log
    t0=$(date +%s)
    set +e
    cargo semver-checks check-release \
        --manifest-path "$work/$name/new/Cargo.toml" \
        --baseline-root "$work/$name/old" \
        --release-type minor >"$log" 2>&1
    rc=$?
    set -e
    secs=$(($(date +%s) - t0))
    lints=$( (grep -o -- '--- failure [a-z0-9_]*' "$log" || true) | sed 's/--- failure //' | sort -u | paste -sd' ' -)
    if ((rc == 0)); then
        verdict=minor
    elif grep -q 'requires new major version' "$log"; then
        verdict=major
    else
        verdict="error (exit $rc)"
    fi
    seen=-
    if [[ -f ${f%.yaml}.witness.rs ]]; then
        if ! witness "$work/$name/witness-old" "$work/$name/old" "${f%.yaml}.witness.rs"; then
            seen="error: does not compile against the baseline"
            cat "$work/$name/witness-old/check.log"
        elif witness "$work/$name/witness-new" "$work/$name/new" "${f%.yaml}.witness.rs"; then
            seen="compiles against both"
        else
            seen=major
        fi
    fi
    if [[ $verdict == "$expected" ]]; then
        result=PASS
    elif [[ $expected == major && $seen == major ]]; then
        result="PASS (witness)"
    else
        result=FAIL
        mismatches=$((mismatches + 1))
        echo "---- $name: expected $expected, got $verdict; log follows"
        cat "$log"
        echo "----"
    fi
    label=$expected
    [[ $class != behaviour ]] || label="minor (behaviour breaks)"
    rows+=("| $name | $label | $verdict | ${lints:--} | $seen | $result | ${secs}s |")
    echo "   semver-checks: $verdict ${lints}; witness: $seen; $result (${secs}s)"
done

elapsed=$(($(date +%s) - started))
echo
echo "| case | expected | cargo-semver-checks | lints that fired | witness | result | time |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "${#rows[@]} case(s), $mismatches mismatch(es), ${elapsed}s in all on $(nproc) core(s)."
[[ ${SEMVER_KEEP:-} != 1 ]] || echo "probe crates and logs kept in $work"
((mismatches == 0))
