"""The lab as a whole: start, stop, side by side, pending states, reset, where it refuses to live.

``lab down`` stops exactly the processes the lab started (by pid) and leaves no listening port; two
labs run side by side in different directories.  The optional pending states reproduce AWS's
``pending`` -> ``running`` / ``available`` transitions that clients must poll through
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from labkit import (LAB_SRC, console_text, import_key, keygen, pid_alive, pin_known_hosts,
                    port_listening, register_base_image, run_instance, ssh, start_lab, stop_lab)


def _wait_dead(pids, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(pid_alive(p) for p in pids):
        time.sleep(0.1)
    return not any(pid_alive(p) for p in pids)


def _login_ok(lab, account, inst, key, tmp_path):
    known = pin_known_hosts(tmp_path / f"k-{inst['InstanceId']}", inst["PublicIpAddress"],
                            console_text(account.ec2, inst["InstanceId"]))
    return ssh(lab, key, "ec2-user", inst["PublicIpAddress"], known).returncode == 0


@pytest.fixture
def third_lab(session_root):
    lab = start_lab(session_root / f"lab3-{os.getpid()}-{time.monotonic_ns()}")
    yield lab
    if lab.process.poll() is None:
        stop_lab(lab)


def test_down_stops_exactly_its_processes_and_ports_side_by_side(lab, third_lab, tmp_path):
    """Two labs side by side; stopping one (SIGTERM to its pid) ends its launcher and sshds, frees
    their ports, removes its lab.json, and leaves the other lab's instance reachable."""
    key = keygen(tmp_path, "side")
    a1, a3 = lab.account(), third_lab.account()
    for acct in (a1, a3):
        import_key(acct, "side", key.with_suffix(".pub"))
    i1 = run_instance(a1, register_base_image(a1, "side-1"), "side")
    i3 = [run_instance(a3, register_base_image(a3, "side-3"), "side") for _ in range(2)]
    assert lab.info["port"] != third_lab.info["port"]
    assert _login_ok(lab, a1, i1, key, tmp_path) and _login_ok(third_lab, a3, i3[0], key, tmp_path)

    state = third_lab.state()
    pids, ports = state["sshdPids"], [i["port"] for i in state["instances"]]
    assert len(pids) == 2 and all(pid_alive(p) for p in pids)
    stop_lab(third_lab)
    assert third_lab.process.returncode == 0
    assert _wait_dead(pids + [third_lab.process.pid])
    assert not any(port_listening(p) for p in ports + [third_lab.info["port"]])
    assert not (third_lab.directory / "lab.json").exists()
    assert _login_ok(lab, a1, i1, key, tmp_path)


def test_sshds_die_with_a_killed_lab(third_lab):
    """Even SIGKILL of the launcher leaves no sshd behind (they get SIGTERM when it dies)."""
    a = third_lab.account()
    run_instance(a, register_base_image(a, "orphan"), None)
    pids = third_lab.state()["sshdPids"]
    ports = [i["port"] for i in third_lab.state()["instances"]]
    third_lab.process.send_signal(signal.SIGKILL)
    third_lab.process.wait()
    assert _wait_dead(pids)
    assert not any(port_listening(p) for p in ports)


def test_reset_stops_every_instance(third_lab):
    """POST /moto-api/reset forgets all resources, so the lab stops every sshd with them."""
    a = third_lab.account()
    run_instance(a, register_base_image(a, "reset-me"), None)
    pids = third_lab.state()["sshdPids"]
    urllib.request.urlopen(urllib.request.Request(third_lab.endpoint + "/moto-api/reset", method="POST")).read()
    assert _wait_dead(pids)
    assert third_lab.state() == {"instances": [], "sshdPids": []}


