"""SSM Run Command with ``AWS-RunShellScript`` really runs on the lab instance.

AWS behaviour reproduced (tests/test_ssm.py):

* SendCommand with document ``AWS-RunShellScript`` runs the ``commands`` parameter (one script,
  lines joined by newlines) as root with ``/bin/sh`` on each target instance, in ``workingDirectory``
  when given, killed after ``executionTimeout`` seconds (default 3600)
  (https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-command-ssm-plugin-reference.html#aws-runShellScript).
* GetCommandInvocation reports ``Status`` Pending → InProgress → Success | Failed | TimedOut, with
  ``StatusDetails`` (``ExecutionTimedOut`` for a timeout), ``ResponseCode`` (the script's exit status),
  ``StandardOutputContent`` capped at 24000 characters and ``StandardErrorContent`` at 8000
  (``ssm/2014-11-06/service-2.json``; https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html).
* An instance id that is not a running instance of the caller's account and region is refused with
  ``InvalidInstanceId`` (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html#API_SendCommand_Errors).
  Another document name is ``InvalidDocument``.
* ListCommandInvocations (moto 5.2.1 answers 500) lists the invocations, with ``CommandPlugins`` when
  ``Details`` is true.

moto 5.2.1 fakes all of this: every invocation is ``Success`` with empty output at once, nothing runs,
and a command without ``Targets`` also lists every instance of the region (``all_reservations`` with
no filter).  The lab keeps moto's ``Command`` and replaces what it says about invocations.

"Inside the instance" means the instance's mount and UTS namespaces (``sshd.namespaced``): its
``/home``, ``/root`` and ``/etc/ssh`` and its host name.  The rest of the file system is the host's.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import threading
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ssm.models import Command, SimpleSystemManagerBackend
from moto.ssm.responses import SimpleSystemManagerResponse

from . import lab as lab_module, sshd

DOCUMENT = "AWS-RunShellScript"
PLUGIN = "aws:runShellScript"
STDOUT_LIMIT = 24000   # GetCommandInvocation StandardOutputContent (service-2.json)
STDERR_LIMIT = 8000    # GetCommandInvocation StandardErrorContent (service-2.json)
LIST_OUTPUT_LIMIT = 2500   # ListCommandInvocations CommandPlugin.Output (service-2.json)
DEFAULT_EXECUTION_TIMEOUT = 3600   # AWS-RunShellScript's executionTimeout default
# No documented value for a timed-out script's ResponseCode: the lab reports -1 (see README, Limits).
TIMED_OUT_CODE = -1
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

_original_send = SimpleSystemManagerBackend.send_command
_original_targets = Command._get_instance_ids_from_targets
_original_get_invocation = Command.get_invocation
_lock = threading.Lock()
# instance id -> scripts running there, so that stop/terminate/shutdown/reset end them with the instance.
_running: dict[str, set[subprocess.Popen]] = {}


def _targets(self: Command) -> list[str]:
    # moto matches every instance of the region when Targets is empty; AWS targets nothing extra.
    return _original_targets(self) if self.targets else []


def _running_instance(backend: Any, instance_id: str) -> Any:
    from moto.ec2.models import ec2_backends

    ec2 = ec2_backends[backend.account_id][backend.region_name]
    try:
        instance = ec2.get_instance(instance_id)
    except Exception:   # InvalidInstanceID.NotFound / Malformed: unknown to this account and region
        raise JsonRESTError("InvalidInstanceId", f"Instances [[{instance_id}]] not in a valid state for "
                            "account " + backend.account_id) from None
    lab = lab_module.LAB
    record = lab.instances.get(instance_id) if lab else None
    if instance.state != "running" or (lab is not None and (record is None or record.pid is None)):
        raise JsonRESTError("InvalidInstanceId", f"Instances [[{instance_id}]] not in a valid state for "
                            "account " + backend.account_id)
    return instance


def _one_value(parameters: dict[str, Any], name: str) -> str | None:
    values = parameters.get(name)
    if values is None:
        return None
    if isinstance(values, list):
        return "\n".join(str(v) for v in values) if values else None
    return str(values)


def send_command(self: Any, comment: str, document_name: str | None, timeout_seconds: int,
                 instance_ids: list[str], max_concurrency: str, max_errors: str,
                 notification_config: Any, output_s3_bucket_name: str, output_s3_key_prefix: str,
                 output_s3_region: str, parameters: dict[str, Any], service_role_arn: str,
                 targets: list[dict[str, Any]]) -> Command:
    if lab_module.LAB is None:
        return _original_send(self, comment, document_name, timeout_seconds, instance_ids, max_concurrency,
                              max_errors, notification_config, output_s3_bucket_name, output_s3_key_prefix,
                              output_s3_region, parameters, service_role_arn, targets)
    if document_name != DOCUMENT:
        raise JsonRESTError("InvalidDocument", f"Document {document_name} does not exist in your account "
                            "(the lab runs only AWS-RunShellScript)")
    parameters = parameters or {}
    if not _one_value(parameters, "commands"):
        raise JsonRESTError("InvalidParameters", "Parameter \"commands\" is required.")
    timeout_text = _one_value(parameters, "executionTimeout")
    try:
        execution_timeout = int(timeout_text) if timeout_text else DEFAULT_EXECUTION_TIMEOUT
    except ValueError:
        raise JsonRESTError("InvalidParameters", "Parameter \"executionTimeout\" must be an integer.") from None
    instances = [_running_instance(self, i) for i in dict.fromkeys(instance_ids or [])]
    command = _original_send(self, comment, document_name, timeout_seconds, list(instance_ids or []),
                             max_concurrency, max_errors, notification_config, output_s3_bucket_name,
                             output_s3_key_prefix, output_s3_region, parameters, service_role_arn, targets)
    command.instance_ids = [i.id for i in instances] + [i for i in command.instance_ids
                                                         if i not in {x.id for x in instances}]
    command.target_count = len(command.instance_ids)
    command.completed_count = 0
    command.status = command.status_details = "Pending"
    for invocation in command.invocations:
        invocation.update({"Status": "Pending", "StatusDetails": "Pending", "ResponseCode": -1,
                           "ExecutionStartDateTime": "", "ExecutionElapsedTime": "",
                           "ExecutionEndDateTime": ""})
    script = _one_value(parameters, "commands") or ""
    workdir = _one_value(parameters, "workingDirectory")
    for invocation in command.invocations:
        threading.Thread(target=_run, args=(command, invocation, script, workdir, execution_timeout),
                         name=f"ssm-{command.command_id[:8]}-{invocation['InstanceId']}", daemon=True).start()
    return command


def _iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _elapsed(delta: datetime.timedelta) -> str:
    seconds = delta.total_seconds()
    return f"PT{seconds:.3f}S"


def _run(command: Command, invocation: dict[str, Any], script: str, workdir: str | None, timeout: int) -> None:
    """One invocation: the script in the instance's namespaces, as root, with /bin/sh."""
    lab = lab_module.LAB
    started = utcnow()
    with _lock:
        invocation.update({"Status": "InProgress", "StatusDetails": "InProgress",
                           "ExecutionStartDateTime": _iso(started)})
        _command_status(command)
    base = lab.instance_dir(invocation["InstanceId"])
    # The agent runs the commands as one script; a workingDirectory that does not exist fails it.
    body = (f'cd "$AMIKEY_LAB_WORKDIR" || exit 1\n' if workdir else "") + script + "\n"
    env = {"PATH": PATH, "HOME": "/root", "USER": "root", "LANG": "C.UTF-8"}
    if workdir:
        env["AMIKEY_LAB_WORKDIR"] = workdir
    argv = sshd.namespaced(base / "home", base / "etc" / "ssh", ["/bin/sh", "-c", body, "sh"])
    status, details = "Failed", "Failed"
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, start_new_session=True)
        with _lock:
            _running.setdefault(invocation["InstanceId"], set()).add(proc)
        try:
            out, err = proc.communicate(timeout=timeout)
            code = proc.returncode
            if code == 0:
                status = details = "Success"
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)   # the whole script, children included
            out, err = proc.communicate()
            code, status, details = TIMED_OUT_CODE, "TimedOut", "ExecutionTimedOut"
        finally:
            with _lock:
                _running.get(invocation["InstanceId"], set()).discard(proc)
    except OSError as error:
        out, err, code = b"", str(error).encode(), 1
    ended = utcnow()
    with _lock:
        invocation.update({
            "Status": status, "StatusDetails": details, "ResponseCode": code,
            "StandardOutputContent": out.decode("utf-8", "replace")[:STDOUT_LIMIT],
            "StandardErrorContent": err.decode("utf-8", "replace")[:STDERR_LIMIT],
            "ExecutionEndDateTime": _iso(ended), "ExecutionElapsedTime": _elapsed(ended - started),
        })
        _command_status(command)


