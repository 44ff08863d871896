"""GetConsoleOutput per instance.

AWS returns each instance's own serial console output, base64-encoded, to the instance's owner
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetConsoleOutput.html).  moto returns one
constant 2006 Xen boot log for every instance.  The lab returns the log it wrote when the instance
booted (``console.py``: cloud-init's own table and host-key blocks from the instance's real files).
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ec2.responses.general import General
from moto.ec2.utils import Base64EncodedString

from . import lab as lab_module

_original = General.get_console_output


def get_console_output(self: General) -> Any:
    instance_id = self._get_param("InstanceId")
    instance = self.ec2_backend.get_instance(instance_id)  # owner check: NotFound in other accounts
    text = lab_module.LAB.console_output(instance.id) if lab_module.LAB is not None else None
    if text is None:
        return _original(self)
    return ActionResult({"InstanceId": instance.id, "Timestamp": utcnow(),
                         "Output": Base64EncodedString.from_raw_string(text)})


def apply() -> None:
    General.get_console_output = get_console_output
