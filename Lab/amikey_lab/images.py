"""What an image "contains" for the lab, and the image properties the lab controls.

moto models an AMI as metadata only.  The lab adds the part that decides which keys an instance
accepts: the disk.  For an image made by CreateImage that is a copy of the source instance's /home
(so every ``~/.ssh/authorized_keys`` is baked in, as AWS documents: "If you create a Linux AMI from an
instance, the public key material is copied from the instance to the AMI",
https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/replacing-key-pair.html) and of its SSH host keys.

Image properties describe the image's cloud-init configuration.  Each can be set with a tag on the
image (``amikey-lab:<name>``), which wins; otherwise it is inherited from the image the content came
from (CreateImage: the source instance's; CopyImage: the source image's); otherwise the default.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

TAG_PREFIX = "amikey-lab:"


def _bool(value: str) -> bool:
    v = value.strip().lower()
    if v in ("true", "yes", "1", "on"):
        return True
    if v in ("false", "no", "0", "off"):
        return False
    raise ValueError(f"not a boolean: {value!r}")


# tag name -> (attribute, parser, default, meaning)
PROPERTIES: dict[str, tuple[str, Any, Any, str]] = {
    "login-user": ("login_user", str, "ec2-user",
                   "cloud-init's default user: created at first boot, gets the launch key"),
    "cloud-init-ssh": ("cloud_init_ssh", _bool, True,
                       "cloud-init runs its ssh module on a new instance: installs the launch key pair's "
                       "public key and regenerates host keys (false = the seed's image)"),
    "authkey-fingerprints": ("authkey_fingerprints", _bool, True,
                             "cc_ssh_authkey_fingerprints prints the ci-info authorized-keys table"),
    "authkey-hash": ("authkey_hash", str, "sha256",
                     "hash of that table (cloud-init >= 20.1: sha256; older images: md5)"),
    "keys-to-console": ("keys_to_console", _bool, True,
                        "cc_keys_to_console prints the SSH HOST KEY FINGERPRINTS/KEYS blocks"),
}


@dataclass
class ImageProps:
    login_user: str = "ec2-user"
    cloud_init_ssh: bool = True
    authkey_fingerprints: bool = True
    authkey_hash: str = "sha256"
    keys_to_console: bool = True

    def with_tags(self, tags: dict[str, str]) -> "ImageProps":
        values = asdict(self)
        for name, (attr, parse, _default, _meaning) in PROPERTIES.items():
            if TAG_PREFIX + name in tags:
                values[attr] = parse(tags[TAG_PREFIX + name])
        return ImageProps(**values)


@dataclass
class ImageContent:
    """An image's disk as far as SSH is concerned: /home, /root and the host keys, plus inherited
    props."""

    root: Path
    props: ImageProps = field(default_factory=ImageProps)

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def root_home(self) -> Path:
        return self.root / "root"

    @property
    def host_keys(self) -> Path:
        return self.root / "ssh"

    def save(self) -> None:
        (self.root / "props.json").write_text(json.dumps(asdict(self.props), indent=2) + "\n")

    @classmethod
    def load(cls, root: Path) -> "ImageContent | None":
        try:
            props = ImageProps(**json.loads((root / "props.json").read_text()))
        except FileNotFoundError:
            return None
        return cls(root, props)


def copy_tree(src: Path, dst: Path) -> None:
    """Copy a directory tree keeping owners, modes and times (what a disk snapshot keeps)."""
    dst.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        subprocess.run(["cp", "-a", f"{src}/.", str(dst)], check=True)


def copy_host_keys(src_etc_ssh: Path, dst: Path) -> None:
    dst.mkdir(mode=0o700, parents=True, exist_ok=True)
    for key in src_etc_ssh.glob("ssh_host_*"):
        shutil.copy2(key, dst / key.name)