def test_pending_for_configured_polls(pending_lab):
    """--pending-polls 2: a new instance is pending in the first 2 DescribeInstances, running in the 3rd;
    a new image is pending in the first 2 DescribeImages, available in the 3rd."""
    a = pending_lab.account()
    image = register_base_image(a, "slow")
    states = [a.ec2.describe_images(ImageIds=[image])["Images"][0]["State"] for _ in range(3)]
    assert states == ["pending", "pending", "available"]
    iid = a.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    states = [a.ec2.describe_instances(InstanceIds=[iid])["Reservations"][0]["Instances"][0]["State"]["Name"]
              for _ in range(3)]
    assert states == ["pending", "pending", "running"]
    waiter = a.ec2.get_waiter("image_available")
    made = a.ec2.create_image(InstanceId=iid, Name="slow-copy")["ImageId"]
    waiter.wait(ImageIds=[made], WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    assert a.ec2.describe_images(ImageIds=[made])["Images"][0]["State"] == "available"


def test_without_pending_polls_states_are_final_at_once(lab):
    """Default: no pending phase (moto's behaviour)."""
    a = lab.account()
    image = register_base_image(a, "fast")
    assert a.ec2.describe_images(ImageIds=[image])["Images"][0]["State"] == "available"


@pytest.mark.parametrize("bad", ["/tmp/amikey-lab-refused", "/home/amikey-lab-refused",
                                 "/root/amikey-lab-refused"])
def test_refuses_world_writable_or_shadowed_directories(bad):
    """A lab directory below /tmp (world-writable) or inside /home or /root (replaced in every
    instance's view) is refused before anything starts."""
    out = subprocess.run([sys.executable, "-m", "amikey_lab", "serve", "--dir", bad],
                         env=dict(os.environ, PYTHONPATH=str(LAB_SRC)), capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2
    assert "amikey lab:" in out.stderr
    assert not os.path.exists(bad)


def test_python_down_and_status(session_root):
    """`python3 -m amikey_lab status|down --dir DIR`: status lists the instances, down ends the lab by
    its pid and leaves no sshd; down on a directory without a lab signals nothing."""
    import json as _json
    lab = start_lab(session_root / f"lab4-{time.monotonic_ns()}")
    env = dict(os.environ, PYTHONPATH=str(LAB_SRC))
    try:
        a = lab.account()
        inst = run_instance(a, register_base_image(a, "ctl"), None)
        out = subprocess.run([sys.executable, "-m", "amikey_lab", "status", "--dir", str(lab.directory)],
                             env=env, capture_output=True, text=True, check=True).stdout
        shown = _json.loads(out)
        assert shown["lab"]["pid"] == lab.process.pid
        assert [i["instanceId"] for i in shown["instances"]] == [inst["InstanceId"]]
        pids = lab.state()["sshdPids"]
        done = subprocess.run([sys.executable, "-m", "amikey_lab", "down", "--dir", str(lab.directory)],
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert lab.process.wait(10) == 0
        assert _wait_dead(pids)
        again = subprocess.run([sys.executable, "-m", "amikey_lab", "down", "--dir", str(lab.directory)],
                               env=env, capture_output=True, text=True)
        assert again.returncode == 1 and "no lab" in again.stderr
    finally:
        if lab.process.poll() is None:
            stop_lab(lab)


@pytest.mark.parametrize("profile, account", [("lab-a", "123456789012"), ("lab-b", "222222222222"),
                                              ("lab-b-role", "222222222222")])
def test_profiles_reach_both_accounts(lab, profile, account):
    """DIR/aws/config and credentials (named in lab.json and exported by DIR/env) give a client the two
    accounts by profile alone: region and endpoint_url come from the profile, account B through
    pre-assumed role keys or a role profile (role_arn + source_profile, assumed by the client)."""
    import botocore.session

    env = dict(line.removeprefix("export ").split("=", 1) for line in (lab.directory / "env").read_text().splitlines())
    assert env["AWS_CONFIG_FILE"] == lab.info["awsConfigFile"]
    for path in (lab.info["awsConfigFile"], lab.info["awsCredentialsFile"], lab.directory / "env"):
        assert os.stat(path).st_mode & 0o077 == 0
    session = botocore.session.Session(profile=profile)
    session.set_config_variable("config_file", env["AWS_CONFIG_FILE"])
    session.set_config_variable("credentials_file", env["AWS_SHARED_CREDENTIALS_FILE"])
    sts = session.create_client("sts")
    assert sts.meta.endpoint_url == lab.endpoint
    assert sts.get_caller_identity()["Account"] == account


def test_says_plainly_that_it_needs_root():
    """Run as an unprivileged user (nobody), the launcher exits 2 before touching anything and says
    why: it creates login users, mount namespaces and sshd processes that switch users."""
    import shutil
    import tempfile
    from pathlib import Path

    # A copy of the package that nobody can read, wherever this checkout lives (pytest's tmp_path is
    # 0700 root); run from / so that the current directory cannot supply the package instead.
    readable = Path(tempfile.mkdtemp(prefix="amikey-lab-nonroot-", dir="/var/tmp"))
    try:
        shutil.copytree(LAB_SRC / "amikey_lab", readable / "amikey_lab",
                        ignore=shutil.ignore_patterns("__pycache__"))
        for path in [readable, *readable.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        target = "/var/lib/amikey-lab-nonroot-test"
        out = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              "env", f"PYTHONPATH={readable}", "/usr/bin/python3", "-m", "amikey_lab",
                              "serve", "--dir", target], capture_output=True, text=True, timeout=60, cwd="/")
    finally:
        shutil.rmtree(readable)
    assert out.returncode == 2
    assert "must run as root" in out.stderr and "login users" in out.stderr
    assert not os.path.exists(target)
