#!/usr/bin/env bash
# Writes the seed inputs in Fuzz/corpus: one small file per key format amikey reads, made with the real
# tools (throwaway keys, never used anywhere). Run once; the fuzzer grows its own work corpus from these.
set -euo pipefail
cd "$(dirname "$0")/corpus"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo password > "$work/pw"
ssh-keygen -q -t ed25519 -N '' -C seed -f "$work/ed"
ssh-keygen -q -t rsa -b 1024 -N '' -C seed -f "$work/rsa"
ssh-keygen -q -t ecdsa -b 256 -N password -a 1 -C seed -f "$work/ec"
cp "$work/ed" seed-openssh-ed25519; cp "$work/ed.pub" seed-openssh-public
cp "$work/ec" seed-openssh-ecdsa-encrypted
cp "$work/rsa" "$work/rsa-pem"; ssh-keygen -q -p -N "" -m PEM -f "$work/rsa-pem"; cp "$work/rsa-pem" seed-pem-pkcs1
cp "$work/rsa" "$work/rsa-p8"; ssh-keygen -q -p -N '' -m PKCS8 -f "$work/rsa-p8"; cp "$work/rsa-p8" seed-pem-pkcs8
cp "$work/rsa" "$work/rsa-enc"; ssh-keygen -q -p -N password -m PEM -f "$work/rsa-enc"; cp "$work/rsa-enc" seed-pem-encrypted
openssl genpkey -algorithm ed25519 -out seed-pem-pkcs8-ed25519 2>/dev/null
openssl ecparam -genkey -name prime256v1 -out seed-pem-sec1 2>/dev/null
ssh-keygen -e -m PKCS8 -f "$work/rsa.pub" > seed-pem-spki
ssh-keygen -e -f "$work/ed.pub" > seed-rfc4716
puttygen "$work/ed" -O private -o seed-ppk-v3 2>/dev/null
puttygen "$work/rsa" -O private -o seed-ppk-v2 --ppk-param version=2 2>/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$work/ca"
ssh-keygen -q -s "$work/ca" -I seed -n ec2-user -z 1 "$work/ed.pub"; cp "$work/ed-cert.pub" seed-certificate
{ echo '# authorized_keys seed'; echo "no-pty,command=\"echo \\\"hi\\\"\" $(cat "$work/rsa.pub")"; cat "$work/ed.pub"; } > seed-authorized-keys
echo 'SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk' > seed-fingerprint
# A Japanese Windows PuTTYgen writes the comment in CP932 (日本語キー), not UTF-8.
puttygen "$work/ed" -C "$(printf '\223\372\226\173\214\352\203\114\201\133')" -O private -o seed-ppk-cp932 2>/dev/null
# A TLS bundle: a certificate in front of its key.
openssl req -x509 -new -key seed-pem-sec1 -subj /CN=seed -days 1 2>/dev/null > seed-pem-bundle; cat seed-pem-sec1 >> seed-pem-bundle
