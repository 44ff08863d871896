"""User data on a stopped instance, applied at its next boot the way cloud-init applies it.

AWS behaviour reproduced (each tested in tests/test_userdata.py):

* ModifyInstanceAttribute replaces the user data of a **stopped** instance ("You can modify user
  data only when the instance is stopped" — https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html;
  otherwise ``IncorrectInstanceState``).  ``UserData.Value`` is a blob: SDKs send it base64-encoded
  once and EC2 stores the decoded bytes
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceAttribute.html,
  ``BlobAttributeValue``; a second layer of base64 "results in a failed EC2 launch",
  canonical/cloud-init#4276).  moto 5.2.1 wants that blob encoded twice and rejects what SDKs send
  with ``InvalidUserData.Malformed``; the lab decodes it once.  The ``Attribute=userData&Value=<base64>``
  form (moto already accepts it; amikey sends it) must be base64.  DescribeInstanceAttribute
  ``userData`` returns the bytes base64-encoded, as EC2 does.
* At each boot cloud-init reads the user data (multipart MIME, ``#cloud-config``, shell scripts:
  cloud-init's own ``UserDataProcessor``), merges its cloud-config over the image's configuration
  (``util.mergemanydict``: a list such as ``cloud_final_modules`` *replaces* the image's list) and
  runs each stage's modules with the frequency the list states, else the module's own
  (``Modules._read_modules`` / ``_fixup_modules``), guarded by cloud-init's own semaphores
  (``helpers.Runners``): ``once-per-instance`` under ``/var/lib/cloud/instances/<id>/sem``
  (so not again after a stop/start: same instance-id), ``once`` under ``/var/lib/cloud/sem``,
  ``always`` every boot.  This is why AWS's "lost key pair" procedure lists
  ``[users-groups, once]`` (https://repost.aws/knowledge-center/user-data-replace-key-pair-ec2;
  reference/ssh-on-ec2.md §4a) and why ``always`` is needed to run it on a second boot.
* ``users-groups`` creates each listed user if missing and merges its ``ssh_authorized_keys``
  (or ``ssh-authorized-keys``, normalised by ``ug_util.normalize_users_groups``) into its
  ``authorized_keys`` with ``ssh_util`` semantics: every existing key kept, a key with the same blob
  replaced (cloud-init ``distros.create_user`` → ``ssh_util.setup_user_keys``); ``.ssh`` 0700 and the
  file 0600, owned by the user.
* ``ssh_authkey_fingerprints`` prints the ``ci-info`` table of every user (default and cloud-config
  users), ``keys_to_console`` the host-key blocks and ``final_message`` the banner, each only when it
  runs on that boot: with the list replaced and the module not listed, nothing is printed.

The image's configuration is the Debian package's ``/etc/cloud/cloud.cfg`` (its module lists and
``users: [default]``), with the modules the image's lab properties turn off removed (``ssh``,
``ssh-authkey-fingerprints``, ``keys-to-console``) and its default user the image's login user.

Modules whose effect the lab carries out: ``users-groups``, ``ssh`` (first boot only, by lab.py),
``ssh-authkey-fingerprints``, ``keys-to-console``, ``final-message``.  Every other listed module
only takes its semaphore, as if it had run and done nothing.  Shell-script parts
(``text/x-shellscript``, run by ``scripts-user``) are **not executed**: an instance's view replaces
only /home, /root and /etc/ssh, so a root script would act on the host.  They are written, as
cloud-init writes them, to ``/var/lib/cloud/instances/<id>/scripts/`` in the instance directory,
and the lab logs that they were not run.
"""

from __future__ import annotations

import base64
import binascii
import copy
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from moto.core.types import Base64EncodedString
from moto.ec2.exceptions import EC2ClientError, InvalidUserDataError
from moto.ec2.responses.instances import InstanceResponse

from . import cloudinit_bridge, labdir, users

log = logging.getLogger("amikey_lab")

SYSTEM_CFG = "/etc/cloud/cloud.cfg"
STAGES = ("cloud_init_modules", "cloud_config_modules", "cloud_final_modules")

_helpers = cloudinit_bridge._import("cloudinit.helpers")
_user_data = cloudinit_bridge._import("cloudinit.user_data")
_modules = cloudinit_bridge._import("cloudinit.config.modules")
_ug_util = cloudinit_bridge._import("cloudinit.distros.ug_util")
ci_util = cloudinit_bridge.ci_util


class IncorrectInstanceState(EC2ClientError):
    def __init__(self, instance_id: str, state: str) -> None:
        super().__init__("IncorrectInstanceState",
                         f"The instance '{instance_id}' is not in the 'stopped' state.")


# ------------------------------------------------------------------ ModifyInstanceAttribute


def _require_stopped(backend: Any, instance_id: str) -> None:
    instance = backend.get_instance(instance_id)
    if instance._state.name != "stopped":
        raise IncorrectInstanceState(instance.id, instance._state.name)


def _stored(raw: bytes) -> Base64EncodedString:
    return Base64EncodedString(base64.b64encode(raw).decode("ascii"))


