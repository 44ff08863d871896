"""GetConsoleOutput per instance, with cloud-init's output built from the instance's real files.

AWS behaviour: GetConsoleOutput returns that instance's own serial console log, base64-encoded on the
wire, to its owner only (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetConsoleOutput.html).
On a cloud-init image the first boot's log holds the ``ci-info`` authorized-keys table of the default
user (``cc_ssh_authkey_fingerprints``, sha256 by default since cloud-init 20.1, md5 before) and the
``SSH HOST KEY FINGERPRINTS`` / ``SSH HOST KEY KEYS`` blocks (``cc_keys_to_console``), then the
"Cloud-init v. ... finished" banner; per-instance modules do not print again on later boots.
Oracles: ssh-keygen for fingerprints, ssh-keyscan for the keys the sshd really serves, and the Debian
cloud-init package run by the system Python in a separate process for the table's exact bytes.
"""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from labkit import (authkeys_table, cloud_init_hex, console_text, host_keys_from_console, import_key,
                    keygen, register_base_image, run_instance, ssh_keygen_fingerprint)


def _instance_port(lab, instance_id: str) -> int:
    return next(i["port"] for i in lab.state()["instances"] if i["instanceId"] == instance_id)


def test_wire_output_is_base64_and_per_instance(lab, tmp_path):
    """Output is base64 on the wire; two instances have two different logs (own host keys)."""
    a = lab.account()
    image = register_base_image(a, "console-a")
    one, two = run_instance(a, image, None), run_instance(a, image, None)
    raw = {}
    a.ec2.meta.events.register("before-parse.ec2.GetConsoleOutput",
                               lambda **kw: raw.setdefault("body", kw["response_dict"]["body"]))
    decoded = console_text(a.ec2, one["InstanceId"])
    wire = re.search(rb"<output>(.*?)</output>", raw["body"], re.S).group(1)
    assert base64.b64decode(wire).decode() == decoded
    assert host_keys_from_console(decoded) != host_keys_from_console(console_text(a.ec2, two["InstanceId"]))


def test_host_key_blocks_are_the_keys_sshd_serves(lab, tmp_path):
    """The HOST KEY KEYS block equals what ssh-keyscan gets from the instance's sshd, and each
    fingerprint line is ssh-keygen -l of that key (bits, SHA256, comment, type)."""
    a = lab.account()
    inst = run_instance(a, register_base_image(a, "console-b"), None)
    console = console_text(a.ec2, inst["InstanceId"])
    printed = sorted(" ".join(k.split()[:2]) for k in host_keys_from_console(console))
    port = _instance_port(lab, inst["InstanceId"])
    scanned = subprocess.run(["ssh-keyscan", "-p", str(port), "-t", "rsa,ecdsa,ed25519", "127.0.0.1"],
                             capture_output=True, text=True, check=True).stdout
    served = sorted(" ".join(line.split()[1:3]) for line in scanned.splitlines() if not line.startswith("#"))
    assert printed == served and len(printed) == 3

    fp_lines = re.findall(r"^<14>\w{3} [ \d]\d \d\d:\d\d:\d\d cloud-init: (\d+ SHA256:\S+ \S+ \(\w+\))$",
                          console, re.M)
    expected = []
    for i, key in enumerate(host_keys_from_console(console)):
        path = tmp_path / f"host{i}.pub"
        path.write_text(key + "\n")
        expected.append(subprocess.run(["ssh-keygen", "-l", "-f", str(path)], capture_output=True,
                                       text=True, check=True).stdout.strip())
    assert fp_lines == expected
    assert "-----BEGIN SSH HOST KEY FINGERPRINTS-----" in console
    assert re.search(r"Cloud-init v. \S+ finished at .+\. Datasource DataSourceEc2Local\.  Up [\d.]+ seconds",
                     console)


def test_table_lists_the_instance_authorized_keys(lab, tmp_path):
    """The table has one row per key in the login user's authorized_keys, fingerprints = ssh-keygen's
    SHA256 spelled as hex pairs, comment = key pair name (as IMDS hands the key to cloud-init)."""
    a = lab.account()
    key = keygen(tmp_path, "tbl")
    import_key(a, "tbl-pair", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, "console-c"), "tbl-pair")
    rows = authkeys_table(console_text(a.ec2, inst["InstanceId"]))
    assert list(rows) == ["ec2-user"]
    assert rows["ec2-user"] == [{"keytype": "ssh-ed25519", "options": "-", "comment": "tbl-pair",
                                 "fingerprint": cloud_init_hex(ssh_keygen_fingerprint(key.with_suffix(".pub")))}]


