"""Instances backed by real sshd processes, built the way an EC2 first boot builds them.

AWS behaviour reproduced:
* cloud-init's ssh module adds the launch key pair's public key to the default user's authorized_keys
  and keeps the keys already there (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html;
  cloud-init ``ssh_util.update_authorized_keys``): on an image where it runs, both the baked key and
  the launch key log in.
* CreateImage copies the instance's public keys into the AMI
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/replacing-key-pair.html), CopyImage keeps them.
* The default login user depends on the image (ec2-user, ubuntu, ...;
  https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/managing-users.html).
* Stop/start keeps the disk and changes the public IP; a stopped or terminated instance does not answer
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Stop_Start.html).
* sshd with StrictModes refuses an authorized_keys that others can write
  (sshd_config(5) StrictModes; https://repost.aws/knowledge-center/ec2-linux-fix-permission-denied-errors).
"""

from __future__ import annotations

import os
from pathlib import Path

from labkit import (authkeys_table, boots, console_text, import_key, keygen, pid_alive, pin_known_hosts,
                    port_listening, register_base_image, run_instance, ssh)


def _record(lab, instance_id: str) -> dict:
    return next(i for i in lab.state()["instances"] if i["instanceId"] == instance_id)


def _login(lab, account, inst, key, user, tmp_path, *command):
    known = pin_known_hosts(tmp_path / f"known-{inst['InstanceId']}", inst["PublicIpAddress"],
                            console_text(account.ec2, inst["InstanceId"]))
    return ssh(lab, key, user, inst["PublicIpAddress"], known, *command)


def test_ssh_module_appends_launch_key_to_baked_keys(lab, tmp_path):
    """Image from an instance (baked K1), cloud-init ssh module ON, launched with K2: both log in and
    the table lists K1 then K2."""
    a = lab.account()
    k1, k2 = keygen(tmp_path, "k1"), keygen(tmp_path, "k2", "rsa", 2048)
    import_key(a, "k1", k1.with_suffix(".pub"))
    import_key(a, "k2", k2.with_suffix(".pub"))
    source = run_instance(a, register_base_image(a, "append-base"), "k1")
    image = a.ec2.create_image(InstanceId=source["InstanceId"], Name="append-img")["ImageId"]
    inst = run_instance(a, image, "k2")
    for key in (k1, k2):
        result = _login(lab, a, inst, key, "ec2-user", tmp_path)
        assert result.returncode == 0, result.stderr
    rows = authkeys_table(console_text(a.ec2, inst["InstanceId"]))["ec2-user"]
    assert [r["comment"] for r in rows] == ["k1", "k2"]


def test_login_user_and_instance_view(lab, tmp_path):
    """Login user from the image (ubuntu); the session sees the instance's own /home and /etc/ssh and
    its host name (the private DNS name, as on EC2); ec2-user has no home there and is refused."""
    a = lab.account()
    key = keygen(tmp_path, "u")
    import_key(a, "u", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, "ubuntu-like", login_user="ubuntu"), "u")
    port = _record(lab, inst["InstanceId"])["port"]
    result = _login(lab, a, inst, key, "ubuntu", tmp_path, "sh", "-c",
                    "'id -un; ls /home; grep ^Port /etc/ssh/sshd_config; stat -c %a /home/ubuntu/.ssh; hostname'")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:5] == ["ubuntu", "ubuntu", f"Port {port}", "700", inst["PrivateDnsName"]]
    assert _login(lab, a, inst, key, "ec2-user", tmp_path).returncode == 255


def test_root_login_is_turned_away_with_the_right_user_name(lab, tmp_path):
    """cloud-init's ssh module also puts the launch key in root's authorized_keys behind a forced
    command (disable_root, the default): ssh as root with the launch key prints 'Please login as the
    user "<default user>" rather than the user "root".' and exits 142 — evidence that the key is
    installed and the user name is wrong (cloud-init cc_ssh / ssh_util.DISABLE_USER_OPTS;
    https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/TroubleshootingInstancesConnecting.html)."""
    a = lab.account()
    key, other = keygen(tmp_path, "r"), keygen(tmp_path, "r-other")
    import_key(a, "r", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, "root-login", login_user="ubuntu"), "r")
    result = _login(lab, a, inst, key, "root", tmp_path)
    assert result.returncode == 142
    assert 'Please login as the user "ubuntu" rather than the user "root".' in result.stdout
    assert _login(lab, a, inst, other, "root", tmp_path).returncode == 255


