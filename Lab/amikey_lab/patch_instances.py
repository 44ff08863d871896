"""Instances backed by real sshd processes, images that carry their source instance's keys.

AWS behaviour reproduced (each tested in tests/test_instances.py and tests/test_seed_story.py):

* A running instance accepts SSH on its public address with the keys in its login user's
  ``authorized_keys``; a stopped or terminated one does not
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-linux-inst-ssh.html).
* At first boot cloud-init's ssh module appends the launch key pair's public key (from IMDS) to the
  default user's ``authorized_keys``, keeping the keys already there
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html, cloud-init cc_ssh).
  When the image's cloud-init does not run that module, the launch key is not installed.
* CreateImage copies the instance's public keys into the AMI; instances launched from it get them
  ("the public key material is copied from the instance to the AMI",
  https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/replacing-key-pair.html).
* StopInstances/StartInstances keep the disk; the public IPv4 address changes
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses).
  StartInstances on an instance that is already running changes nothing: the address stays (the address is only released "when your instance is stopped"); moto 5.2.1 restarts the
  instance's network interfaces anyway and hands out a new public IP, which the lab does not let it do.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from moto.ec2.models.amis import AmiBackend
from moto.ec2.models.instances import Instance, InstanceBackend
from moto.moto_api._internal.models import MotoAPIBackend

from . import lab as lab_module

log = logging.getLogger("amikey_lab")

_run = InstanceBackend.run_instances
_start = InstanceBackend.start_instances
_instance_start = Instance.start
_stop = InstanceBackend.stop_instances
_terminate = InstanceBackend.terminate_instances
_create_image = AmiBackend.create_image
_reset = MotoAPIBackend.reset


def run_instances(self: Any, image_id: str, count: int, user_data: Any, security_group_names: Any,
                  **kwargs: Any) -> Any:
    reservation = _run(self, image_id, count, user_data, security_group_names, **kwargs)
    lab = lab_module.LAB
    if lab is not None:
        for instance in reservation.instances:
            try:
                lab.boot(self, instance)
            except Exception:
                # An instance that cannot boot is terminated (as EC2 does with a failed launch) so the
                # API never shows a "running" instance without an sshd behind it.
                log.exception("instance %s failed to boot; terminating it", instance.id)
                instance.terminate()
                raise
    return reservation


def instance_start(self: Any) -> Any:
    if self._state.name in ("running", "pending"):
        return copy.copy(self._state)
    return _instance_start(self)


def start_instances(self: Any, instance_ids: list[str]) -> Any:
    started = _start(self, instance_ids)
    lab = lab_module.LAB
    if lab is not None:
        for instance, _previous in started:
            lab.restart(instance)
    return started


def stop_instances(self: Any, instance_ids: list[str]) -> Any:
    stopped = _stop(self, instance_ids)
    if lab_module.LAB is not None:
        for instance, _previous in stopped:
            lab_module.LAB.halt(instance.id, "stopped")
    return stopped


def terminate_instances(self: Any, instance_ids: list[str]) -> Any:
    terminated = _terminate(self, instance_ids)
    if lab_module.LAB is not None:
        for instance, _previous in terminated:
            lab_module.LAB.halt(instance.id, "terminated")
    return terminated


def create_image(self: Any, instance_id: str, name: str, description: str,
                 tag_specifications: list[dict[str, Any]]) -> Any:
    ami = _create_image(self, instance_id, name, description, tag_specifications)
    if lab_module.LAB is not None:
        lab_module.LAB.capture_image(ami, instance_id)
    return ami


def reset(self: Any) -> None:
    if lab_module.LAB is not None:
        lab_module.LAB.reset()
    _reset(self)


def apply() -> None:
    InstanceBackend.run_instances = run_instances
    InstanceBackend.start_instances = start_instances
    Instance.start = instance_start
    InstanceBackend.stop_instances = stop_instances
    InstanceBackend.terminate_instances = terminate_instances
    AmiBackend.create_image = create_image
    MotoAPIBackend.reset = reset
