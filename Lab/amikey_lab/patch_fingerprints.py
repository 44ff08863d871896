"""Key pair fingerprints as AWS computes them.

AWS (KeyPairInfo.KeyFingerprint, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_KeyPairInfo.html;
"Verify the fingerprint of your key pair", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/verify-keys.html):

* RSA key pair created by EC2: SHA-1 of the DER-encoded PKCS#8 private key, hex with colons
  (``openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c``).
* RSA key pair imported: MD5 of the DER SubjectPublicKeyInfo, hex with colons
  (``openssl rsa -pubout -outform DER | openssl md5 -c``).
* ED25519, created or imported: base64 SHA-256 of the SSH public-key blob, with ``=`` padding and no
  ``SHA256:`` prefix (EC2 "might append padding", the guide says; reference/key-formats.md §0).

moto 5.2.1 gets created RSA (it hashes the public SPKI) and every ED25519 (hex SHA-256 of SPKI) wrong.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from moto.ec2.models.key_pairs import KeyPair, KeyPairBackend
from moto.ec2.utils import public_key_parse


def _hex_colon(digest: bytes) -> str:
    return ":".join(f"{b:02x}" for b in digest)


def ssh_blob(public_key) -> bytes:
    """The RFC 4253 public-key blob: the base64 field of the OpenSSH public key line, decoded."""
    line = public_key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    return base64.b64decode(line.split()[1])


def aws_fingerprint(public_material: bytes, private_pem: bytes | None) -> str:
    """The fingerprint AWS shows for a key pair (``private_pem`` set = created by EC2)."""
    public_key = public_key_parse(public_material)
    if isinstance(public_key, Ed25519PublicKey):
        return base64.b64encode(hashlib.sha256(ssh_blob(public_key)).digest()).decode()
    if private_pem:
        private_key = serialization.load_pem_private_key(private_pem, password=None)
        pkcs8 = private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption())
        return _hex_colon(hashlib.sha1(pkcs8).digest())
    spki = public_key.public_bytes(serialization.Encoding.DER,
                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    return _hex_colon(hashlib.md5(spki).digest())


_original_create = KeyPairBackend.create_key_pair
_original_import = KeyPairBackend.import_key_pair


def create_key_pair(self: KeyPairBackend, name: str, key_type: str, tags: dict[str, str]) -> KeyPair:
    key_pair = _original_create(self, name, key_type, tags)
    key_pair.key_fingerprint = aws_fingerprint(key_pair.material_public, key_pair.material)
    return key_pair


def import_key_pair(self: KeyPairBackend, key_name: str, public_key_material: bytes,
                    tags: dict[str, str]) -> KeyPair:
    key_pair = _original_import(self, key_name, public_key_material, tags)
    key_pair.key_fingerprint = aws_fingerprint(key_pair.material_public, None)
    return key_pair


def apply() -> None:
    KeyPairBackend.create_key_pair = create_key_pair
    KeyPairBackend.import_key_pair = import_key_pair
