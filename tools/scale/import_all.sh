#!/usr/bin/env bash
# Scale check for `specbind import`: every Tencent service version that tccli ships.
#
# 1. downloads a pinned tccli wheel (`pip download tccli==$TCCLI_VERSION --no-deps`) and
#    unpacks its tccli/services/<service>/<version>/{api,examples}.json;
# 2. imports every service version (`specbind import tencent`), counting refusals;
# 3. generates one crate from all the specs (`specbind generate`), timed, with peak RSS;
# 4. `cargo check`s every module, in batches of about $BATCH_OPS operations (one cargo
#    feature per service), counting compile errors and warnings.
#
# Prints the figures docs/performance.md records. Not for CI (minutes of CPU, network on
# the first run). Needs cargo, python3 with pip, unzip and GNU time (apt-get install time).
#
# Usage: tools/scale/import_all.sh                  (everything)
#        CHECK=0 tools/scale/import_all.sh          (import + generate only)
#        RUNS=5 tools/scale/import_all.sh           (median of 5 timed import+generate runs)
#        JOBS=2 tools/scale/import_all.sh           (imports at a time; default: nproc)
set -euo pipefail

TCCLI_VERSION=${TCCLI_VERSION:-3.1.189.1}
RUNS=${RUNS:-3}
CHECK=${CHECK:-1}
BATCH_OPS=${BATCH_OPS:-1500}
JOBS=${JOBS:-$(nproc)}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${WORK:-${TMPDIR:-/tmp}/specbind-scale}
GNU_TIME=${GNU_TIME:-/usr/bin/time}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$WORK/target}

mkdir -p "$WORK/dl"
if ! "$GNU_TIME" -f %e -o /dev/null true 2>/dev/null; then
    echo "GNU time is needed at $GNU_TIME (Debian/Ubuntu: apt-get install time)" >&2
    exit 1
fi

echo "== building specbind (release)" >&2
cargo build --quiet --release --manifest-path "$REPO/Cargo.toml" -p specbind
SPECBIND=$CARGO_TARGET_DIR/release/specbind

WHEEL=$WORK/dl/tccli-$TCCLI_VERSION-py2.py3-none-any.whl
if [ ! -f "$WHEEL" ]; then
    echo "== downloading tccli $TCCLI_VERSION" >&2
    python3 -m pip download --quiet "tccli==$TCCLI_VERSION" --no-deps -d "$WORK/dl"
fi
rm -rf "$WORK/tccli"
unzip -q -o "$WHEEL" 'tccli/services/*/*/api.json' 'tccli/services/*/*/examples.json' -d "$WORK/tccli"

# The services with more than one version get the version in their module name.
mapfile -t APIS < <(cd "$WORK/tccli" && ls tccli/services/*/*/api.json | sort)
declare -A NVERS=()
for a in "${APIS[@]}"; do
    svc=$(basename "$(dirname "$(dirname "$a")")")
    NVERS[$svc]=$(( ${NVERS[$svc]:-0} + 1 ))
done

# The plan: one line per service version, "<api.json> <module name>".
: >"$WORK/plan.txt"
for a in "${APIS[@]}"; do
    dir=$(dirname "$a")
    svc=$(basename "$(dirname "$dir")")
    name=$svc
    if [ "${NVERS[$svc]}" -gt 1 ]; then
        name=${svc}_$(basename "$dir")
    fi
    echo "$a $name" >>"$WORK/plan.txt"
done

# import_one API NAME OUT: imports one service version; a refusal is recorded.
import_one() {
    local a=$1 name=$2 out=$3 ex=()
    local dir
    dir=$(dirname "$a")
    [ -f "$WORK/tccli/$dir/examples.json" ] && ex=(--examples "$WORK/tccli/$dir/examples.json")
    if ! "$SPECBIND" import tencent "$WORK/tccli/$a" "${ex[@]}" --name "$name" --no-overlay \
        --out "$out/tencent/$name.yaml" 2>"$WORK/log/$name.log"; then
        echo "REFUSED: $a" >>"$WORK/refused.txt"
    fi
}
export -f import_one
export WORK SPECBIND

# import_all DIR: imports every service version into DIR/tencent/, $JOBS at a time.
import_all() {
    local out=$1
    rm -rf "$out" "$WORK/log"
    mkdir -p "$out/tencent" "$WORK/log"
    sed "s|\$| $out|" "$WORK/plan.txt" | xargs -P "$JOBS" -L 1 bash -c 'import_one "$0" "$1" "$2"' >/dev/null
}

