#!/usr/bin/env bash
# Benchmarks `amikey doctor` round trips on the critical path (DESIGN.md "Performance"; issue 5's target: at most 3).
#
# A loopback proxy (Benchmarks/latency-proxy.py) adds a fixed delay to every AWS call made to the lab, as a distant
# region would. On an instance in the seed's state (B's, from the image `amikey lab demo` shared), it times:
#   1. amikey doctor INSTANCE --source-profile lab-a (every AWS question doctor asks, no --probe);
#   2. the same questions asked with the AWS CLI one call at a time, as a user would: sts get-caller-identity,
#      ec2 describe-instances, describe-images, describe-key-pairs --include-public-key (both accounts),
#      get-console-output.
# Each is run with the delay and without it; (time with - time without) / delay is the number of round trips on the
# critical path, which is what the delay multiplies. Printed: both counts and their ratio, and the calls the proxy saw.
#
# Usage: Benchmarks/doctor.sh [DELAY_MS]   (default 500; the AWS CLI's start-up varies by a second or more on a loaded
# machine, so a large delay keeps its round-trip count readable). Needs root (the lab), python3, aws (pip install awscli).
# AMIKEY=path uses an existing build instead of `swift build -c release`.
set -euo pipefail
cd "$(dirname "$0")/.."
delay=${1:-500}
if [ -z "${AMIKEY:-}" ]; then swift build -c release --product amikey >&2; AMIKEY=$PWD/.build/release/amikey; fi
command -v aws >/dev/null || { echo "doctor.sh: the AWS CLI is needed (python3 -m pip install awscli)" >&2; exit 2; }

lab=/var/lib/amikey/bench-lab
work=$(mktemp -d)
proxies=()
cleanup() {
  for pid in "${proxies[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$AMIKEY" lab down --dir "$lab" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$AMIKEY" lab up --dir "$lab" >&2
"$AMIKEY" lab demo --dir "$lab" --output json > "$work/demo.json"
endpoint=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["endpoint"])' "$lab/lab.json")
# shellcheck disable=SC1091
source "$lab/env"
keys_dir=$lab/demo

# The demo goes on to fix its seed instance (repair installs K_B), so a new one is launched in B from the same
# shared image with B's key pair new-key: the seed's case, launch-key-not-installed, as the user meets it.
image=$(python3 -c 'import json,sys; s=[x for x in json.load(open(sys.argv[1]))["steps"] if x["step"]=="create-image"]; print(s[0]["resources"]["imageId"])' "$work/demo.json")
instance=$(aws --profile lab-b ec2 run-instances --image-id "$image" --key-name new-key --instance-type t3.micro \
  --query 'Instances[0].InstanceId' --output text)
aws --profile lab-b ec2 wait instance-running --instance-ids "$instance"

start_proxy() {   # $1 = delay in ms; the endpoint is the first line of $work/proxy-$1.out
  python3 Benchmarks/latency-proxy.py --upstream "$endpoint" --delay-ms "$1" > "$work/proxy-$1.out" &
  proxies+=($!)
}
proxy_endpoint() {   # $1 = delay in ms
  for _ in $(seq 1 50); do [ -s "$work/proxy-$1.out" ] && break; sleep 0.1; done
  head -n 1 "$work/proxy-$1.out"
}
# Started in this shell, not in $(...), so that the exit trap knows them and stops them.
start_proxy 0
start_proxy "$delay"
fast=$(proxy_endpoint 0)
slow=$(proxy_endpoint "$delay")

# The proxy's counters (GET /__proxy/stats, POST /__proxy/reset), read with python3 so curl is not needed.
proxy_reset() { python3 -c 'import sys, urllib.request as u; u.urlopen(u.Request(sys.argv[1] + "/__proxy/reset", method="POST"))' "$1"; }
proxy_requests() { python3 -c 'import json, sys, urllib.request as u; print(json.load(u.urlopen(sys.argv[1] + "/__proxy/stats"))["requests"])' "$1"; }

now() { date +%s%N; }
best_of_3() {   # runs "$@" three times, prints the best wall time in ns
  local best="" t0 t1 d
  for _ in 1 2 3; do
    t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
    d=$(( t1 - t0 )); if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
  done
  echo "$best"
}

doctor() {   # $1 = endpoint
  "$AMIKEY" doctor "$instance" --profile lab-b --source-profile lab-a --endpoint-url "$1" \
    --key "$keys_dir/K_A" --key "$keys_dir/K_B" --output json
}
cli() {   # $1 = endpoint: the same questions, one call at a time
  local e=$1 image
  aws --profile lab-b --endpoint-url "$e" sts get-caller-identity
  image=$(aws --profile lab-b --endpoint-url "$e" ec2 describe-instances --instance-ids "$instance" \
    --query 'Reservations[0].Instances[0].ImageId' --output text)
  aws --profile lab-b --endpoint-url "$e" ec2 describe-images --image-ids "$image"
  aws --profile lab-b --endpoint-url "$e" ec2 describe-key-pairs --include-public-key
  aws --profile lab-b --endpoint-url "$e" ec2 get-console-output --instance-id "$instance" --output text
  aws --profile lab-a --endpoint-url "$e" ec2 describe-key-pairs --include-public-key
}

doctor "$fast" > "$work/doctor.json" || true
verdict=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"])' "$work/doctor.json")
if [ "$verdict" != launch-key-not-installed ]; then
  echo "doctor.sh: doctor said $verdict on $instance, not the seed's launch-key-not-installed; not measuring" >&2
  exit 1
fi
proxy_reset "$slow"
doctor_slow=$(best_of_3 doctor "$slow")
doctor_calls=$(( $(proxy_requests "$slow") / 3 ))
doctor_fast=$(best_of_3 doctor "$fast")
proxy_reset "$slow"
cli_slow=$(best_of_3 cli "$slow")
cli_calls=$(( $(proxy_requests "$slow") / 3 ))
cli_fast=$(best_of_3 cli "$fast")

python3 - "$delay" "$doctor_slow" "$doctor_fast" "$cli_slow" "$cli_fast" "$doctor_calls" "$cli_calls" "$verdict" <<'PY'
import sys
delay_ms, ds, df, cs, cf, dcalls, ccalls, verdict = sys.argv[1:]
delay = float(delay_ms) * 1e6
doctor_rt = (int(ds) - int(df)) / delay
cli_rt = (int(cs) - int(cf)) / delay
print(f"added latency per AWS call: {delay_ms} ms; doctor's verdict on the seed's instance: {verdict}")
print(f"amikey doctor:       {int(ds)/1e6:8.0f} ms with latency, {int(df)/1e6:6.0f} ms without; {dcalls} calls, "
      f"{doctor_rt:.2f} round trips on the critical path (target: at most 3)")
print(f"aws cli, one by one: {int(cs)/1e6:8.0f} ms with latency, {int(cf)/1e6:6.0f} ms without; {ccalls} calls, "
      f"{cli_rt:.2f} round trips")
print(f"ratio: the AWS CLI waits {cli_rt / doctor_rt:.1f}x the round trips amikey doctor does" if doctor_rt > 0 else "ratio: n/a")
print(f"wall time with latency: amikey doctor is {int(cs) / int(ds):.1f}x faster than the AWS CLI asking the same questions")
PY
