/// moto 5.2.1 bodies for DescribeSecurityGroups and DescribeSubnets, captured like `MotoFixtures.responses` (a
/// botocore `after-call` handler recording `http_response.content`) by the script at the end of this file.
extension MotoFixtures {
    static let networkResponses: [String: (status: Int, body: String)] = [
        "ec2.describeSecurityGroups": (
            200,
            #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><securityGroupInfo><item><groupId>sg-4b73a47c3d10ec387</groupId><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissionsEgress><tagSet/><vpcId>vpc-2e93bbc7a579f5865</vpcId><securityGroupArn>arn:aws:ec2:us-east-1:123456789012:security-group/sg-4b73a47c3d10ec387</securityGroupArn><ownerId>123456789012</ownerId><groupName>amikey-ssh</groupName><groupDescription>ssh in</groupDescription><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups/><ipRanges><item><description>office</description><cidrIp>203.0.113.0/24</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissions></item></securityGroupInfo><requestId>request-id</requestId></DescribeSecurityGroupsResponse>
"""#),
        "ec2.describeSubnets": (
            200,
            #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><subnetSet><item><availabilityZoneId>use1-az6</availabilityZoneId><ownerId>123456789012</ownerId><assignIpv6AddressOnCreation>false</assignIpv6AddressOnCreation><ipv6CidrBlockAssociationSet/><tagSet/><subnetArn>arn:aws:ec2:us-east-1:123456789012:subnet/subnet-6e486025a335e4f76</subnetArn><ipv6Native>false</ipv6Native><privateDnsNameOptionsOnLaunch><hostnameType>ip-name</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord><enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord></privateDnsNameOptionsOnLaunch><subnetId>subnet-6e486025a335e4f76</subnetId><state>available</state><vpcId>vpc-2e93bbc7a579f5865</vpcId><cidrBlock>10.1.1.0/24</cidrBlock><availableIpAddressCount>251</availableIpAddressCount><availabilityZone>us-east-1a</availabilityZone><defaultForAz>false</defaultForAz><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></item></subnetSet><requestId>request-id</requestId></DescribeSubnetsResponse>
"""#),
    ]
}

// Capture script (python3, boto3/botocore 1.43.11) against `MOTO_EC2_LOAD_DEFAULT_AMIS=false moto_server -p 5139`:
//
// import urllib.request, boto3
// URL = 'http://127.0.0.1:5139'; captured = {}
// ec2 = boto3.client('ec2', region_name='us-east-1', endpoint_url=URL, aws_access_key_id='testing',
//                    aws_secret_access_key='testing')
// ec2.meta.events.register('after-call', lambda http_response, model, **_: captured.setdefault(model.name, []).append(
//     (http_response.status_code, http_response.content.decode())))
// urllib.request.urlopen(urllib.request.Request(URL + '/moto-api/reset', method='POST'))
// vpc = ec2.create_vpc(CidrBlock='10.1.0.0/16')['Vpc']['VpcId']
// sg = ec2.create_security_group(GroupName='amikey-ssh', Description='ssh in', VpcId=vpc)['GroupId']
// ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{'IpProtocol': 'tcp', 'FromPort': 22, 'ToPort': 22,
//     'IpRanges': [{'CidrIp': '203.0.113.0/24', 'Description': 'office'}]}])
// ec2.describe_security_groups(GroupIds=[sg])
// subnet = ec2.create_subnet(VpcId=vpc, CidrBlock='10.1.1.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
// ec2.describe_subnets(SubnetIds=[subnet])
// for name in ['DescribeSecurityGroups', 'DescribeSubnets']: print(name, captured[name])
