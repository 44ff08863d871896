"""Describe facts amikey doctor reads: where an image came from, its billing fields, and an instance's
metadata options.

AWS behaviour checked (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html,
API_InstanceMetadataOptionsResponse.html, API_ModifyInstanceMetadataOptions.html;
https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/billing-info-fields.html).  Each test reads the
values through botocore, whose EC2 model names the XML elements, so a misspelt element fails too.
"""

from __future__ import annotations

from labkit import register_base_image, run_instance

LINUX_BILLING = {"PlatformDetails": "Linux/UNIX", "UsageOperation": "RunInstances"}
AWS_DEFAULT_METADATA_OPTIONS = {"State": "applied", "HttpTokens": "optional", "HttpPutResponseHopLimit": 1,
                                "HttpEndpoint": "enabled", "HttpProtocolIpv6": "disabled",
                                "InstanceMetadataTags": "disabled"}


def _image(account, image_id: str) -> dict:
    return account.ec2.describe_images(ImageIds=[image_id])["Images"][0]


def _instance(account, instance_id: str) -> dict:
    return account.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]


def _pick(record: dict, *keys: str) -> dict:
    return {k: record.get(k) for k in keys}


def test_create_image_names_its_source_instance_image_and_region(lab):
    """CreateImage: ``sourceInstanceId`` is "the ID of the instance that the AMI was created from ...
    only appears if the AMI was created using CreateImage"; ``sourceImageId``/``sourceImageRegion``
    name the AMI that instance was launched from and its Region (they appear for CreateImage and
    CopyImage, API_Image.html).  A Linux AMI bills as ``Linux/UNIX`` / ``RunInstances``."""
    a = lab.account()
    base = register_base_image(a, "facts-base")
    source = run_instance(a, base, None)
    made = a.ec2.create_image(InstanceId=source["InstanceId"], Name="facts-made")["ImageId"]
    assert _pick(_image(a, made), "SourceInstanceId", "SourceImageId", "SourceImageRegion",
                 "PlatformDetails", "UsageOperation") == {
        "SourceInstanceId": source["InstanceId"], "SourceImageId": base, "SourceImageRegion": "us-east-1",
        **LINUX_BILLING}


def test_registered_image_has_no_source_but_has_billing_fields(lab):
    """RegisterImage is none of CreateImage, CopyImage, CreateRestoreImageTask: no source fields."""
    a = lab.account()
    image = _image(a, register_base_image(a, "facts-registered"))
    assert _pick(image, "SourceInstanceId", "SourceImageId", "SourceImageRegion") == dict.fromkeys(
        ["SourceInstanceId", "SourceImageId", "SourceImageRegion"])
    assert _pick(image, *LINUX_BILLING) == LINUX_BILLING


def test_copy_image_names_the_image_it_copied(lab):
    """CopyImage: ``sourceImageId`` is the copied AMI and ``sourceImageRegion`` its Region; the copy
    was not made from an instance, so it has no ``sourceInstanceId``.  Billing codes carry over."""
    a = lab.account()
    source = run_instance(a, register_base_image(a, "facts-copy-base"), None)
    made = a.ec2.create_image(InstanceId=source["InstanceId"], Name="facts-copy-made")["ImageId"]
    copied = a.ec2.copy_image(SourceImageId=made, SourceRegion="us-east-1", Name="facts-copied")["ImageId"]
    assert _pick(_image(a, copied), "SourceInstanceId", "SourceImageId", "SourceImageRegion",
                 *LINUX_BILLING) == {
        "SourceInstanceId": None, "SourceImageId": made, "SourceImageRegion": "us-east-1", **LINUX_BILLING}


def test_shared_image_copied_by_another_account_names_the_owners_image(lab):
    """B copies A's shared AMI (launch and createVolume permission granted): B's copy names A's AMI as
    its source, the only way B can later tell where its copy came from."""
    a, b = lab.account(), lab.account()
    image = register_base_image(a, "facts-shared")
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})
    snapshot = _image(a, image)["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    a.ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Add": [{"UserId": b.account_id}]})
    copied = b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="facts-b-copy")["ImageId"]
    assert _pick(_image(b, copied), "OwnerId", "SourceImageId", "SourceImageRegion") == {
        "OwnerId": b.account_id, "SourceImageId": image, "SourceImageRegion": "us-east-1"}


def test_instance_has_aws_default_metadata_options_and_billing_fields(lab):
    """Without ``MetadataOptions``, RunInstances gives AWS's defaults (IMDSv1 and v2 both allowed:
    httpTokens ``optional``; hop limit 1; endpoint ``enabled``; IPv6 endpoint and tags ``disabled``),
    and the instance bills as its Linux AMI does."""
    a = lab.account()
    inst = _instance(a, run_instance(a, register_base_image(a, "facts-defaults"), None)["InstanceId"])
    assert inst["MetadataOptions"] == AWS_DEFAULT_METADATA_OPTIONS
    assert _pick(inst, *LINUX_BILLING) == LINUX_BILLING


def test_run_instances_metadata_options_are_kept(lab):
    """RunInstances ``MetadataOptions`` (IMDSv2 required, endpoint disabled, hop limit 2) show in
    DescribeInstances; options not given keep their defaults."""
    a = lab.account()
    image = register_base_image(a, "facts-imdsv2")
    launched = a.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, MetadataOptions={
        "HttpTokens": "required", "HttpEndpoint": "disabled", "HttpPutResponseHopLimit": 2})
    options = _instance(a, launched["Instances"][0]["InstanceId"])["MetadataOptions"]
    assert options == {**AWS_DEFAULT_METADATA_OPTIONS, "HttpTokens": "required", "HttpEndpoint": "disabled",
                       "HttpPutResponseHopLimit": 2}


def test_modify_instance_metadata_options_changes_only_what_it_is_given(lab):
    """ModifyInstanceMetadataOptions with only ``HttpTokens=required``: the response says ``pending``,
    later DescribeInstances says ``applied``; every option not given keeps its value ("If the
    parameter is not specified, the existing state is maintained")."""
    a = lab.account()
    launched = a.ec2.run_instances(ImageId=register_base_image(a, "facts-modify"), MinCount=1, MaxCount=1,
                                   MetadataOptions={"HttpPutResponseHopLimit": 3})
    instance_id = launched["Instances"][0]["InstanceId"]
    answer = a.ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpTokens="required")
    expected = {**AWS_DEFAULT_METADATA_OPTIONS, "HttpTokens": "required", "HttpPutResponseHopLimit": 3}
    assert answer["InstanceId"] == instance_id
    assert answer["InstanceMetadataOptions"] == {**expected, "State": "pending"}
    assert _instance(a, instance_id)["MetadataOptions"] == expected
    a.ec2.modify_instance_metadata_options(InstanceId=instance_id, HttpEndpoint="disabled")
    assert _instance(a, instance_id)["MetadataOptions"] == {**expected, "HttpEndpoint": "disabled"}