def test_each_instance_has_its_own_sshd_port_and_host_keys(lab, tmp_path):
    """Two instances: two sshd pids, two loopback ports, different host keys; ssh_config maps each
    public IP and public DNS name to its own port."""
    a = lab.account()
    image = register_base_image(a, "two")
    one, two = run_instance(a, image, None), run_instance(a, image, None)
    r1, r2 = _record(lab, one["InstanceId"]), _record(lab, two["InstanceId"])
    assert r1["sshdPid"] != r2["sshdPid"] and r1["port"] != r2["port"]
    assert all(1024 < r["port"] < 65536 and pid_alive(r["sshdPid"]) for r in (r1, r2))
    config = lab.ssh_config.read_text()
    for inst, rec in ((one, r1), (two, r2)):
        for name in (inst["PublicIpAddress"], inst["PublicDnsName"]):
            block = config.split(f"Host {name}\n", 1)[1].split("\n\n", 1)[0]
            assert f"Port {rec['port']}" in block and f"HostKeyAlias {name}" in block
    assert console_text(a.ec2, one["InstanceId"]) != console_text(a.ec2, two["InstanceId"])


def test_stop_start_terminate(lab, tmp_path):
    """Stop kills the sshd (pid gone, port closed, ssh_config entry gone); start brings it back on a new
    public IP with the same disk and host keys; the console output keeps the first boot and appends
    the second, which has no per-instance cloud-init output; terminate kills it for good."""
    a = lab.account()
    key = keygen(tmp_path, "ss")
    import_key(a, "ss", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, "stopstart"), "ss")
    iid = inst["InstanceId"]
    first_console = console_text(a.ec2, iid)
    before = _record(lab, iid)
    a.ec2.stop_instances(InstanceIds=[iid])
    assert not pid_alive(before["sshdPid"]) and not port_listening(before["port"])
    assert inst["PublicIpAddress"] not in lab.ssh_config.read_text()

    a.ec2.start_instances(InstanceIds=[iid])
    again = a.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
    after = _record(lab, iid)
    assert after["bootCount"] == 2 and pid_alive(after["sshdPid"])
    assert again["PublicIpAddress"] != inst["PublicIpAddress"]
    whole = console_text(a.ec2, iid)
    assert whole.startswith(first_console) and len(boots(whole)) == 2
    second_console = boots(whole)[-1]
    assert "ci-info" not in second_console and "BEGIN SSH HOST KEY" not in second_console
    assert "Cloud-init v." in second_console and "finished at" in second_console
    known = pin_known_hosts(tmp_path / "known-restart", again["PublicIpAddress"], first_console)
    result = ssh(lab, key, "ec2-user", again["PublicIpAddress"], known)
    assert result.returncode == 0, result.stderr  # same host keys as the first boot printed

    # Starting a running instance changes nothing: same address, same sshd, still reachable.
    answer = a.ec2.start_instances(InstanceIds=[iid])["StartingInstances"][0]
    assert answer["PreviousState"]["Name"] == "running"
    same = a.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
    assert same["PublicIpAddress"] == again["PublicIpAddress"] and _record(lab, iid)["sshdPid"] == after["sshdPid"]
    assert ssh(lab, key, "ec2-user", again["PublicIpAddress"], known).returncode == 0

    a.ec2.terminate_instances(InstanceIds=[iid])
    assert not pid_alive(after["sshdPid"]) and not port_listening(after["port"])
    assert _record(lab, iid)["state"] == "terminated"


def test_strict_modes_refuses_world_writable_authorized_keys(lab, tmp_path):
    """sshd's StrictModes is on: once authorized_keys is writable by others the same key is refused.
    (Debian's sshd tolerates group-writable files whose group is the user's private group, so the
    check uses the other-writable bit, which every OpenSSH refuses.)"""
    a = lab.account()
    key = keygen(tmp_path, "sm")
    import_key(a, "sm", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, "strict"), "sm")
    assert _login(lab, a, inst, key, "ec2-user", tmp_path).returncode == 0
    keys_file = Path(_record(lab, inst["InstanceId"])["dir"]) / "home" / "ec2-user" / ".ssh" / "authorized_keys"
    os.chmod(keys_file, 0o606)
    refused = _login(lab, a, inst, key, "ec2-user", tmp_path)
    assert refused.returncode == 255 and "Permission denied (publickey)" in refused.stderr


