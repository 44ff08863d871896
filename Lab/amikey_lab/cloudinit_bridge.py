"""cloud-init's own code, imported from the Debian ``cloud-init`` package.

The lab prints what a real instance's cloud-init prints and merges keys the way cloud-init merges
them, so it calls cloud-init instead of re-implementing it.  Debian installs cloud-init for the system
Python 3.11 under ``/usr/lib/python3/dist-packages``; the lab may run under another 3.11 (pyenv), so
that directory is appended to ``sys.path`` just for this import (appended, never prepended, so it
cannot shadow the packages moto was installed with) and removed again afterwards.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

DEBIAN_DIST_PACKAGES = "/usr/lib/python3/dist-packages"
WRITE_SSH_KEY_FINGERPRINTS = "/usr/lib/cloud-init/write-ssh-key-fingerprints"


class CloudInitMissing(ImportError):
    """The Debian cloud-init package is not installed (``apt-get install cloud-init``)."""


def _import(name: str) -> ModuleType:
    added = DEBIAN_DIST_PACKAGES not in sys.path
    if added:
        sys.path.append(DEBIAN_DIST_PACKAGES)
    try:
        return importlib.import_module(name)
    except ImportError as error:  # pragma: no cover - depends on the machine
        raise CloudInitMissing(
            f"cannot import {name} ({error}); install the Debian package: apt-get install cloud-init"
        ) from error
    finally:
        if added:
            sys.path.remove(DEBIAN_DIST_PACKAGES)


ssh_util = _import("cloudinit.ssh_util")
cc_ssh_authkey_fingerprints = _import("cloudinit.config.cc_ssh_authkey_fingerprints")
cc_final_message = _import("cloudinit.config.cc_final_message")
templater = _import("cloudinit.templater")
ci_util = _import("cloudinit.util")
ci_version = _import("cloudinit.version")

VERSION: str = ci_version.version_string()

# cc_ssh_authkey_fingerprints prints its table through util.multi_log(console=True), which writes to
# /dev/console of the machine running it.  The lab wants those bytes for one instance's console log,
# so multi_log is replaced by a collector: text written while a thread is collecting goes to that
# thread's buffer; otherwise the original function runs unchanged.
_collector = threading.local()
_original_multi_log = ci_util.multi_log


def _collecting_multi_log(text, console=True, stderr=True, log=None, **kwargs):
    buffer = getattr(_collector, "buffer", None)
    if buffer is None:
        return _original_multi_log(text, console=console, stderr=stderr, log=log, **kwargs)
    if console:
        buffer.append(text)
    return None


ci_util.multi_log = _collecting_multi_log


def parse_authorized_keys(text: str) -> list:
    """Parse authorized_keys text with cloud-init's ``AuthKeyLineParser`` (its entries keep options)."""
    parser = ssh_util.AuthKeyLineParser()
    return [parser.parse(line) for line in text.splitlines()]


def merge_authorized_keys(existing_text: str, new_lines: list[str], options: str | None = None) -> str:
    """What cloud-init's ssh module writes when it installs ``new_lines`` into an existing file.

    Mirrors ``ssh_util.setup_user_keys`` (which reads and writes host paths itself, so it cannot be
    pointed at an instance's files): new keys are parsed with ``options``, then
    ``ssh_util.update_authorized_keys`` keeps every existing entry, replaces entries with the same
    base64 blob and appends the rest.
    """
    parser = ssh_util.AuthKeyLineParser()
    old = [parser.parse(line) for line in existing_text.splitlines()]
    keys = [parser.parse(line, options=options) for line in new_lines]
    return ssh_util.update_authorized_keys(old, keys)


def disable_root_options(default_user: str) -> str:
    """The options cc_ssh's ``apply_credentials`` puts before the launch key in root's
    authorized_keys with the default ``disable_root: true`` (``ssh_util.DISABLE_USER_OPTS``): a login
    as root prints "Please login as the user ..." and exits 142."""
    return ssh_util.DISABLE_USER_OPTS.replace("$USER", default_user).replace("$DISABLE_USER", "root")


def authkey_fingerprints_text(user: str, key_file: str, authorized_keys_text: str | None,
                              hash_meth: str = "sha256") -> str:
    """The ``ci-info:`` lines ``cc_ssh_authkey_fingerprints`` prints for one user.

    ``authorized_keys_text`` is the file as the instance has it (None when it does not exist, which
    cloud-init reports the same way as an empty file).
    """
    entries = [] if authorized_keys_text is None else parse_authorized_keys(authorized_keys_text)
    _collector.buffer = []
    try:
        cc_ssh_authkey_fingerprints._pprint_key_entries(user, key_file, entries, hash_meth)
        return "".join(_collector.buffer)
    finally:
        _collector.buffer = None


def final_message(timestamp: str, datasource: str, uptime: str) -> str:
    """The default ``cc_final_message`` banner rendered with cloud-init's own template and renderer."""
    subs = {"uptime": uptime, "timestamp": timestamp, "version": VERSION, "datasource": datasource}
    subs.update({k.upper(): v for k, v in subs.items()})
    return templater.render_string(cc_final_message.FINAL_MESSAGE_DEF, subs).rstrip("\n")
