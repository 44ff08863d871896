#!/usr/bin/env bash
# Fuzzes the key-file parsers with libFuzzer for SECONDS (default 60), starting from Fuzz/corpus.
# Inputs that cover new paths are added to Fuzz/corpus-work; copy interesting, crash-free ones into
# Fuzz/corpus, which the test suite replays (FuzzCorpusTests) so they stay crash-free.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swift build -c release --product amikey-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
mkdir -p Fuzz/corpus-work
.build-fuzz/release/amikey-fuzz Fuzz/corpus-work Fuzz/corpus -max_total_time="$seconds" -max_len=8192 -timeout=10
