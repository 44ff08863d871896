"""Cross-account AMI sharing, as AWS does it and moto does not.

AWS behaviour: DescribeImages lists "public images, private images that you own, and private images
owned by other AWS accounts for which you have explicit launch permissions"; ``ExecutableUsers=self``
gives AMIs shared with you; ``Owners`` scopes by owner
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html).  A shared AMI can be
launched by the accounts it is shared with
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-explicit.html) and copied by them
only when its snapshots carry createVolumePermission for them
(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/CopyingAMIs.html#copy-ami-across-accounts).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from labkit import register_base_image


def _code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def _ids(images) -> set[str]:
    return {i["ImageId"] for i in images}


def test_private_image_is_invisible_and_unlaunchable_to_other_accounts(lab):
    """Without a launch permission another account cannot describe or launch the AMI."""
    a, b = lab.account(), lab.account()
    image = register_base_image(a, "private-one")
    with pytest.raises(ClientError) as e:
        b.ec2.describe_images(ImageIds=[image])
    assert _code(e) == "InvalidAMIID.NotFound"
    assert image not in _ids(b.ec2.describe_images()["Images"])
    assert image not in _ids(b.ec2.describe_images(ExecutableUsers=["self"])["Images"])
    assert b.ec2.describe_images(Owners=[a.account_id])["Images"] == []
    with pytest.raises(ClientError) as e:
        b.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)
    assert _code(e) == "InvalidAMIID.NotFound"


def test_launch_permission_makes_image_visible_and_launchable(lab):
    """A launch permission for B: B sees it by ImageId, ExecutableUsers=self, Owners=[A] and in the
    default listing, with OwnerId A; B can launch it; a third account still cannot see it."""
    a, b, c = lab.account(), lab.account(), lab.account()
    image = register_base_image(a, "shared-one", login_user="ec2-user")
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})

    by_id = b.ec2.describe_images(ImageIds=[image])["Images"]
    assert [(i["ImageId"], i["OwnerId"], i["Public"]) for i in by_id] == [(image, a.account_id, False)]
    assert image in _ids(b.ec2.describe_images(ExecutableUsers=["self"])["Images"])
    assert image in _ids(b.ec2.describe_images(Owners=[a.account_id])["Images"])
    assert image in _ids(b.ec2.describe_images()["Images"])
    assert image not in _ids(b.ec2.describe_images(Owners=["self"])["Images"])
    assert b.ec2.describe_images(ImageIds=[image], Owners=["self"])["Images"] == []  # intersection
    # Tags are per account: B does not see (or filter on) the owner's tags.
    assert "Tags" not in by_id[0] or by_id[0]["Tags"] == []
    assert a.ec2.describe_images(ImageIds=[image])["Images"][0]["Tags"]
    assert b.ec2.describe_images(Filters=[{"Name": "tag:amikey-lab:login-user", "Values": ["ec2-user"]}])["Images"] == []

    instance = b.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]
    assert instance["ImageId"] == image
    b.ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])

    with pytest.raises(ClientError) as e:
        c.ec2.describe_images(ImageIds=[image])
    assert _code(e) == "InvalidAMIID.NotFound"

    # The owner's own view is unchanged: it still reads and edits the permission.
    perms = a.ec2.describe_image_attribute(ImageId=image, Attribute="launchPermission")["LaunchPermissions"]
    assert perms == [{"UserId": b.account_id}]


def test_removing_the_permission_hides_the_image_again(lab):
    """RemoveLaunchPermission: B loses sight of the AMI."""
    a, b = lab.account(), lab.account()
    image = register_base_image(a, "unshared-later")
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})
    assert b.ec2.describe_images(ImageIds=[image])["Images"]
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Remove": [{"UserId": b.account_id}]})
    with pytest.raises(ClientError):
        b.ec2.describe_images(ImageIds=[image])


def test_public_image_is_visible_to_everyone(lab):
    """Group=all makes the AMI public: any account sees it (ExecutableUsers=all) and can launch it."""
    a, c = lab.account(), lab.account()
    image = register_base_image(a, "public-one")
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
    found = c.ec2.describe_images(ImageIds=[image])["Images"][0]
    assert found["Public"] is True and found["OwnerId"] == a.account_id
    assert image in _ids(c.ec2.describe_images(ExecutableUsers=["all"])["Images"])
    instance = c.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)["Instances"][0]
    c.ec2.terminate_instances(InstanceIds=[instance["InstanceId"]])


def test_only_the_owner_changes_or_reads_permissions(lab):
    """B cannot modify A's shared image, nor read its launch permissions; it can read its description."""
    a, b = lab.account(), lab.account()
    image = a.ec2.register_image(Name="owned", Description="A's image")["ImageId"]
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})
    with pytest.raises(ClientError) as e:
        b.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
    assert _code(e) == "AuthFailure"
    with pytest.raises(ClientError) as e:
        b.ec2.describe_image_attribute(ImageId=image, Attribute="launchPermission")
    assert _code(e) == "AuthFailure"
    described = b.ec2.describe_image_attribute(ImageId=image, Attribute="description")
    assert described["Description"]["Value"] == "A's image"
    assert a.ec2.describe_images(ImageIds=[image])["Images"][0]["Public"] is False


def test_copy_needs_create_volume_permission_on_the_snapshots(lab):
    """B can copy A's shared AMI only once A grants createVolumePermission on its snapshot; the copy
    is B's (OwnerId B), private, and a third account cannot copy."""
    a, b, c = lab.account(), lab.account(), lab.account()
    image = register_base_image(a, "copy-me")
    a.ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"UserId": b.account_id}]})
    with pytest.raises(ClientError) as e:
        b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy")
    assert _code(e) == "InvalidRequest"
    assert "permission to access the storage" in e.value.response["Error"]["Message"]

    snapshot = a.ec2.describe_images(ImageIds=[image])["Images"][0]["BlockDeviceMappings"][0]["Ebs"]["SnapshotId"]
    a.ec2.modify_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission",
                                    CreateVolumePermission={"Add": [{"UserId": b.account_id}]})
    copy = b.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy")["ImageId"]
    copied = b.ec2.describe_images(ImageIds=[copy])["Images"][0]
    assert copied["OwnerId"] == b.account_id and copied["Public"] is False
    assert b.ec2.describe_image_attribute(ImageId=copy, Attribute="launchPermission")["LaunchPermissions"] == []

    with pytest.raises(ClientError) as e:
        c.ec2.copy_image(SourceImageId=image, SourceRegion="us-east-1", Name="copy")
    assert _code(e) == "InvalidAMIID.NotFound"