def test_md5_table_for_old_cloud_init_images(lab, tmp_path):
    """An image whose cloud-init hashes with md5 (authkey_hash: md5, or cloud-init < 20.1)."""
    a = lab.account()
    key = keygen(tmp_path, "md5k", "rsa", 2048)
    import_key(a, "md5k", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, "console-d", authkey_hash="md5", login_user="ubuntu"), "md5k")
    console = console_text(a.ec2, inst["InstanceId"])
    assert "Fingerprint (md5)" in console
    rows = authkeys_table(console)["ubuntu"]
    assert [r["fingerprint"] for r in rows] == [cloud_init_hex(ssh_keygen_fingerprint(key.with_suffix(".pub"), "md5"))]


def test_no_key_pair_and_disabled_table(lab, tmp_path):
    """No launch key: cloud-init's 'no authorized SSH keys fingerprints found' line; an image with the
    fingerprint module off prints no table at all (but still the host keys)."""
    a = lab.account()
    none = run_instance(a, register_base_image(a, "console-e"), None)
    assert "ci-info: no authorized SSH keys fingerprints found for user ec2-user." in console_text(a.ec2, none["InstanceId"])
    key = keygen(tmp_path, "off")
    import_key(a, "off", key.with_suffix(".pub"))
    off = run_instance(a, register_base_image(a, "console-f", authkey_fingerprints="false"), "off")
    text = console_text(a.ec2, off["InstanceId"])
    assert "ci-info" not in text and host_keys_from_console(text)


def test_only_the_owner_reads_the_console(lab):
    """Another account gets InvalidInstanceID.NotFound."""
    a, b = lab.account(), lab.account()
    inst = run_instance(a, register_base_image(a, "console-g"), None)
    with pytest.raises(ClientError) as e:
        b.ec2.get_console_output(InstanceId=inst["InstanceId"])
    assert e.value.response["Error"]["Code"] == "InvalidInstanceID.NotFound"


_SYSTEM_CLOUD_INIT = r'''
import sys
sys.path.append("/usr/lib/python3/dist-packages")
from cloudinit import ssh_util, util
from cloudinit.config import cc_ssh_authkey_fingerprints as m
util.multi_log = lambda text, **kw: sys.stdout.write(text)
user, key_fn, path, hash_meth = sys.argv[1:5]
m._pprint_key_entries(user, key_fn, ssh_util.parse_authorized_keys([path]), hash_meth)
'''


@pytest.mark.parametrize("hash_meth", ["sha256", "md5"])
def test_table_bytes_equal_cloud_init_run_separately(lab, tmp_path, hash_meth):
    """The table in the console is byte for byte what cloud-init (Debian package, system Python, own
    process) prints for the instance's authorized_keys file, with options and several key types."""
    a = lab.account()
    key_a, key_b = keygen(tmp_path, "byte-a"), keygen(tmp_path, "byte-b", "ecdsa")
    import_key(a, "byte-a", key_a.with_suffix(".pub"))
    source = run_instance(a, register_base_image(a, f"bytes-{hash_meth}", authkey_hash=hash_meth), "byte-a")
    # Put an options-prefixed ECDSA key next to the launch key, then bake the image.
    inst_dir = Path(next(i["dir"] for i in lab.state()["instances"] if i["instanceId"] == source["InstanceId"]))
    keys_file = inst_dir / "home" / "ec2-user" / ".ssh" / "authorized_keys"
    with keys_file.open("a") as f:
        f.write(f'from="10.0.0.0/8",no-agent-forwarding {key_b.with_suffix(".pub").read_text()}')
    image = a.ec2.create_image(InstanceId=source["InstanceId"], Name=f"baked-{hash_meth}")["ImageId"]
    inst = run_instance(a, image, "byte-a")
    new_file = Path(next(i["dir"] for i in lab.state()["instances"]
                         if i["instanceId"] == inst["InstanceId"])) / "home" / "ec2-user" / ".ssh" / "authorized_keys"
    expected = subprocess.run(["/usr/bin/python3", "-c", _SYSTEM_CLOUD_INIT, "ec2-user",
                               "/home/ec2-user/.ssh/authorized_keys", str(new_file), hash_meth],
                              capture_output=True, text=True, check=True).stdout
    console = console_text(a.ec2, inst["InstanceId"])
    rows = authkeys_table(expected)["ec2-user"]
    assert [r["keytype"] for r in rows] == ["ssh-ed25519", "ecdsa-sha2-nistp256"]
    assert rows[1]["options"] == 'from="10.0.0.0/8",no-agent-forwarding'
    assert expected in console