rm -f "$WORK/refused.txt"
echo "== import + generate, $RUNS timed runs" >&2
results=()
for run in $(seq "$RUNS"); do
    rm -rf "$WORK/crate/src"
    mkdir -p "$WORK/crate/src"
    start=$(date +%s%N)
    : >"$WORK/refused.txt"
    "$GNU_TIME" -f '%U %S %M' -o "$WORK/import.time" bash -c "$(declare -f import_all); JOBS=$JOBS; import_all '$WORK/spec'"
    mid=$(date +%s%N)
    "$GNU_TIME" -f '%U %S %M' -o "$WORK/generate.time" "$SPECBIND" generate --spec-dir "$WORK/spec" --out-dir "$WORK/crate/src" >/dev/null 2>"$WORK/generate.log"
    end=$(date +%s%N)
    read -r iu is irss <"$WORK/import.time"
    read -r gu gs grss <"$WORK/generate.time"
    line=$(python3 -c "print('%.2f %.2f %.2f %.2f %d %d' % (($mid-$start)/1e9, ($end-$mid)/1e9, $iu+$is, $gu+$gs, $irss//1024, $grss//1024))")
    echo "run $run: import wall/generate wall/import cpu/generate cpu (s), import/generate peak RSS (MB): $line" >&2
    results+=("$line")
done
printf '%s\n' "${results[@]}" | python3 -c "
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
m = [statistics.median(c) for c in zip(*rows)]
print('median of %d runs: import %.2f s wall (%.2f s CPU, peak %d MB), generate %.2f s wall (%.2f s CPU, peak %d MB), total %.2f s wall' % (len(rows), m[0], m[2], m[4], m[1], m[3], m[5], m[0] + m[1]))
"
python3 - "$WORK/spec" <<'PY'
import sys, pathlib, re
specs = sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml'))
ops = 0
for p in specs:
    text = p.read_text(encoding='utf-8')
    section = text.split('\noperations:\n', 1)
    if len(section) == 2:
        ops += len(re.findall(r'^  [A-Za-z0-9_]+:$', section[1], re.M))
print(f'{len(specs)} specs, {ops} operations imported')
PY
echo "refused: $(wc -l <"$WORK/refused.txt") (list in $WORK/refused.txt; messages in $WORK/log/)"
echo "generated lines: $(cat "$WORK"/crate/src/*.rs "$WORK"/crate/src/*/*.rs | wc -l)"

[ "$CHECK" = 1 ] || exit 0

# The scratch crate: one feature per service, as generated/Cargo.toml has.
echo "== cargo check of every module, batches of ~$BATCH_OPS operations" >&2
python3 - "$WORK" "$REPO" "$BATCH_OPS" <<'PY'
import sys, pathlib, re
work, repo, batch_ops = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
feats, sizes = [], {}
for p in sorted((work / 'spec' / 'tencent').glob('*.yaml')):
    text = p.read_text(encoding='utf-8')
    name = re.search(r'^  name: (\S+)$', text, re.M).group(1)
    body = text.split('\noperations:\n', 1)
    n = len(re.findall(r'^  [A-Za-z0-9_]+:$', body[1], re.M)) if len(body) == 2 else 0
    feat = 'tencent-' + name.replace('_', '-')
    feats.append(feat)
    sizes[feat] = n
toml = f'''[package]
name = "scale-check"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[lib]
path = "src/lib.rs"

[features]
''' + ''.join(f'{f} = []\n' for f in feats) + f'''
[dependencies]
specbind-runtime = {{ path = "{repo}/runtime", features = ["rustls"] }}
serde = "1"
'''
(work / 'crate' / 'Cargo.toml').write_text(toml)
batches, cur, n = [], [], 0
for f in feats:
    if cur and n + sizes[f] > batch_ops:
        batches.append(cur); cur, n = [], 0
    cur.append(f); n += sizes[f]
if cur:
    batches.append(cur)
(work / 'batches.txt').write_text(''.join(','.join(b) + '\n' for b in batches))
print(f'{len(feats)} features in {len(batches)} batches')
PY
errors=0
warnings=0
rm -f "$WORK/check.log"
i=0
while read -r feats; do
    i=$((i + 1))
    start=$(date +%s%N)
    if ! "$GNU_TIME" -f '%U %S %M' -o "$WORK/check.time" cargo check --quiet --manifest-path "$WORK/crate/Cargo.toml" \
        --no-default-features --features "$feats" --message-format short >>"$WORK/check.log" 2>&1; then
        errors=$((errors + 1))
        echo "batch $i FAILED" >&2
    fi
    end=$(date +%s%N)
    read -r u s rss <"$WORK/check.time"
    echo "batch $i: $(python3 -c "print('%.1f s wall, %.1f s CPU, %d MB peak' % (($end-$start)/1e9, $u+$s, $rss//1024))")" >&2
done <"$WORK/batches.txt"
warnings=$(grep -c 'warning:' "$WORK/check.log" || true)
errs=$(grep -c 'error' "$WORK/check.log" || true)
echo "cargo check: $errors failed batch(es), $errs error line(s), $warnings warning(s) (log: $WORK/check.log)"
