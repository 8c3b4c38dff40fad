#!/usr/bin/env bash
# Shows that `specbind diff` and cargo-semver-checks agree, change kind by change kind
# (docs/diff.md, docs/compatibility.md).
#
# Over the cases of the compatibility proof (tools/semver/cases/<class>/<name>.yaml,
# each base.yaml or its `# semver-baseline:` with one vendor change, and a `# diff:`
# line naming the kind the diff must report), this script:
#   1. runs `specbind diff --format json` and `--format text` on baseline and case:
#      the kinds reported and the verdict, `major` when some change breaks a public
#      type, `behaviour` when the only breaks are behaviour (a request valid before is
#      refused now), `minor` when nothing breaks;
#   2. runs tools/semver-promise.sh on the same cases: cargo-semver-checks' verdict,
#      or the compile witness's where it has no lint (a changed type);
#   3. prints one row per case: they agree when the diff says `major` exactly where
#      cargo-semver-checks (or the witness) says major, the diff's verdict is the
#      case's class, and the diff reports the case's kind.
# Exits non-zero on any disagreement.
#
# Usage:  bash tools/diff-semver.sh [CASE...]      (default: every case)
# Needs:  cargo install cargo-semver-checks --locked; python3
# Env:    as tools/semver-promise.sh (SEMVER_TARGET_DIR, SEMVER_WORK, SEMVER_KEEP)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$root/tools/semver
target=${SEMVER_TARGET_DIR:-$root/target/semver-promise}
export SEMVER_TARGET_DIR=$target

if ! cargo semver-checks --version >/dev/null 2>&1; then
    echo "cargo-semver-checks is not installed: cargo install cargo-semver-checks --locked" >&2
    exit 2
fi

started=$(date +%s)
echo "== building the generator (target dir $target)"
CARGO_TARGET_DIR=$target cargo build -q --manifest-path "$root/Cargo.toml" -p specbind
gen=$target/debug/specbind

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

# 1. The diff's side.
declare -A diff_kinds diff_verdict
names=()
for f in "${cases[@]}"; do
    name=$(basename "$f" .yaml)
    names+=("$name")
    base=$here/base.yaml
    b=$(sed -n 's/^# semver-baseline: *//p' "$f")
    [[ -z $b ]] || base=$here/cases/$b
    set +e
    json=$("$gen" diff --format json "$base" "$f")
    rc=$?
    text=$("$gen" diff "$base" "$f")
    set -e
    if ((rc > 1)); then
        echo "specbind diff failed on $name (exit $rc)" >&2
        exit 2
    fi
    diff_kinds[$name]=$(printf '%s' "$json" | python3 -c 'import json, sys; print(" ".join(sorted({c["kind"] for c in json.load(sys.stdin)["changes"]})))')
    # The text report labels each change: `breaking`, `breaking (behaviour)` or
    # `compatible`.
    if grep -Eq '^    breaking +[a-z_]+  ' <<<"$text"; then
        diff_verdict[$name]=major
    elif ((rc == 1)); then
        diff_verdict[$name]=behaviour
    else
        diff_verdict[$name]=minor
    fi
    echo "== $name: specbind diff says ${diff_verdict[$name]} (${diff_kinds[$name]}), exit $rc"
done

# 2. cargo-semver-checks' side.
log=$(mktemp "${TMPDIR:-/tmp}/diff-semver.XXXXXX")
trap 'rm -f "$log"' EXIT
set +e
bash "$root/tools/semver-promise.sh" "${names[@]}" | tee "$log"
set -e

# 3. Side by side.
rows=()
disagreements=0
for f in "${cases[@]}"; do
    name=$(basename "$f" .yaml)
    class=$(basename "$(dirname "$f")")
    want=$(sed -n 's/^# diff: *//p' "$f")
    row=$(grep -E "^\| $name \|" "$log" | tail -1 || true)
    semver=$(awk -F' \\| ' '{print $3}' <<<"$row")
    lints=$(awk -F' \\| ' '{print $4}' <<<"$row")
    witness=$(awk -F' \\| ' '{print $5}' <<<"$row")
    if [[ $semver == major || $witness == major ]]; then
        sees=major
    elif [[ $semver == minor ]]; then
        sees=minor
    else
        sees="error: ${semver:-no result}"
    fi
    ok=yes
    dv=${diff_verdict[$name]}
    # The diff says major exactly where cargo-semver-checks (or the witness) does.
    if [[ $sees == error* ]]; then
        ok=no
    elif [[ $dv == major && $sees != major ]] || [[ $dv != major && $sees == major ]]; then
        ok=no
    fi
    # The diff's verdict is the case's class, and it reports the case's kind.
    [[ $dv == "$class" ]] || ok=no
    for k in $want; do
        [[ " ${diff_kinds[$name]} " == *" $k "* ]] || ok=no
    done
    [[ $ok == yes ]] || disagreements=$((disagreements + 1))
    rows+=("| $name | ${diff_kinds[$name]} | $dv | ${semver:--} | ${lints:--} | ${witness:--} | $ok |")
done

elapsed=$(($(date +%s) - started))
echo
echo "| case | specbind diff reports | diff verdict | cargo-semver-checks | lints that fired | witness | agree |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "${#rows[@]} case(s), $disagreements disagreement(s), ${elapsed}s in all on $(nproc) core(s)."
((disagreements == 0))
