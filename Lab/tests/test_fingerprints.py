"""Key pair fingerprints as AWS computes them, checked against ssh-keygen / openssl run on the same key.

AWS behaviour (KeyPairInfo.KeyFingerprint,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_KeyPairInfo.html and
https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/verify-keys.html): created RSA = SHA-1 of the DER
PKCS#8 private key; imported RSA = MD5 of the DER SubjectPublicKeyInfo; ED25519 (created or imported)
= base64 SHA-256 of the SSH public-key blob, ``=``-padded.
"""

from __future__ import annotations

import base64
import subprocess

from labkit import keygen, ssh_keygen_fingerprint


def _openssl_hex(argv_chain: list[list[str]], stdin: bytes) -> str:
    data = stdin
    for argv in argv_chain:
        data = subprocess.run(argv, input=data, capture_output=True, check=True).stdout
    # OpenSSL 3 prints "SHA1(stdin)= aa:bb..." (1.x: "(stdin)= ..."): take what follows "= ".
    return data.decode().strip().split("= ", 1)[1]


def _padded(ssh_keygen_sha256: str) -> str:
    value = ssh_keygen_sha256.removeprefix("SHA256:")
    return value + "=" * (-len(value) % 4)


def test_created_rsa_is_sha1_of_pkcs8_private_der(lab, tmp_path):
    """Created RSA: SHA-1 of PKCS#8 DER (openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c)."""
    a = lab.account()
    created = a.ec2.create_key_pair(KeyName="made-rsa", KeyType="rsa")
    pem = created["KeyMaterial"].encode()
    expected = _openssl_hex([["openssl", "pkcs8", "-topk8", "-nocrypt", "-inform", "PEM", "-outform", "DER"],
                             ["openssl", "sha1", "-c"]], pem)
    assert created["KeyFingerprint"] == expected
    listed = a.ec2.describe_key_pairs(KeyNames=["made-rsa"])["KeyPairs"][0]
    assert listed["KeyFingerprint"] == expected


def test_imported_rsa_is_md5_of_spki_der(lab, tmp_path):
    """Imported RSA: MD5 of the DER SubjectPublicKeyInfo — not OpenSSH's MD5 of the SSH blob."""
    a = lab.account()
    key = keygen(tmp_path, "imp-rsa", "rsa", 2048)
    result = a.ec2.import_key_pair(KeyName="imp-rsa", PublicKeyMaterial=key.with_suffix(".pub").read_bytes())
    pkcs8_pub = subprocess.run(["ssh-keygen", "-e", "-m", "PKCS8", "-f", str(key.with_suffix(".pub"))],
                               capture_output=True, check=True).stdout
    expected = _openssl_hex([["openssl", "pkey", "-pubin", "-outform", "DER"], ["openssl", "md5", "-c"]],
                            pkcs8_pub)
    assert result["KeyFingerprint"] == expected
    assert result["KeyFingerprint"] != ssh_keygen_fingerprint(key.with_suffix(".pub"), "md5").removeprefix("MD5:")


def test_imported_ed25519_is_padded_base64_sha256_of_blob(lab, tmp_path):
    """ED25519 imported: ssh-keygen's SHA256 value with '=' padding and no 'SHA256:' prefix."""
    a = lab.account()
    key = keygen(tmp_path, "imp-ed")
    result = a.ec2.import_key_pair(KeyName="imp-ed", PublicKeyMaterial=key.with_suffix(".pub").read_bytes())
    expected = _padded(ssh_keygen_fingerprint(key.with_suffix(".pub")))
    assert result["KeyFingerprint"] == expected
    assert len(base64.b64decode(result["KeyFingerprint"])) == 32


def test_created_ed25519_is_padded_base64_sha256_of_blob(lab, tmp_path):
    """ED25519 created by EC2: same rule, checked with ssh-keygen on the returned private key."""
    a = lab.account()
    created = a.ec2.create_key_pair(KeyName="made-ed", KeyType="ed25519")
    private = tmp_path / "made-ed"
    private.write_text(created["KeyMaterial"])
    private.chmod(0o600)
    assert created["KeyFingerprint"] == _padded(ssh_keygen_fingerprint(private))


def test_fingerprint_filter_uses_aws_value(lab, tmp_path):
    """DescribeKeyPairs filter ``fingerprint`` matches the AWS-style value."""
    a = lab.account()
    key = keygen(tmp_path, "flt")
    fp = a.ec2.import_key_pair(KeyName="flt", PublicKeyMaterial=key.with_suffix(".pub").read_bytes())["KeyFingerprint"]
    found = a.ec2.describe_key_pairs(Filters=[{"Name": "fingerprint", "Values": [fp]}])["KeyPairs"]
    assert [k["KeyName"] for k in found] == ["flt"]