def _command_status(command: Command) -> None:
    """The command's status from its invocations (Pending, InProgress, Success, Failed, TimedOut)."""
    states = [i["Status"] for i in command.invocations]
    done = [s for s in states if s not in ("Pending", "InProgress")]
    command.completed_count = len(done)
    command.error_count = len([s for s in done if s != "Success"])
    if not states or len(done) < len(states):
        command.status = command.status_details = "InProgress" if "InProgress" in states or done else "Pending"
    elif all(s == "Success" for s in states):
        command.status = command.status_details = "Success"
    elif any(s == "Failed" for s in states):
        command.status = command.status_details = "Failed"
    else:
        command.status, command.status_details = "TimedOut", "ExecutionTimedOut"


def get_invocation(self: Command, instance_id: str, plugin_name: str | None) -> dict[str, Any]:
    # A copy taken under the lock: the runner thread updates status and output together.
    with _lock:
        return dict(_original_get_invocation(self, instance_id, plugin_name))


def list_command_invocations(self: SimpleSystemManagerResponse) -> ActionResult:
    command_id = self._get_param("CommandId")
    instance_id = self._get_param("InstanceId")
    details = bool(self._get_param("Details", False))
    commands = self.ssm_backend.list_commands(command_id, instance_id)
    rows = []
    with _lock:
        for command in commands:
            for inv in command.invocations:
                if instance_id and inv["InstanceId"] != instance_id:
                    continue
                row = {"CommandId": command.command_id, "InstanceId": inv["InstanceId"],
                       "Comment": command.comment, "DocumentName": command.document_name,
                       "RequestedDateTime": command.requested_date_time, "Status": inv["Status"],
                       "StatusDetails": inv["StatusDetails"], "StandardOutputUrl": "",
                       "StandardErrorUrl": "", "CommandPlugins": []}
                if details:
                    row["CommandPlugins"] = [{
                        "Name": PLUGIN, "Status": inv["Status"], "StatusDetails": inv["StatusDetails"],
                        "ResponseCode": inv["ResponseCode"],
                        "Output": (inv["StandardOutputContent"] + inv["StandardErrorContent"])[:LIST_OUTPUT_LIMIT],
                        "StandardOutputUrl": "", "StandardErrorUrl": ""}]
                rows.append(row)
    return ActionResult({"CommandInvocations": rows})


def _kill(instance_ids: list[str] | None) -> None:
    """SIGKILL the scripts running on these instances (all when None), process groups included."""
    with _lock:
        procs = [p for i, ps in _running.items() if instance_ids is None or i in instance_ids for p in ps]
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _wrap(method: Any, ids: Any) -> Any:
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        _kill(ids(*args))
        return method(self, *args, **kwargs)
    return wrapper


def apply() -> None:
    # The scripts die with their instance (stop, terminate) and with the lab (shutdown, reset).
    lab_module.Lab.halt = _wrap(lab_module.Lab.halt, lambda instance_id, *_: [instance_id])
    lab_module.Lab.shutdown = _wrap(lab_module.Lab.shutdown, lambda *_: None)
    lab_module.Lab.reset = _wrap(lab_module.Lab.reset, lambda *_: None)
    SimpleSystemManagerBackend.send_command = send_command
    Command._get_instance_ids_from_targets = _targets
    Command.get_invocation = get_invocation
    SimpleSystemManagerResponse.list_command_invocations = list_command_invocations
