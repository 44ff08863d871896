"""Idempotency tokens: RunInstances and CopyImage with ``ClientToken`` complete at most once.

moto 5.2.1 ignores ``ClientToken``: a retried RunInstances launches a second instance (and, in the
lab, boots a second sshd); a retried CopyImage makes a second image.  It also shows the token
``ABCDE`` on every instance launched without one, and DescribeInstances answers the ``client-token``
filter with a server error.  AWS behaviour reproduced here (tests/test_idempotency.py):

* "A client token is a unique, case-sensitive string of up to 64 ASCII characters."  "If you retry a
  request that completed successfully using the same client token and the same parameters, the retry
  succeeds without performing any further actions.  If you retry a successful request using the same
  client token, but one or more of the parameters are different, other than the Region or
  Availability Zone, the retry fails with an ``IdempotentParameterMismatch`` error."  Both RunInstances
  and CopyImage are in the documented list of actions "idempotent using a client token".
  https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html
* Tokens are per account and per Region ("Regional idempotency": "the exact same request, with the
  same client token, can be used to launch instances in a different Region").  RunInstances uses
  **zonal** idempotency when the request names an Availability Zone, explicitly
  (``Placement.AvailabilityZone``) or implicitly (``SubnetId``): the same token then launches once
  per zone.  (Same page, "RunInstances idempotency".)  The lab keys a RunInstances token by
  (account, region, zone or none, token) and a CopyImage token by (caller account, destination
  region, token).
* A repeated RunInstances returns the original response: "If you repeat a request, the same response
  is returned for each repeated request.  The only information that might vary in the response is the
  state of the instance."  The token "is included in the response when you describe the instance"
  (``clientToken``; an instance launched without one shows it empty, ``<clientToken/>``, as AWS's
  responses do) and "is valid for at least 24 hours after the termination of the instance", so a
  retry after termination returns the terminated instance and launches nothing.  The lab keeps
  tokens until ``/moto-api/reset``.
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Run_Instance_Idempotency.html (the older
  page of the same guide)
* DescribeInstances filter ``client-token``: "The idempotency token you provided when you launched
  the instance."  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html

Only a request that succeeded records its token: a failed launch (or a DryRun) can be retried with
the same token.  Two requests with the same token at the same time run one after the other, so the
second one sees the first one's result.  The patch sits at the response layer, in front of the
backend methods the other patches wrap: a repeated token never reaches ``patch_instances`` (no second
sshd boots), ``patch_sharing.copy_image`` (no second image content) or ``patch_pending`` (an instance
still pending keeps counting its polls).

Unverified (no AWS documentation found): the mismatch message, "Arguments on this idempotent request
are inconsistent with arguments used in previous request(s).", is the one AWS returns for
RunInstances as quoted in user reports (https://github.com/rust-lang/bors/issues/830,
https://serverfault.com/questions/818956); the lab uses it for CopyImage too.  The error for a token
longer than 64 characters or not ASCII is the lab's own (``InvalidParameterValue``); the 64-character
limit is the developer guide's for every action (botocore's model of CopyImage allows 128).  Which
parameters count as "the same" is the lab's reading: every request parameter except the token, ``DryRun``,
``Action``, ``Version`` and (for a zonal RunInstances) the zone, compared as sent.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from moto.core.responses import ActionResult
from moto.ec2 import utils as ec2_utils
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.responses.amis import AmisResponse
from moto.ec2.responses.instances import InstanceResponse
from moto.moto_api._internal.models import MotoAPIBackend

MAX_TOKEN_LENGTH = 64
_NOT_COMPARED = {"Action", "Version", "ClientToken", "DryRun"}
_RUN_STATE_PATH = "RunInstances.Reservation.Instances.Instance.State"


class IdempotentParameterMismatch(EC2ClientError):
    def __init__(self) -> None:
        super().__init__("IdempotentParameterMismatch",
                         "Arguments on this idempotent request are inconsistent with arguments used in "
                         "previous request(s).")


class InvalidClientToken(EC2ClientError):
    def __init__(self, token: str) -> None:
        super().__init__("InvalidParameterValue",
                         f"Value ({token}) for parameter clientToken is invalid. "
                         f"A client token is at most {MAX_TOKEN_LENGTH} ASCII characters.")


class _Ledger:
    """Completed requests by token key: (the parameters they were made with, what they returned).
    One lock per key makes a request wait for another one with the same token."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: dict[tuple, tuple[tuple, Any]] = {}
        self._key_locks: dict[tuple, threading.Lock] = {}

    def key_lock(self, key: tuple) -> threading.Lock:
        with self._lock:
            return self._key_locks.setdefault(key, threading.Lock())

    def get(self, key: tuple) -> tuple[tuple, Any] | None:
        with self._lock:
            return self._done.get(key)

    def put(self, key: tuple, params: tuple, result: Any) -> None:
        with self._lock:
            self._done[key] = (params, result)

    def clear(self) -> None:
        with self._lock:
            self._done.clear()
            self._key_locks.clear()