def test_copied_image_keeps_baked_keys_and_host_keys_without_ssh_module(lab, tmp_path):
    """B copies A's shared image (snapshot shared too) and launches the copy with its own key on an
    image whose cloud-init skips the ssh module: A's baked key logs in, B's does not, and the host
    keys are the ones baked into the image (the source instance's), since nothing regenerated them."""
    a, b = lab.account(), lab.account()
    ka, kb = keygen(tmp_path, "ca"), keygen(tmp_path, "cb")
    import_key(a, "ca", ka.with_suffix(".pub"))
    import_key(b, "cb", kb.with_suffix(".pub"))
    source = run_instance(a, register_base_image(a, "copy-src"), "ca")
    image = a.ec2.create_image(InstanceId=source["InstanceId"], Name="copy-img", TagSpecifications=[
        {"ResourceType": "image", "Tags": [{"Key": "amikey-lab:cloud-init-ssh", "Value": "false"}]}])["ImageId"]
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})
    snap = a.ec2.describe_images(ImageIds=[image])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    a.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission",
                                    OperationType="add", UserIds=[b.account_id])
    copy = b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="mine")["ImageId"]
    inst = run_instance(b, copy, "cb")
    assert _login(lab, b, inst, ka, "ec2-user", tmp_path).returncode == 0
    assert _login(lab, b, inst, kb, "ec2-user", tmp_path).returncode == 255
    from labkit import host_keys_from_console
    assert (sorted(host_keys_from_console(console_text(b.ec2, inst["InstanceId"])))
            == sorted(host_keys_from_console(console_text(a.ec2, source["InstanceId"]))))


def test_key_pair_created_by_ec2_logs_in_with_its_pem(lab, tmp_path):
    """CreateKeyPair (RSA, PEM KeyMaterial as the user downloads it): the instance launched with it
    accepts that .pem; the table's comment is the key pair name."""
    a = lab.account()
    pem = tmp_path / "made.pem"
    pem.write_text(a.ec2.create_key_pair(KeyName="made", KeyType="rsa")["KeyMaterial"])
    pem.chmod(0o600)
    inst = run_instance(a, register_base_image(a, "made-key"), "made")
    result = _login(lab, a, inst, pem, "ec2-user", tmp_path)
    assert result.returncode == 0, result.stderr
    assert [r["comment"] for r in authkeys_table(console_text(a.ec2, inst["InstanceId"]))["ec2-user"]] == ["made"]


def test_stopping_ends_open_sessions_too(lab, tmp_path):
    """StopInstances ends every process of the instance's sshd, open sessions included (sshd's
    per-connection children leave its process group, so the lab follows parent links)."""
    import subprocess
    import time

    a = lab.account()
    key = keygen(tmp_path, "sess")
    import_key(a, "sess", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, "session"), "sess")
    known = pin_known_hosts(tmp_path / "known-sess", inst["PublicIpAddress"], console_text(a.ec2, inst["InstanceId"]))
    client = subprocess.Popen(["ssh", "-F", str(lab.ssh_config), "-i", str(key), "-o", "IdentitiesOnly=yes",
                               "-o", "BatchMode=yes", "-o", f"UserKnownHostsFile={known}",
                               f"ec2-user@{inst['PublicIpAddress']}", "echo up; exec sleep 120"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert client.stdout.readline().strip() == "up"
        listener = _record(lab, inst["InstanceId"])["sshdPid"]
        from labkit import pid_alive as alive
        sessions = [int(p) for p in os.listdir("/proc") if p.isdigit() and alive(int(p))
                    and open(f"/proc/{p}/cmdline", "rb").read().startswith(b"sshd: ec2-user")]
        assert sessions, "no per-connection sshd found"
        a.ec2.stop_instances(InstanceIds=[inst["InstanceId"]])
        client.wait(15)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(p) for p in sessions + [listener]):
            time.sleep(0.1)
        assert not any(alive(p) for p in sessions + [listener])
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()


def test_other_regions_work_too(lab, tmp_path):
    """Regions are separate (an AMI lives in one region; https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html):
    an image registered in eu-west-1 launches there, its public DNS name is the region's, ssh_config
    maps it; the image does not exist in us-east-1."""
    import pytest
    from botocore.exceptions import ClientError

    a = lab.account()
    creds = a.sts.assume_role(RoleArn=f"arn:aws:iam::{a.account_id}:role/x", RoleSessionName="eu-test")["Credentials"]
    import botocore.session
    eu = botocore.session.get_session().create_client(
        "ec2", region_name="eu-west-1", endpoint_url=lab.endpoint, aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
    image = eu.register_image(Name="eu-image")["ImageId"]
    iid = eu.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    inst = eu.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]
    assert inst["PublicDnsName"].endswith(".eu-west-1.compute.amazonaws.com")
    assert f"Host {inst['PublicDnsName']}\n" in lab.ssh_config.read_text()
    assert _record(lab, iid)["region"] == "eu-west-1"
    with pytest.raises(ClientError):
        a.ec2.describe_images(ImageIds=[image])
    eu.terminate_instances(InstanceIds=[iid])
