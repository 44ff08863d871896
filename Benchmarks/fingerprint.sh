#!/usr/bin/env bash
# Benchmarks `amikey fingerprint` and `amikey --version`, printing ratios against peers measured in the same run:
#   1. amikey fingerprint over 1,000 generated keys (RSA and Ed25519, mixed formats), one process,
#      against one `ssh-keygen -l -f` process per key (how users check keys) — target: at least 50x faster;
#   2. the same amikey run against simply hashing the same files in one process (`sha256sum`) — target: within 5x;
#   3. `amikey --version` start-up against `aws --version` — target: 20 ms.
# Usage: Benchmarks/fingerprint.sh [KEYS]   (default 1000). Needs ssh-keygen, puttygen, openssl, aws (optional).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
swift build -c release --product amikey >&2
amikey=$PWD/.build/release/amikey

work=$(mktemp -d); [ -n "${KEEP_KEYS:-}" ] || trap 'rm -rf "$work"' EXIT
keys=$work/keys; mkdir -p "$keys"
echo "generating $count keys in mixed formats..." >&2
# A few RSA keys are generated and written out in several formats; Ed25519 keys are cheap, so most are distinct.
rsa_distinct=$(( count / 20 > 0 ? count / 20 : 1 ))
for i in $(seq 1 "$rsa_distinct"); do ssh-keygen -q -t rsa -b 2048 -N '' -C "rsa$i" -f "$work/rsa$i"; done
i=0
while [ "$i" -lt "$count" ]; do
  r=$(( i % rsa_distinct + 1 ))
  case $(( i % 8 )) in
    0) cp "$work/rsa$r" "$keys/k$i" ;;                                      # openssh-key-v1 RSA
    1) cp "$work/rsa$r.pub" "$keys/k$i.pub" ;;                              # .pub RSA
    2) cp "$work/rsa$r" "$keys/k$i.pem"; ssh-keygen -q -p -N '' -m PEM -f "$keys/k$i.pem" >/dev/null ;;   # PKCS#1
    3) puttygen "$work/rsa$r" -O private -o "$keys/k$i.ppk" 2>/dev/null ;;  # PPK v3 RSA
    4|5) ssh-keygen -q -t ed25519 -N '' -C "ed$i" -f "$work/e$i"; cp "$work/e$i" "$keys/k$i" ;;  # openssh-key-v1 Ed25519
    6) ssh-keygen -q -t ed25519 -N '' -C "ed$i" -f "$work/e$i"; cp "$work/e$i.pub" "$keys/k$i.pub" ;;
    7) ssh-keygen -q -t ed25519 -N '' -C "ed$i" -f "$work/e$i"; puttygen "$work/e$i" -O private -o "$keys/k$i.ppk" --ppk-param version=2 2>/dev/null ;;
  esac
  i=$(( i + 1 ))
done
files=("$keys"/*)
echo "${#files[@]} key files" >&2

now() { date +%s%N; }
ms() { echo "scale=1; ($2 - $1) / 1000000" | bc; }

# 1. amikey, one process over the directory (best of 3).
best=""
for _ in 1 2 3; do
  t0=$(now); "$amikey" fingerprint "$keys" --output json >/dev/null; t1=$(now)
  d=$(( t1 - t0 )); if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
done
amikey_ns=$best

# 2. ssh-keygen -l, one process per key (it cannot read .ppk: those runs fail fast and are still counted as tried).
t0=$(now); for f in "${files[@]}"; do ssh-keygen -l -f "$f" >/dev/null 2>&1 || true; done; t1=$(now)
keygen_ns=$(( t1 - t0 ))

# 3. hashing the same files in one process (best of 3).
best=""
for _ in 1 2 3; do
  t0=$(now); sha256sum "${files[@]}" >/dev/null; t1=$(now)
  d=$(( t1 - t0 )); if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
done
hash_ns=$best

# 4. start-up: median of 21 runs each.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
startup() { for _ in $(seq 1 21); do t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now); echo $(( t1 - t0 )); done | median; }
amikey_start=$(startup "$amikey" --version)
if command -v aws >/dev/null 2>&1; then aws_start=$(startup aws --version); else aws_start=""; fi

printf '\n%-52s %10s\n' "measurement" "ms"
printf '%-52s %10s\n' "amikey fingerprint, 1 process, ${#files[@]} files" "$(ms 0 "$amikey_ns")"
printf '%-52s %10s\n' "ssh-keygen -l -f, 1 process per file" "$(ms 0 "$keygen_ns")"
printf '%-52s %10s\n' "sha256sum over the same files, 1 process" "$(ms 0 "$hash_ns")"
printf '%-52s %10s\n' "amikey --version (median of 21)" "$(ms 0 "$amikey_start")"
[ -n "$aws_start" ] && printf '%-52s %10s\n' "aws --version (median of 21)" "$(ms 0 "$aws_start")"
echo
echo "speed-up over ssh-keygen per key:  $(echo "scale=1; $keygen_ns / $amikey_ns" | bc)x   (target >= 50x)"
echo "amikey vs plain hashing:           $(echo "scale=1; $amikey_ns / $hash_ns" | bc)x slower   (target <= 5x)"
[ -n "$aws_start" ] && echo "start-up vs aws --version:         $(echo "scale=1; $aws_start / $amikey_start" | bc)x faster   (target: amikey <= 20 ms)"
exit 0