_runs = _Ledger()     # (account, region, zone | None, token) -> reservation and its instances
_copies = _Ledger()   # (account, destination region, token) -> new image id


def _token(response: Any) -> str | None:
    """The request's ClientToken, checked; None when there is none (or it is empty)."""
    token = response._get_param("ClientToken")
    if not token:
        return None
    if len(token) > MAX_TOKEN_LENGTH or not token.isascii():
        raise InvalidClientToken(token)
    return token


def _dry_run(response: Any) -> bool:
    return str(response._get_param("DryRun", "false")).lower() == "true"


def _parameters(response: Any, also_ignored: set[str] = frozenset()) -> tuple:
    """Every request parameter as sent, but the token and the protocol's own fields."""
    ignored = _NOT_COMPARED | set(also_ignored)
    return tuple(sorted((name, tuple(values)) for name, values in response.querystring.items()
                        if name not in ignored and not name.startswith("X-Amz-")))


def _zone(response: InstanceResponse) -> str | None:
    """The Availability Zone the request names, explicitly or through its subnet (zonal idempotency)."""
    zone = response._get_param("Placement.AvailabilityZone")
    if zone:
        return zone
    subnet_id = response._get_param("SubnetId")
    if subnet_id:
        try:
            return response.ec2_backend.get_subnet(subnet_id).availability_zone
        except EC2ClientError:
            return None  # moto's own RunInstances reports the unknown subnet
    return None


def _once(ledger: _Ledger, key: tuple, params: tuple, run, replay) -> Any:
    with ledger.key_lock(key):
        done = ledger.get(key)
        if done is not None:
            if done[0] != params:
                raise IdempotentParameterMismatch()
            return replay(done[1])
        result, remembered = run()
        ledger.put(key, params, remembered)
        return result


_run_instances = InstanceResponse.run_instances


def run_instances(self: InstanceResponse) -> Any:
    token = _token(self)
    if token is None or _dry_run(self):
        result = _run_instances(self)
        if token is None and not _dry_run(self):
            for instance in result.result.instances:
                instance.client_token = ""   # moto's placeholder is "ABCDE"; AWS shows none
        return result

    zone = _zone(self)
    key = (self.current_account, self.region, zone, token)
    params = _parameters(self, {"Placement.AvailabilityZone"} if zone else set())

    def launch() -> tuple[Any, Any]:
        result = _run_instances(self)
        reservation = result.result
        return result, (reservation, list(reservation.instances))

    def replay(remembered: Any) -> Any:
        # The original reservation and instances, as they are now (state may have changed); nothing
        # is launched, so patch_instances never boots another sshd and patch_pending marks nothing.
        reservation, instances = remembered
        view = copy.copy(reservation)
        view.instances = list(instances)
        # moto writes every RunInstances answer's state as ``pending``; a replay shows the state now.
        self.RESPONSE_KEY_PATH_TO_TRANSFORMER = {
            path: transform for path, transform in type(self).RESPONSE_KEY_PATH_TO_TRANSFORMER.items()
            if path != _RUN_STATE_PATH}
        return ActionResult(view)

    return _once(_runs, key, params, launch, replay)


_copy_image = AmisResponse.copy_image


def copy_image(self: AmisResponse) -> Any:
    token = _token(self)
    if token is None or _dry_run(self):
        return _copy_image(self)
    key = (self.current_account, self.region, token)

    def make_copy() -> tuple[Any, Any]:
        result = _copy_image(self)
        return result, result.result["ImageId"]

    def replay(image_id: str) -> Any:
        return ActionResult({"ImageId": image_id})

    return _once(_copies, key, _parameters(self), make_copy, replay)


def forget() -> None:
    """After ``/moto-api/reset`` the resources the tokens name no longer exist."""
    _runs.clear()
    _copies.clear()


def apply() -> None:
    # Wrap what is there at apply time, so that response patches applied earlier (patch_encryption's
    # CopyImage) run behind the token check.
    global _run_instances, _copy_image
    _run_instances, _copy_image = InstanceResponse.run_instances, AmisResponse.copy_image
    InstanceResponse.run_instances = run_instances
    AmisResponse.copy_image = copy_image
    # DescribeInstances ``client-token`` (moto: NotImplementedError, a 500).
    ec2_utils.filter_dict_attribute_mapping["client-token"] = "client_token"

    reset = MotoAPIBackend.reset

    def reset_and_forget(self: Any) -> None:
        reset(self)
        forget()

    MotoAPIBackend.reset = reset_and_forget
