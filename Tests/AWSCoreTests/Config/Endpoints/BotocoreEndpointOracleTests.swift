import AWSCore
import Testing

/// Endpoints and signing regions from botocore itself: a client is created for each case and one request is
/// captured just before it would be sent (no network), for every service, a region of every partition, FIPS,
/// dual-stack and STS legacy variants, and the configured-endpoint sources.
@Suite("Endpoints agree with botocore")
struct BotocoreEndpointOracleTests {
    struct Input: Encodable {
        let name: String
        let service: String
        let region: String
        var environment: [String: String] = [:]
        var config: String = ""
        var profile: String?
        var endpointURL: String?
    }

    struct Output: Decodable {
        let name: String
        let url: String?
        let signingRegion: String?
        let error: String?
    }

    static let script = #"""
import json, os, sys, tempfile
import botocore.session, botocore.loaders
from botocore.awsrequest import AWSResponse

class Raw:
    def stream(self, **kwargs):
        yield b''

OPERATIONS = {
    'ec2': ('describe_regions', {}),
    'sts': ('get_caller_identity', {}),
    'ssm': ('describe_instance_information', {}),
    'ec2-instance-connect': ('send_ssh_public_key', {'InstanceId': 'i-0123456789abcdef0', 'InstanceOSUser': 'ec2-user', 'SSHPublicKey': 'ssh-ed25519 ' + 'A' * 80}),
    'kms': ('list_keys', {}),
    'organizations': ('list_accounts', {}),
}
loader = botocore.loaders.create_loader()
directory = tempfile.mkdtemp()
base = {k: v for k, v in os.environ.items() if not k.startswith('AWS_')}
out = []
sessions = {}
for case in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(base)
    config = os.path.join(directory, 'config')
    with open(config, 'w') as f:
        f.write(case.get('config', ''))
    os.environ.update({'HOME': directory, 'AWS_CONFIG_FILE': config,
                       'AWS_SHARED_CREDENTIALS_FILE': os.path.join(directory, 'none'),
                       'AWS_EC2_METADATA_DISABLED': 'true'})
    os.environ.update(case.get('environment', {}))
    captured = {}
    def before_send(request, **kwargs):
        captured['url'] = request.url
        captured['authorization'] = request.headers.get('Authorization', b'')
        return AWSResponse(request.url, 200, {}, Raw())
    try:
        # Sessions read the environment live, so one per config file and profile is enough (and much faster).
        key = json.dumps([case.get('config', ''), case.get('profile'), case.get('environment', {}).get('AWS_PROFILE')])
        if key not in sessions:
            sessions[key] = botocore.session.Session(profile=case.get('profile'))
            sessions[key].register_component('data_loader', loader)
        session = sessions[key]
        client = session.create_client(case['service'], region_name=case['region'], endpoint_url=case.get('endpointURL'),
                                       aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret')
        client.meta.events.register('before-send', before_send)
        name, params = OPERATIONS[case['service']]
        try:
            getattr(client, name)(**params)
        except Exception:
            pass
        authorization = captured.get('authorization', b'')
        if isinstance(authorization, bytes):
            authorization = authorization.decode()
        scope = authorization.split('Credential=')[1].split(',')[0].split('/')
        # The URL the request really went to (the rule-set result), without the operation's trailing "/".
        url = captured['url'].split('?')[0]
        out.append({'name': case['name'], 'url': url[:-1] if url.endswith('/') else url, 'signingRegion': scope[2]})
    except Exception as e:
        out.append({'name': case['name'], 'error': type(e).__name__ + ': ' + str(e)})
json.dump(out, sys.stdout)
"""#

    static var corpus: [Input] {
        let services = ["ec2", "sts", "ssm", "ec2-instance-connect", "kms", "organizations"]
        let regions = [
            "us-east-1", "eu-west-1", "eu-south-1", "cn-north-1", "us-gov-east-1", "us-iso-west-1", "us-isob-east-1",
            "eu-isoe-west-1", "us-isof-east-1", "eusc-de-east-1", "mars-1", "aws-global",
        ]
        let variants: [[String: String]] = [
            [:], ["AWS_USE_FIPS_ENDPOINT": "true"], ["AWS_USE_DUALSTACK_ENDPOINT": "true"],
            ["AWS_USE_FIPS_ENDPOINT": "true", "AWS_USE_DUALSTACK_ENDPOINT": "true"], ["AWS_STS_REGIONAL_ENDPOINTS": "legacy"],
        ]
        var corpus: [Input] = []
        for service in services {
            // EC2 clients are slow to build (700 operations) and EC2 shares its rules with SSM: fewer regions.
            let regions = service == "ec2" ? ["us-east-1", "cn-north-1", "us-gov-east-1", "us-iso-west-1", "mars-1"] : regions
            for region in regions {
                for variant in variants {
                    if variant["AWS_STS_REGIONAL_ENDPOINTS"] != nil, service != "sts" { continue }
                    // botocore's legacy endpoints.json has no dual-stack variants for these two partitions and
                    // refuses them (EndpointVariantError); the rule sets, which we follow, allow them.
                    if variant["AWS_USE_DUALSTACK_ENDPOINT"] != nil, ["eu-isoe-west-1", "us-isof-east-1"].contains(region) { continue }
                    // For Organizations with dual-stack in these two partitions botocore signs for us-east-1, a
                    // fallback of its legacy resolver; we sign for the partition's global region.
                    if variant["AWS_USE_DUALSTACK_ENDPOINT"] != nil, service == "organizations",
                        ["us-iso-west-1", "us-isob-east-1"].contains(region) { continue }
                    let flags = variant.keys.sorted().joined(separator: "+")
                    corpus.append(Input(name: "\(service) \(region) \(flags)", service: service, region: region, environment: variant))
                }
            }
        }
        let services_ = "[profile p]\nendpoint_url = https://profile.example\nservices = s\n[services s]\n"
            + "ec2 =\n  endpoint_url = http://127.0.0.1:5000\nec2_instance_connect =\n  endpoint_url = https://eic.example/base\n"
        corpus += [
            Input(name: "services block", service: "ec2", region: "eu-west-1", config: services_, profile: "p"),
            Input(name: "services block with dashes", service: "ec2-instance-connect", region: "eu-west-1", config: services_, profile: "p"),
            Input(name: "profile endpoint_url", service: "sts", region: "eu-west-1", config: services_, profile: "p"),
            Input(name: "global env over services", service: "ec2", region: "eu-west-1",
                  environment: ["AWS_ENDPOINT_URL": "https://global.example"], config: services_, profile: "p"),
            Input(name: "service env over global env", service: "ec2-instance-connect", region: "eu-west-1",
                  environment: ["AWS_ENDPOINT_URL": "https://global.example", "AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT": "https://svc.example/p"],
                  config: services_, profile: "p"),
            Input(name: "explicit endpoint over everything", service: "ec2", region: "eu-west-1",
                  environment: ["AWS_ENDPOINT_URL_EC2": "https://svc.example"], config: services_, profile: "p",
                  endpointURL: "http://localhost:4566"),
            Input(name: "ignore from env", service: "ec2", region: "eu-west-1",
                  environment: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL": "https://g.example"],
                  config: services_, profile: "p"),
            Input(name: "ignore from profile", service: "ssm", region: "eu-west-1",
                  config: services_ + "[profile q]\nendpoint_url = https://x.example\nignore_configured_endpoint_urls = True\n", profile: "q"),
            Input(name: "env false beats profile true", service: "ssm", region: "eu-west-1",
                  environment: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"],
                  config: "[profile q]\nendpoint_url = https://x.example\nignore_configured_endpoint_urls = true\n", profile: "q"),
            Input(name: "ignore keeps the explicit endpoint", service: "kms", region: "eu-west-1",
                  environment: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], endpointURL: "https://explicit.example"),
            Input(name: "FIPS is ignored for a configured endpoint", service: "ec2", region: "us-east-1",
                  environment: ["AWS_USE_FIPS_ENDPOINT": "true", "AWS_ENDPOINT_URL": "https://custom.example"]),
            Input(name: "organizations signs for its own region with a configured endpoint", service: "organizations",
                  region: "eu-west-1", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"]),
            Input(name: "AWS_PROFILE selects the profile", service: "sts", region: "eu-west-1",
                  environment: ["AWS_PROFILE": "p"], config: services_),
            Input(name: "[DEFAULT] endpoint_url reaches the profile", service: "kms", region: "eu-west-1",
                  config: "[DEFAULT]\nendpoint_url = https://defaults.example\n[default]\nregion = eu-west-1\n"),
            Input(name: "STS legacy from the profile", service: "sts", region: "ap-south-1",
                  config: "[default]\nsts_regional_endpoints = legacy\n"),
        ]
        return corpus
    }

    @Test("Same endpoint URL and signing region as botocore")
    func agrees() throws {
        let corpus = Self.corpus
        let outputs = try BotocoreOracle.run(Self.script, input: corpus, as: [Output].self)
        try #require(outputs.count == corpus.count)
        for (input, output) in zip(corpus, outputs) {
            guard let url = output.url, let signingRegion = output.signingRegion else {
                Issue.record("\(input.name): botocore failed: \(output.error ?? "?")")
                continue
            }
            let configuration = try ConfigFixtures.configuration(
                config: input.config, environment: input.environment,
                commandLine: AWSCommandLineOverrides(profile: input.profile, endpointURL: input.endpointURL))
            let endpoint = try configuration.endpoint(for: AWSServiceID(name: input.service), region: input.region)
            #expect(endpoint.url.absoluteString == url, "\(input.name)")
            #expect(endpoint.signingRegion == signingRegion, "\(input.name)")
        }
    }
}
