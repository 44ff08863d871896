"""Optional ``pending`` states for a configurable number of polls (``--pending-polls N``).

On AWS a new instance is ``pending`` before ``running``
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html) and a new AMI is
``pending`` until its snapshots complete
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html, ``State``); clients must poll.
moto makes both final at once, so polling code never loops.  With N > 0 the lab shows a new instance
(RunInstances, StartInstances) as ``pending`` in the first N DescribeInstances calls its account makes
in that region, and a new image (CreateImage, CopyImage, RegisterImage) as ``pending`` in the first
N DescribeImages calls made in that region; the next call shows ``running`` / ``available``.
The sshd is up from the start: reachability is not what is being modelled.
"""

from __future__ import annotations

import threading
from typing import Any

from moto.ec2.models.amis import AmiBackend
from moto.ec2.models.instances import InstanceBackend, InstanceState
from moto.ec2.responses.amis import AmisResponse
from moto.ec2.responses.instances import InstanceResponse

_lock = threading.Lock()
_polls = 0
_images: dict[str, list[Any]] = {}      # ami id -> [ami, polls left]
_instances: dict[str, list[Any]] = {}   # instance id -> [instance, polls left]


def _tick(table: dict[str, list[Any]], belongs, finish) -> None:
    with _lock:
        for key, entry in list(table.items()):
            resource, left = entry
            if not belongs(resource):
                continue
            if left == 0:
                finish(resource)
                del table[key]
            else:
                entry[1] = left - 1


def _finish_instance(instance: Any) -> None:
    if instance._state.name == "pending":
        instance._state = InstanceState("running", 16)


def _finish_image(ami: Any) -> None:
    if ami.state == "pending":
        ami.state = "available"


def _mark_instance(instance: Any) -> None:
    instance._state = InstanceState("pending", 0)
    with _lock:
        _instances[instance.id] = [instance, _polls]


def _mark_image(ami: Any) -> None:
    ami.state = "pending"
    with _lock:
        _images[ami.id] = [ami, _polls]


def forget() -> None:
    """After ``/moto-api/reset`` the resources being counted no longer exist."""
    with _lock:
        _images.clear()
        _instances.clear()


def apply(polls: int) -> None:
    global _polls
    if polls <= 0:
        return
    _polls = polls

    run, start = InstanceBackend.run_instances, InstanceBackend.start_instances
    create, copy, register = AmiBackend.create_image, AmiBackend.copy_image, AmiBackend.register_image
    describe_instances, describe_images = InstanceResponse.describe_instances, AmisResponse.describe_images

    def run_instances(self: Any, *args: Any, **kwargs: Any) -> Any:
        reservation = run(self, *args, **kwargs)
        for instance in reservation.instances:
            if instance._state.name != "terminated":  # a failed launch (patch_encryption) is over
                _mark_instance(instance)
        return reservation

    def start_instances(self: Any, instance_ids: list[str]) -> Any:
        started = start(self, instance_ids)
        for instance, _previous in started:
            _mark_instance(instance)
        return started

    def image_maker(original):
        def make(self: Any, *args: Any, **kwargs: Any) -> Any:
            ami = original(self, *args, **kwargs)
            _mark_image(ami)
            return ami
        return make

    def describe_instances_response(self: InstanceResponse) -> Any:
        backend = self.ec2_backend
        _tick(_instances, lambda i: i.ec2_backend is backend, _finish_instance)
        return describe_instances(self)

    def describe_images_response(self: AmisResponse) -> Any:
        region = self.ec2_backend.region_name
        _tick(_images, lambda a: a.ec2_backend.region_name == region, _finish_image)
        return describe_images(self)

    InstanceBackend.run_instances = run_instances
    InstanceBackend.start_instances = start_instances
    AmiBackend.create_image = image_maker(create)
    AmiBackend.copy_image = image_maker(copy)
    AmiBackend.register_image = image_maker(register)
    InstanceResponse.describe_instances = describe_instances_response
    AmisResponse.describe_images = describe_images_response
