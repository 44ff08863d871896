/// More raw moto 5.2.1 response bodies, captured by the script at the end of this file the same way as
/// `MotoFixtures.responses` (a botocore `after-call` handler recording `http_response.content`).
extension MotoFixtures {
    static let moreResponses: [String: (status: Int, body: String)] = [
        "ec2.createTags": (
            200,
            #"""
<?xml version="1.0" encoding="utf-8"?>
<CreateTagsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><requestId>request-id</requestId></CreateTagsResponse>
"""#),
        "ec2.describeRegions": (
            200,
            #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><regionInfo><item><optInStatus>opt-in-not-required</optInStatus><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint></item><item><optInStatus>opt-in-not-required</optInStatus><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint></item></regionInfo><requestId>request-id</requestId></DescribeRegionsResponse>
"""#),
        "kms.createGrant": (
            200,
            #"""
{"GrantId": "d50c3507", "GrantToken": "d53dd041"}
"""#),
        "organizations.listAccounts": (
            200,
            #"""
{"Accounts": [{"Id": "123456789012", "Arn": "arn:aws:organizations::123456789012:account/o-g8w5vxiwwt/123456789012", "Email": "master@example.com", "Name": "master", "Status": "ACTIVE", "State": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": 1795975531.414024}, {"Id": "220529296043", "Arn": "arn:aws:organizations::123456789012:account/o-g8w5vxiwwt/220529296043", "Email": "target@example.com", "Name": "target", "Status": "ACTIVE", "State": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": 1795975531.428729}], "NextToken": null}
"""#),
    ]
}

// Capture script, run against a fresh moto_server (writes /tmp/moto_bodies_more.json).
//
// # Captures moto 5.2.1 bodies for CreateTags, DescribeRegions, KMS CreateGrant, Organizations ListAccounts.
// # Run against a moto_server on 127.0.0.1:5123 (after /moto-api/reset); writes /tmp/moto_bodies_more.json.
// import json, urllib.request, boto3
// URL = 'http://127.0.0.1:5123'
// captured = {}
// def client(service):
//     c = boto3.client(service, region_name='us-east-1', endpoint_url=URL, aws_access_key_id='testing',
//                      aws_secret_access_key='testing')
//     c.meta.events.register('after-call', lambda http_response, model, **_: captured.setdefault(model.name, []).append(
//         (http_response.status_code, http_response.content.decode())))
//     return c
// urllib.request.urlopen(urllib.request.Request(URL + '/moto-api/reset', method='POST'))
// ec2 = client('ec2'); kms = client('kms'); org = client('organizations')
// vol = ec2.create_volume(AvailabilityZone='us-east-1a', Size=8)['VolumeId']
// ec2.create_tags(Resources=[vol], Tags=[{'Key': 'amikey:run', 'Value': 'r1'}])
// ec2.describe_regions(RegionNames=['us-east-1', 'eu-west-1'])
// key = kms.create_key()['KeyMetadata']['KeyId']
// kms.create_grant(KeyId=key, GranteePrincipal='arn:aws:iam::222222222222:root', Operations=['Decrypt'], Name='amikey')
// org.create_organization(FeatureSet='ALL')
// org.create_account(AccountName='target', Email='target@example.com')
// org.list_accounts()
// json.dump(captured, open('/tmp/moto_bodies_more.json', 'w'), indent=1)
// for k, v in captured.items(): print(k, [s for s, _ in v])
