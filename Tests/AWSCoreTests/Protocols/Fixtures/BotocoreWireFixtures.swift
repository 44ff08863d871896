import AWSCore

// Response bodies from botocore's own parser tests, boto/botocore@0e6e2404b85dc336dd2889814e089bde7d1a4c55,
// `tests/unit/response_parsing/xml/<path>` (Apache-2.0). botocore pairs each with the parsed result
// it expects (`<name>.json` beside it); the tests here check the same values. The status codes are
// ours: the fixtures hold bodies only (errors: EC2 400 for a malformed id, STS 403 for AccessDenied).
enum BotocoreWireFixtures {

    /// `responses/ec2-describe-instances.xml`.
    static let describeInstances = responseFixture(
        status: 200,
        body: #"""
<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2014-06-15/">
    <requestId>d15d204f-fc31-4600-85d3-5c86e5483b92</requestId>
    <reservationSet>
        <item>
            <reservationId>r-9b4f3ca8</reservationId>
            <ownerId>123456789012</ownerId>
            <groupSet>
                <item>
                    <groupId>sg-4e970e7e</groupId>
                    <groupName>notebook</groupName>
                </item>
            </groupSet>
            <instancesSet>
                <item>
                    <instanceId>i-fde9cece</instanceId>
                    <imageId>ami-30fe7300</imageId>
                    <instanceState>
                        <code>80</code>
                        <name>stopped</name>
                    </instanceState>
                    <privateDnsName/>
                    <dnsName/>
                    <reason>User initiated (2013-03-01 17:24:16 GMT)</reason>
                    <keyName>aws</keyName>
                    <amiLaunchIndex>0</amiLaunchIndex>
                    <productCodes/>
                    <instanceType>m1.small</instanceType>
                    <launchTime>2012-10-16T20:00:13.000Z</launchTime>
                    <placement>
                        <availabilityZone>us-west-2a</availabilityZone>
                        <groupName/>
                        <tenancy>default</tenancy>
                    </placement>
                    <kernelId>aki-98e26fa8</kernelId>
                    <monitoring>
                        <state>disabled</state>
                    </monitoring>
                    <groupSet>
                        <item>
                            <groupId>sg-4e970e7e</groupId>
                            <groupName>notebook</groupName>
                        </item>
                    </groupSet>
                    <stateReason>
                        <code>Client.UserInitiatedShutdown</code>
                        <message>Client.UserInitiatedShutdown: User initiated shutdown</message>
                    </stateReason>
                    <architecture>x86_64</architecture>
                    <rootDeviceType>ebs</rootDeviceType>
                    <rootDeviceName>/dev/sda1</rootDeviceName>
                    <blockDeviceMapping>
                        <item>
                            <deviceName>/dev/sda1</deviceName>
                            <ebs>
                                <volumeId>vol-bc71579a</volumeId>
                                <status>attached</status>
                                <attachTime>2012-10-16T20:00:21.000Z</attachTime>
                                <deleteOnTermination>true</deleteOnTermination>
                            </ebs>
                        </item>
                    </blockDeviceMapping>
                    <virtualizationType>paravirtual</virtualizationType>
                    <clientToken/>
                    <tagSet>
                        <item>
                            <key>notebook</key>
                            <value/>
                        </item>
                    </tagSet>
                    <hypervisor>xen</hypervisor>
                    <networkInterfaceSet/>
                    <ebsOptimized>false</ebsOptimized>
                </item>
            </instancesSet>
        </item>
        <item>
            <reservationId>r-6670ce54</reservationId>
            <ownerId>123456789012</ownerId>
            <groupSet>
                <item>
                    <groupId>sg-72334242</groupId>
                    <groupName>quicklaunch-1</groupName>
                </item>
            </groupSet>
            <instancesSet>
                <item>
                    <instanceId>i-78f1b94a</instanceId>
                    <imageId>ami-c4d643f4</imageId>
                    <instanceState>
                        <code>16</code>
                        <name>running</name>
                    </instanceState>
                    <privateDnsName>ip-10-253-17-74.us-west-2.compute.internal</privateDnsName>
                    <dnsName>ec2-54-245-16-142.us-west-2.compute.amazonaws.com</dnsName>
                    <reason/>
                    <keyName>aws</keyName>
                    <amiLaunchIndex>0</amiLaunchIndex>
                    <productCodes/>
                    <instanceType>m1.medium</instanceType>
                    <launchTime>2013-03-12T01:55:59.000Z</launchTime>
                    <placement>
                        <availabilityZone>us-west-2b</availabilityZone>
                        <groupName/>
                        <tenancy>default</tenancy>
                    </placement>
                    <platform>windows</platform>
                    <monitoring>
                        <state>disabled</state>
                    </monitoring>
                    <privateIpAddress>10.253.17.74</privateIpAddress>
                    <ipAddress>54.245.16.142</ipAddress>
                    <groupSet>
                        <item>
                            <groupId>sg-72334242</groupId>
                            <groupName>quicklaunch-1</groupName>
                        </item>
                    </groupSet>
                    <architecture>x86_64</architecture>
                    <rootDeviceType>ebs</rootDeviceType>
                    <rootDeviceName>/dev/sda1</rootDeviceName>
                    <blockDeviceMapping>
                        <item>
                            <deviceName>/dev/sda1</deviceName>
                            <ebs>
                                <volumeId>vol-a8d2e991</volumeId>
                                <status>attached</status>
                                <attachTime>2013-03-09T16:44:07.000Z</attachTime>
                                <deleteOnTermination>true</deleteOnTermination>
                            </ebs>
                        </item>
                    </blockDeviceMapping>
                    <virtualizationType>hvm</virtualizationType>
                    <clientToken>aOJaC1362847444140</clientToken>
                    <hypervisor>xen</hypervisor>
                    <networkInterfaceSet/>
                    <ebsOptimized>false</ebsOptimized>
                </item>
            </instancesSet>
        </item>
    </reservationSet>
</DescribeInstancesResponse>
"""#)

    /// `responses/ec2-describe-key-pairs.xml`.
    static let describeKeyPairs = responseFixture(
        status: 200,
        body: #"""
<?xml version="1.0" encoding="UTF-8"?>
<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2014-06-15/">
    <requestId>f01984fe-0227-46e0-bd34-86fadf256477</requestId>
    <keySet>
        <item>
            <keyName>aws</keyName>
            <keyFingerprint>d1:15:f0:ce:7f:ee:94:b5:f2:76:d0:9a:bd:b2:30:18</keyFingerprint>
        </item>
    </keySet>
</DescribeKeyPairsResponse>
"""#)

    /// `responses/ec2-import-key-pair.xml`.
    static let importKeyPair = responseFixture(
        status: 200,
        body: #"""
<ImportKeyPairResponse xmlns="http://ec2.amazonaws.com/doc/2014-06-15/">
   <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
   <keyName>gsg-keypair</keyName>
   <keyFingerprint>00:00:00: 00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00</keyFingerprint>
</ImportKeyPairResponse>
"""#)

    /// `responses/ec2-stop-instances.xml`.
    static let stopInstances = responseFixture(
        status: 200,
        body: #"""
<StopInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2014-06-15/">
  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
  <instancesSet>
    <item>
      <instanceId>i-10a64379</instanceId>
      <currentState>
          <code>64</code>
          <name>stopping</name>
      </currentState>
      <previousState>
          <code>16</code>
          <name>running</name>
      </previousState>
    </item>
  </instancesSet>
</StopInstancesResponse>
"""#)

    /// `responses/ec2-describe-snapshots.xml`.
    static let describeSnapshots = responseFixture(
        status: 200,
        body: #"""
<?xml version="1.0" encoding="UTF-8"?>
<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2014-06-15/">
    <requestId>928b3baf-8729-4285-a244-1c47c8114916</requestId>
    <snapshotSet>
        <item>
            <snapshotId>snap-b253e6da</snapshotId>
            <volumeId>vol-ee102886</volumeId>
            <status>completed</status>
            <startTime>2011-12-27T17:20:21.000Z</startTime>
            <progress>100%</progress>
            <ownerId>123456789012</ownerId>
            <volumeSize>10</volumeSize>
            <description>Proxy Sniffer Data Disk NTFS 10 GB</description>
        </item>
        <item>
            <snapshotId>snap-b6bf0cde</snapshotId>
            <volumeId>vol-213dd14a</volumeId>
            <status>completed</status>
            <startTime>2012-01-08T00:41:31.000Z</startTime>
            <progress>100%</progress>
            <ownerId>123456789012</ownerId>
            <volumeSize>90</volumeSize>
            <description/>
        </item>
        <item>
            <snapshotId>snap-1e099276</snapshotId>
            <volumeId>vol-4ab8dc22</volumeId>
            <status>completed</status>
            <startTime>2012-02-22T17:25:10.000Z</startTime>
            <progress>100%</progress>
            <ownerId>123456789012</ownerId>
            <volumeSize>8</volumeSize>
            <description/>
        </item>
        <item>
            <snapshotId>snap-d63550be</snapshotId>
            <volumeId>vol-4d1b5c26</volumeId>
            <status>completed</status>
            <startTime>2012-02-23T22:26:43.000Z</startTime>
            <progress>100%</progress>
            <ownerId>123456789012</ownerId>
            <volumeSize>1</volumeSize>
            <description>pvlinux-debian-6.0-x86_0.7.0.62_120223_172028</description>
        </item>
    </snapshotSet>
</DescribeSnapshotsResponse>
"""#)

    /// `responses/ec2-modify-snapshot-attribute.xml`.
    static let modifySnapshotAttribute = responseFixture(
        status: 200,
        body: #"""
<ModifySnapshotAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2014-06-15/">
   <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
   <return>true</return>
</ModifySnapshotAttributeResponse>
"""#)

    /// `responses/sts-get-session-token.xml`.
    static let getSessionToken = responseFixture(
        status: 200,
        body: #"""
<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetSessionTokenResult>
    <Credentials>
      <SessionToken>AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT+FvwqnKwRcOIfrRh3c/L
       To6UDdyJwOOvEVPvLXCrrrUtdnniCEXAMPLE/IvU1dYUg2RVAJBanLiHb4IgRmpRV3z
       rkuWJOgQs8IZZaIv2BXIa2R4OlgkBN9bkUDNCJiBeb/AXlzBBko7b15fjrBs2+cTQtp
       Z3CYWFXG8C5zqx37wnOE49mRl/+OtkIKGO7fAE</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2011-07-11T19:55:29.611Z</Expiration>
      <AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
  </GetSessionTokenResult>
  <ResponseMetadata>
    <RequestId>58c5dbae-abef-11e0-8cfe-09039844ac7d</RequestId>
  </ResponseMetadata>
</GetSessionTokenResponse>
"""#)

    /// `errors/ec2-describe-instances.xml`.
    static let ec2ErrorMalformed = responseFixture(
        status: 400,
        body: #"""
<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Errors>
    <Error>
      <Code>InvalidInstanceID.Malformed</Code>
      <Message>Invalid id: "foobar"</Message>
    </Error>
  </Errors>
  <RequestID>dfb14b43-9a55-4d8e-b676-e8034d12bbeb</RequestID>
</Response>
"""#)

    /// `errors/sts-get-session-token.xml`.
    static let stsErrorAccessDenied = responseFixture(
        status: 403,
        body: #"""
<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>AccessDenied</Code>
    <Message>GetSessionToken call failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.</Message>
  </Error>
  <RequestId>8088f6eb-b7fb-11e2-8d25-4b9f3b52b80f</RequestId>
</ErrorResponse>
"""#)

}
