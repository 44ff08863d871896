"""Describe facts that moto 5.2.1 leaves out or gets wrong: an image's origin and billing fields, and
instance metadata options that survive a partial ModifyInstanceMetadataOptions.

AWS behaviour reproduced (each tested in tests/test_facts.py):

* ``sourceImageId`` / ``sourceImageRegion`` on an image: "The ID of the source AMI from which the AMI
  was created ... only appears if the AMI was created using CreateImage, CopyImage, or
  CreateRestoreImageTask", and the Region of that source AMI
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html).  For CreateImage the
  source AMI is the one the instance was launched from; for CopyImage it is the image copied.
  moto already returns ``sourceInstanceId`` for CreateImage (and only for it), so that is left alone.
* ``platformDetails`` / ``usageOperation`` on images and instances: the billing fields, ``Linux/UNIX``
  and ``RunInstances`` for a Linux AMI, ``Windows`` and ``RunInstances:0002`` for Windows
  (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/billing-info-fields.html).  An instance has
  its AMI's values.
* ModifyInstanceMetadataOptions changes only the options it is given: "If the parameter is not
  specified, the existing state is maintained", and it "responds with a state of pending"; the new
  options show as ``applied`` in later DescribeInstances calls
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceMetadataOptions.html).
  moto replaces every option not given with nothing, so DescribeInstances loses ``httpTokens`` and
  the rest.  RunInstances ``MetadataOptions`` and the defaults (``optional``, hop limit 1, endpoint
  ``enabled``, IPv6 and tags ``disabled``) are moto's own and already match AWS.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.ec2.models.amis import Ami
from moto.ec2.models.instances import Instance, InstanceBackend, MetadataOptions

_ami_init = Ami.__init__

# Billing codes by moto's ``platform`` value (None = Linux/UNIX), from the billing-info-fields table.
_BILLING = {None: ("Linux/UNIX", "RunInstances"), "windows": ("Windows", "RunInstances:0002")}


def _billing(platform: str | None) -> tuple[str, str]:
    return _BILLING.get(platform, _BILLING[None])


def ami_init(self: Ami, ec2_backend: Any, ami_id: str, instance: Any = None, source_ami: Any = None,
             *args: Any, **kwargs: Any) -> None:
    _ami_init(self, ec2_backend, ami_id, instance, source_ami, *args, **kwargs)
    if instance is not None:
        self.source_image_id = instance.image_id
        self.source_image_region = ec2_backend.region_name
    elif source_ami is not None:
        self.source_image_id = source_ami.id
        self.source_image_region = source_ami.ec2_backend.region_name


def modify_instance_metadata_options(self: Any, instance_id: str, http_tokens: str | None = None,
                                     hop_limit: int | None = None, http_endpoint: str | None = None,
                                     dry_run: bool | None = False, http_protocol: str | None = None,
                                     metadata_tags: str | None = None) -> MetadataOptions:
    instance = self.get_instance(instance_id)
    current = instance.metadata_options
    applied = MetadataOptions({
        "State": "applied",
        "HttpTokens": http_tokens or current.http_tokens,
        "HttpPutResponseHopLimit": hop_limit if hop_limit is not None else current.http_put_response_hop_limit,
        "HttpEndpoint": http_endpoint or current.http_endpoint,
        "HttpProtocolIpv6": http_protocol or current.http_protocol_ipv6,
        "InstanceMetadataTags": metadata_tags or current.instance_metadata_tags,
    })
    instance.metadata_options = applied
    # The response shows the change in flight; the next DescribeInstances shows it applied.
    answer = copy.copy(applied)
    answer.state = "pending"
    return answer


def apply() -> None:
    # Images made any other way (RegisterImage) have no source image, as on AWS.
    Ami.source_image_id = None
    Ami.source_image_region = None
    Ami.__init__ = ami_init
    Ami.platform_details = property(lambda self: _billing(self.platform)[0])
    Ami.usage_operation = property(lambda self: _billing(self.platform)[1])
    Instance.platform_details = property(lambda self: _billing(self.platform)[0])
    Instance.usage_operation = property(lambda self: _billing(self.platform)[1])
    InstanceBackend.modify_instance_metadata_options = modify_instance_metadata_options
