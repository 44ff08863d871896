"""The seed's story at the SSH level, end to end, against a running lab.

AWS behaviour it reproduces: an AMI created from an instance carries that instance's
``authorized_keys`` ("If you create a Linux AMI from an instance, the public key material is copied
from the instance to the AMI. If you launch an instance from the AMI, the new instance includes the
public key from the original instance." https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/replacing-key-pair.html);
shared with another account (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html)
and launched there with a new key pair on an image whose cloud-init does not run its ssh module, the
new key is refused ("Permission denied (publickey)") and the original key is accepted; the console
output's cloud-init table shows the original key only.
"""

from __future__ import annotations

from labkit import (authkeys_table, cloud_init_hex, console_text, import_key, keygen, pin_known_hosts,
                    register_base_image, run_instance, ssh, ssh_keygen_fingerprint)


def test_new_key_refused_original_key_accepted(lab, tmp_path):
    # A: moto's default account; B: reached by sts:AssumeRole into arn:aws:iam::222222222222:role/x.
    # (The only test that uses these two accounts; the others make fresh ones.)
    a = lab.default_account()
    b = lab.account("222222222222")
    assert (a.account_id, b.sts.get_caller_identity()["Account"]) == ("123456789012", "222222222222")

    key_a = keygen(tmp_path, "K_A")
    key_b = keygen(tmp_path, "K_B", "rsa", 3072)
    import_key(a, "K_A", key_a.with_suffix(".pub"))

    # Account A: base image whose cloud-init runs the ssh module; A's instance takes K_A.
    base = register_base_image(a, "al2023-like", login_user="ec2-user", cloud_init_ssh="true")
    source = run_instance(a, base, "K_A")
    known = pin_known_hosts(tmp_path / "known_a", source["PublicIpAddress"],
                            console_text(a.ec2, source["InstanceId"]))
    ok = ssh(lab, key_a, "ec2-user", source["PublicIpAddress"], known)
    assert ok.returncode == 0, ok.stderr

    # CreateImage from it; the new image's cloud-init does not run the ssh module (the seed's case).
    image = a.ec2.create_image(
        InstanceId=source["InstanceId"], Name="migrated",
        TagSpecifications=[{"ResourceType": "image",
                            "Tags": [{"Key": "amikey-lab:cloud-init-ssh", "Value": "false"}]}])["ImageId"]
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})

    # Account B imports its own key and launches from the shared AMI with it.
    import_key(b, "K_B", key_b.with_suffix(".pub"))
    shared = b.ec2.describe_images(ImageIds=[image])["Images"][0]
    assert shared["OwnerId"] == a.account_id
    target = run_instance(b, image, "K_B")
    assert target["KeyName"] == "K_B"
    console = console_text(b.ec2, target["InstanceId"])
    known_b = pin_known_hosts(tmp_path / "known_b", target["PublicIpAddress"], console)

    refused = ssh(lab, key_b, "ec2-user", target["PublicIpAddress"], known_b)
    assert refused.returncode == 255
    assert "Permission denied (publickey)" in refused.stderr

    accepted = ssh(lab, key_a, "ec2-user", target["PublicIpAddress"], known_b, "id", "-un")
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout.strip() == "ec2-user"

    # The console's cloud-init table names K_A (fingerprint and key pair name) and not K_B.
    rows = authkeys_table(console)["ec2-user"]
    fps = {row["fingerprint"] for row in rows}
    assert cloud_init_hex(ssh_keygen_fingerprint(key_a.with_suffix(".pub"))) in fps
    assert cloud_init_hex(ssh_keygen_fingerprint(key_b.with_suffix(".pub"))) not in fps
    assert [row["comment"] for row in rows] == ["K_A"]
