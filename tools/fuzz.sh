#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a while. Not part of CI (.ci/run uses stable
# Rust and must stay quick); run it by hand before a release or after touching decoding.
#
#   tools/fuzz.sh            # each target for 60 s
#   tools/fuzz.sh 300        # each target for 300 s
#   tools/fuzz.sh 30 decode_response
#
# cargo-fuzz needs a nightly compiler (for -Zsanitizer and coverage flags). With a nightly
# toolchain installed through rustup, it is used. Otherwise the stable compiler is told to
# accept nightly flags with RUSTC_BOOTSTRAP=1, which is fine for a local fuzzing run but
# not for builds anyone ships.
#
# Crashes land in fuzz/artifacts/<target>/; reproduce one with
#   cargo fuzz run <target> fuzz/artifacts/<target>/<file>
set -euo pipefail

seconds="${1:-60}"
shift || true
cd "$(dirname "$0")/../fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

toolchain=()
if command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    echo "no nightly toolchain: using the stable compiler with RUSTC_BOOTSTRAP=1" >&2
    export RUSTC_BOOTSTRAP=1
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo "${toolchain[@]}" fuzz list)
fi

for target in "${targets[@]}"; do
    echo "== $target: ${seconds}s" >&2
    # -rss_limit_mb keeps a memory blow-up a finding rather than an OOM kill.
    cargo "${toolchain[@]}" fuzz run "$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10
done