_original_dot = InstanceResponse._dot_value_instance_attribute_handler
_original_attribute = InstanceResponse._attribute_value_handler


def _dot_value_handler(self: InstanceResponse) -> bool:
    """``UserData.Value`` (the blob form SDKs send): botocore's query parser has already undone the
    one layer of base64 on the wire, so the value is the user data itself."""
    value = self._get_param("UserData.Value")
    if value is None:
        return _original_dot(self)
    self.error_on_dryrun()
    instance_id = self._get_param("InstanceId")
    _require_stopped(self.ec2_backend, instance_id)
    raw = value if isinstance(value, bytes) else str(value).encode()
    self.ec2_backend.modify_instance_attribute(instance_id, "user_data", _stored(raw) if raw else None)
    return True


def _attribute_value_handler(self: InstanceResponse) -> bool:
    """``Attribute=userData&Value=<base64>``: stored as given, after checking it is base64."""
    if (self._get_param("Attribute") or "") != "userData":
        return _original_attribute(self)
    self.error_on_dryrun()
    instance_id = self._get_param("InstanceId")
    _require_stopped(self.ec2_backend, instance_id)
    value = self._get_param("Value") or ""
    try:
        stored = Base64EncodedString(value) if value else None
    except ValueError:
        raise InvalidUserDataError("Invalid BASE64 encoding of user data.")
    self.ec2_backend.modify_instance_attribute(instance_id, "user_data", stored)
    return True


def apply() -> None:
    InstanceResponse._dot_value_instance_attribute_handler = _dot_value_handler
    InstanceResponse._attribute_value_handler = _attribute_value_handler


def user_data_bytes(instance: Any) -> bytes:
    """The instance's user data as bytes (moto keeps it base64-encoded); b"" when it has none."""
    value = getattr(instance, "user_data", None)
    if isinstance(value, list):  # older moto kept a list
        value = value[0] if value else None
    if value is None:
        return b""
    try:
        return base64.b64decode(str(value) if not isinstance(value, bytes) else value)
    except (binascii.Error, ValueError):
        return b""


# ------------------------------------------------------------------ one boot of cloud-init


@dataclass
class BootOutcome:
    """What cloud-init did on one boot, for the console log."""

    ran: list[str] = field(default_factory=list)          # "config-<module>" run names that ran
    tables: list[tuple[str, str, str]] = field(default_factory=list)  # (user, key file, hash)
    host_keys: bool = False
    banner: bool = False
    scripts_not_run: list[str] = field(default_factory=list)


class _Datasource:
    """Just enough of a datasource for ``helpers.Paths.get_ipath``: the instance id."""

    def __init__(self, instance_id: str) -> None:
        self.instance_id = instance_id

    def get_instance_id(self) -> str:
        return self.instance_id


class _Distro:
    """Just enough of a distro for ``ug_util.normalize_users_groups``: the image's default user."""

    def __init__(self, cfg: dict, login_user: str) -> None:
        self.default = dict((cfg.get("system_info") or {}).get("default_user") or {})
        self.default["name"] = login_user

    def get_default_user(self) -> dict:
        return dict(self.default)


def image_config(props: Any) -> dict:
    """The image's cloud-init configuration: Debian's cloud.cfg without the modules it turns off."""
    cfg = ci_util.read_conf(SYSTEM_CFG) if os.path.exists(SYSTEM_CFG) else {}
    off = set()
    if not props.cloud_init_ssh:
        off.add(_modules.form_module_name("ssh"))
    if not props.authkey_fingerprints:
        off.add(_modules.form_module_name("ssh-authkey-fingerprints"))
    if not props.keys_to_console:
        off.add(_modules.form_module_name("keys-to-console"))
    for stage in STAGES:
        cfg[stage] = [m for m in cfg.get(stage) or [] if _modules.form_module_name(_name_of(m)) not in off]
    cfg.setdefault("users", ["default"])
    cfg["authkey_hash"] = props.authkey_hash
    return cfg


def _name_of(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, list) and entry:
        return str(entry[0])
    if isinstance(entry, dict):
        return str(entry.get("name", ""))
    return ""


def parse_user_data(raw: bytes, paths: Any) -> tuple[dict, list[tuple[str, bytes]]]:
    """cloud-config (parts merged, later parts winning) and shell scripts of raw user data."""
    if not raw:
        return {}, []
    message = _user_data.UserDataProcessor(paths).process(raw)
    configs, scripts = [], []
    for n, part in enumerate(message.walk()):
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        ctype = part.get_content_type()
        if ctype == "text/cloud-config":
            loaded = ci_util.load_yaml(payload.decode("utf-8", "replace"), default={})
            if isinstance(loaded, dict):
                configs.append(loaded)
        elif ctype == "text/x-shellscript":
            scripts.append((part.get_filename() or f"part-{n:03d}", payload))
    return ci_util.mergemanydict(list(reversed(configs))), scripts


