"""SSM Run Command (AWS-RunShellScript) really runs on the lab instance, as root, with /bin/sh.

AWS behaviour checked (amikey_lab/patch_ssm.py cites the documentation):
* the commands run in the instance's environment (its /home, /root, host name) as root; a command
  that appends a key to ~ec2-user/.ssh/authorized_keys only if absent lets a real ``ssh`` in with it;
* GetCommandInvocation: Pending/InProgress, then Success, Failed with the exit status as
  ResponseCode, or TimedOut (StatusDetails ExecutionTimedOut) after ``executionTimeout``;
  StandardOutputContent capped at 24000 characters, StandardErrorContent at 8000;
* ``workingDirectory``; ListCommandInvocations; a stopped, unknown or other account's instance is
  ``InvalidInstanceId``; only the instances named are targeted.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from labkit import (Account, console_text, import_key, keygen, pid_alive, pin_known_hosts,
                    register_base_image, run_instance, ssh)

TERMINAL = {"Success", "Failed", "TimedOut", "Cancelled"}

# Appends $KEY to ec2-user's authorized_keys only if that exact line is absent, with the owner and
# modes sshd's StrictModes wants (what amikey repair --method ssm sends).
APPEND_IF_ABSENT = [
    'set -e',
    'u=ec2-user; h=$(getent passwd "$u" | cut -d: -f6); f="$h/.ssh/authorized_keys"',
    'install -d -m 700 -o "$u" -g "$(id -gn "$u")" "$h/.ssh"',
    'touch "$f"',
    'grep -qxF "$KEY" "$f" || printf "%s\\n" "$KEY" >> "$f"',
    'chown "$u:$(id -gn "$u")" "$f"; chmod 600 "$f"',
    'grep -cxF "$KEY" "$f"',
]


def _account(lab) -> tuple[Account, object]:
    """A fresh account (AssumeRole into a new id) and its SSM client."""
    account_id = str(random.randint(10**11, 10**12 - 1))
    creds = lab.client("sts").assume_role(RoleArn=f"arn:aws:iam::{account_id}:role/x",
                                          RoleSessionName="ssm-test")["Credentials"]
    return Account(account_id, lab.client("ec2", creds), lab.client("sts", creds)), lab.client("ssm", creds)


def _instance(lab, tmp_path, name: str):
    a, ssm = _account(lab)
    key = keygen(tmp_path, f"{name}-launch")
    import_key(a, f"{name}-launch", key.with_suffix(".pub"))
    inst = run_instance(a, register_base_image(a, f"{name}-img"), f"{name}-launch")
    return a, ssm, inst, key


def _run(ssm, instance_id: str, commands: list[str], **extra: str) -> str:
    parameters = {"commands": commands, **{k: [v] for k, v in extra.items()}}
    return ssm.send_command(InstanceIds=[instance_id], DocumentName="AWS-RunShellScript",
                            Parameters=parameters)["Command"]["CommandId"]


def _wait(ssm, command_id: str, instance_id: str, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        inv = ssm.get_command_invocation(CommandId=command_id, InstanceId=instance_id)
        if inv["Status"] in TERMINAL or time.monotonic() > deadline:
            return inv
        time.sleep(0.1)


def test_append_key_if_absent_then_ssh_logs_in(lab, tmp_path):
    a, ssm, inst, launch_key = _instance(lab, tmp_path, "ssm-append")
    new_key = keygen(tmp_path, "ssm-new")
    line = new_key.with_suffix(".pub").read_text().strip()
    known = pin_known_hosts(tmp_path / "known", inst["PublicIpAddress"], console_text(a.ec2, inst["InstanceId"]))
    assert ssh(lab, new_key, "ec2-user", inst["PublicIpAddress"], known).returncode == 255

    for _ in range(2):   # the second run finds the line and leaves the file as it is
        command_id = _run(ssm, inst["InstanceId"], [f"KEY='{line}'", *APPEND_IF_ABSENT])
        inv = _wait(ssm, command_id, inst["InstanceId"])
        assert (inv["Status"], inv["StatusDetails"], inv["ResponseCode"]) == ("Success", "Success", 0), inv
        assert inv["StandardOutputContent"] == "1\n"

    for key in (new_key, launch_key):   # the new key gets in and the launch key still does
        login = ssh(lab, key, "ec2-user", inst["PublicIpAddress"], known, "cat", ".ssh/authorized_keys")
        assert login.returncode == 0, login.stderr
        assert login.stdout.count(line) == 1 and len(login.stdout.splitlines()) == 2


def test_runs_as_root_with_sh_in_the_instance_view(lab, tmp_path):
    a, ssm, inst, _ = _instance(lab, tmp_path, "ssm-view")
    command_id = _run(ssm, inst["InstanceId"],
                      ["id -u", "hostname", "ls /home", "readlink /proc/$$/exe", "pwd"],
                      workingDirectory="/etc/ssh")
    inv = _wait(ssm, command_id, inst["InstanceId"])
    assert inv["Status"] == "Success", inv
    uid, hostname, homes, shell, cwd = inv["StandardOutputContent"].splitlines()
    assert uid == "0" and hostname == inst["PrivateDnsName"] and homes == "ec2-user"
    assert shell.endswith(("/dash", "/sh", "/bash")) and cwd == "/etc/ssh"
    assert inv["PluginName"] == "aws:runShellScript" and inv["DocumentName"] == "AWS-RunShellScript"


def test_failure_code_and_output(lab, tmp_path):
    a, ssm, inst, _ = _instance(lab, tmp_path, "ssm-fail")
    command_id = _run(ssm, inst["InstanceId"], ["echo out", "echo err >&2", "exit 3"])
    inv = _wait(ssm, command_id, inst["InstanceId"])
    assert (inv["Status"], inv["StatusDetails"], inv["ResponseCode"]) == ("Failed", "Failed", 3)
    assert (inv["StandardOutputContent"], inv["StandardErrorContent"]) == ("out\n", "err\n")
    assert ssm.list_commands(CommandId=command_id)["Commands"][0]["Status"] == "Failed"

    missing = _wait(ssm, _run(ssm, inst["InstanceId"], ["true"], workingDirectory="/no/such/dir"),
                    inst["InstanceId"])
    assert missing["Status"] == "Failed" and missing["ResponseCode"] != 0


def test_output_is_capped_as_aws_caps_it(lab, tmp_path):
    a, ssm, inst, _ = _instance(lab, tmp_path, "ssm-cap")
    command_id = _run(ssm, inst["InstanceId"], ["head -c 30000 /dev/zero | tr '\\0' o",
                                                "head -c 9000 /dev/zero | tr '\\0' e >&2"])
    inv = _wait(ssm, command_id, inst["InstanceId"])
    assert inv["Status"] == "Success"
    assert inv["StandardOutputContent"] == "o" * 24000 and inv["StandardErrorContent"] == "e" * 8000


def test_in_progress_then_timed_out(lab, tmp_path):
    a, ssm, inst, _ = _instance(lab, tmp_path, "ssm-timeout")
    command_id = _run(ssm, inst["InstanceId"], ["echo started", "sleep 30"], executionTimeout="2")
    time.sleep(0.5)
    first = ssm.get_command_invocation(CommandId=command_id, InstanceId=inst["InstanceId"])
    assert first["Status"] in ("Pending", "InProgress")
    started = time.monotonic()
    inv = _wait(ssm, command_id, inst["InstanceId"])
    assert time.monotonic() - started < 10
    assert (inv["Status"], inv["StatusDetails"]) == ("TimedOut", "ExecutionTimedOut")
    assert inv["StandardOutputContent"] == "started\n"


def test_list_command_invocations_and_targets(lab, tmp_path):
    a, ssm, inst, _ = _instance(lab, tmp_path, "ssm-list")
    other = run_instance(a, register_base_image(a, "ssm-list-2"), None)
    command_id = _run(ssm, inst["InstanceId"], ["echo listed"])
    _wait(ssm, command_id, inst["InstanceId"])
    listed = ssm.list_command_invocations(CommandId=command_id, Details=True)["CommandInvocations"]
    assert [i["InstanceId"] for i in listed] == [inst["InstanceId"]]   # not the other instance too
    plugin = listed[0]["CommandPlugins"][0]
    assert (listed[0]["Status"], plugin["Name"], plugin["ResponseCode"], plugin["Output"]) == \
        ("Success", "aws:runShellScript", 0, "listed\n")
    with pytest.raises(ClientError) as e:
        ssm.get_command_invocation(CommandId=command_id, InstanceId=other["InstanceId"])
    assert e.value.response["Error"]["Code"] == "InvocationDoesNotExist"


def test_stopped_unknown_and_foreign_instances_are_invalid(lab, tmp_path):
    a, ssm, inst, _ = _instance(lab, tmp_path, "ssm-invalid")
    _, other_ssm = _account(lab)
    a.ec2.stop_instances(InstanceIds=[inst["InstanceId"]])
    for client, instance_id in ((ssm, inst["InstanceId"]), (ssm, "i-0123456789abcdef0"),
                                (other_ssm, inst["InstanceId"])):
        with pytest.raises(ClientError) as e:
            _run(client, instance_id, ["true"])
        assert e.value.response["Error"]["Code"] == "InvalidInstanceId", instance_id
    with pytest.raises(ClientError) as e:
        ssm.send_command(InstanceIds=[inst["InstanceId"]], DocumentName="AWS-RunPowerShellScript",
                         Parameters={"commands": ["true"]})
    assert e.value.response["Error"]["Code"] == "InvalidDocument"


def test_stopping_the_instance_ends_its_script(lab, tmp_path):
    """The script dies with its instance (SIGKILL to its process group): the invocation ends Failed."""
    a, ssm, inst, _ = _instance(lab, tmp_path, "ssm-stop")
    command_id = _run(ssm, inst["InstanceId"], ["echo $$ > /root/script.pid", "sleep 60"])
    record = next(i for i in lab.state()["instances"] if i["instanceId"] == inst["InstanceId"])
    pid_file = Path(record["dir"]) / "root" / "script.pid"
    deadline = time.monotonic() + 10
    while not (pid_file.exists() and pid_file.read_text().strip()):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    script_pid = int(pid_file.read_text())
    assert ssm.get_command_invocation(CommandId=command_id, InstanceId=inst["InstanceId"])["Status"] == "InProgress"
    a.ec2.stop_instances(InstanceIds=[inst["InstanceId"]])
    inv = _wait(ssm, command_id, inst["InstanceId"], timeout=10)
    assert inv["Status"] == "Failed" and inv["ResponseCode"] != 0
    assert not pid_alive(script_pid)
