# Environment shared by aslplay's scripts. Source it; do not run it.
#
# npm's wasm-opt (binaryen 132) must come before any system wasm-opt: Debian's binaryen
# cannot read the reference-types code wasm-bindgen emits. ~/.cargo/bin holds trunk and
# wasm-bindgen, and is not always on PATH (CI).
ASLPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$ASLPLAY_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Browser tests use Debian's chromium, never a downloaded one.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# Trunk must not try to reach GitHub or crates.io for tools or update checks.
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true