def run_boot(lab: Any, record: Any, instance: Any, first_boot: bool) -> BootOutcome:
    """Run cloud-init's stages for one boot of ``record`` (after its disk is in place, before sshd)."""
    base = lab.instance_dir(record.instance_id)
    cloud_dir = labdir.make_dir(base / "var" / "lib" / "cloud", 0o755)
    paths = _helpers.Paths({"cloud_dir": str(cloud_dir)}, ds=_Datasource(record.instance_id))
    outcome = BootOutcome()
    image_cfg = image_config(record.props)
    try:
        user_cfg, scripts = parse_user_data(user_data_bytes(instance), paths)
    except Exception:  # cloud-init logs bad user data and boots with the image's configuration
        log.exception("instance %s: user data not understood; booting with the image's config",
                      record.instance_id)
        user_cfg, scripts = {}, []
    cfg = ci_util.mergemanydict([user_cfg, image_cfg])
    distro = _Distro(image_cfg, record.props.login_user)
    effects = {
        "cc_users_groups": lambda: _users_groups(lab, record, cfg, distro),
        "cc_ssh_authkey_fingerprints": lambda: _fingerprints(cfg, distro, outcome),
        "cc_keys_to_console": lambda: setattr(outcome, "host_keys", True),
        "cc_final_message": lambda: setattr(outcome, "banner", True),
        "cc_scripts_user": lambda: _scripts_user(paths, record, scripts, outcome),
    }
    runners = _helpers.Runners(paths)
    for stage in STAGES:
        for module in _stage_modules(cfg, stage):
            effect = effects.get(module.module.__name__.rsplit(".", 1)[-1], lambda: None)
            run_name = f"config-{module.name}"
            ran, _ = runners.run(run_name, effect, [], freq=module.frequency)
            if ran:
                outcome.ran.append(run_name)
    home = base / "home"
    record.users = sorted(p.name for p in home.iterdir() if p.is_dir())
    return outcome


def _stage_modules(cfg: dict, stage: str) -> list:
    """cloud-init's own reading of a module list: names, ``[name, freq]`` pairs, default frequencies."""
    holder = SimpleNamespace(cfg=cfg)
    try:
        raw = _modules.Modules._read_modules(holder, stage)
        return _modules.Modules._fixup_modules(holder, raw)
    except Exception:  # a malformed list: cloud-init logs it and runs no module of that stage
        log.exception("module list %s not understood", stage)
        return []


def _normalized_users(cfg: dict, distro: _Distro) -> tuple[dict, dict]:
    """``ug_util.normalize_users_groups`` on a copy: it pops ``name`` from the entries it reads."""
    return _ug_util.normalize_users_groups(copy.deepcopy(cfg), distro)


def _users_groups(lab: Any, record: Any, cfg: dict, distro: _Distro) -> None:
    (users_cfg, _groups) = _normalized_users(cfg, distro)
    home = lab.instance_dir(record.instance_id) / "home"
    for name, ucfg in users_cfg.items():
        if ucfg.get("no_create_home") or ucfg.get("system"):
            continue
        try:
            entry = users.ensure_user(name)
        except (users.UserError, OSError) as error:
            log.warning("instance %s: user %s not created: %s", record.instance_id, name, error)
            continue
        user_home = home / name
        if not user_home.exists():
            labdir.make_dir(user_home, 0o700, entry.pw_uid, entry.pw_gid)
        keys = ucfg.get("ssh_authorized_keys") or []
        if isinstance(keys, str):
            keys = [keys]
        if keys:
            lab._install_keys(user_home, entry, [str(k) for k in keys])


def _fingerprints(cfg: dict, distro: _Distro, outcome: BootOutcome) -> None:
    if ci_util.is_true(cfg.get("no_ssh_fingerprints", False)):
        return
    (users_cfg, _groups) = _normalized_users(cfg, distro)
    hash_meth = str(cfg.get("authkey_hash", "sha256"))
    for name, ucfg in users_cfg.items():
        if ucfg.get("no_create_home") or ucfg.get("system"):
            continue
        outcome.tables.append((name, f"/home/{name}/.ssh/authorized_keys", hash_meth))


def _scripts_user(paths: Any, record: Any, scripts: list[tuple[str, bytes]], outcome: BootOutcome) -> None:
    """Write the script parts where cloud-init puts them, but do not run them (see module docstring)."""
    if not scripts:
        return
    scripts_dir = labdir.make_dir(Path(paths.get_ipath("scripts")), 0o700)
    for name, payload in scripts:
        safe = os.path.basename(name) or "part"
        labdir.write_file(scripts_dir / safe, payload, 0o700)
        outcome.scripts_not_run.append(safe)
    log.warning("instance %s: user-data shell scripts %s written to %s, not run (the lab's instances "
                "share the host's file system outside /home, /root and /etc/ssh)",
                record.instance_id, outcome.scripts_not_run, scripts_dir)


def fingerprint_tables(home: Path, outcome: BootOutcome) -> str:
    """The ci-info tables of one boot, from the instance's files as they are after users-groups."""
    text = ""
    for user, key_file, hash_meth in outcome.tables:
        path = home / user / ".ssh" / "authorized_keys"
        content = path.read_text() if path.exists() else None
        text += cloudinit_bridge.authkey_fingerprints_text(user, key_file, content, hash_meth)
    return text

