import AWSCore
import Testing

@Suite("Instance metadata settings (botocore IMDSFetcher)")
struct InstanceMetadataConfigurationTests {
    @Test("Defaults: IPv4, enabled, v1 allowed, 1 s, 1 attempt")
    func defaults() throws {
        let imds = try ConfigFixtures.configuration().instanceMetadata
        #expect(imds.endpoint.value.absoluteString == "http://169.254.169.254/")
        #expect(imds.endpoint.origin == .default)
        #expect(imds.isDisabled == ResolvedSetting(false, from: .default))
        #expect(imds.v1Disabled == ResolvedSetting(false, from: .default))
        #expect(imds.timeoutSeconds == ResolvedSetting(1, from: .default))
        #expect(imds.attempts == ResolvedSetting(1, from: .default))
    }

    @Test("Endpoint: custom > IPv6 mode > IPv4", arguments: [
        ([:], "", "http://169.254.169.254/"),
        (["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"], "", "http://[fd00:ec2::254]/"),
        ([:], "ec2_metadata_service_endpoint_mode = ipv6\n", "http://[fd00:ec2::254]/"),
        (["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "ipv4"], "ec2_metadata_service_endpoint_mode = ipv6\n", "http://169.254.169.254/"),
        (["AWS_IMDS_USE_IPV6": "true"], "", "http://[fd00:ec2::254]/"),
        ([:], "imds_use_ipv6 = True\n", "http://[fd00:ec2::254]/"),
        (["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv4", "AWS_IMDS_USE_IPV6": "true"], "", "http://169.254.169.254/"),
        (["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338/", "AWS_IMDS_USE_IPV6": "true"], "", "http://127.0.0.1:1338/"),
        ([:], "ec2_metadata_service_endpoint = https://imds.example/\n", "https://imds.example/"),
        (["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://[fd00:ec2:0::254]"], "", "http://[fd00:ec2:0::254]"),
    ] as [([String: String], String, String)])
    func endpoint(_ environment: [String: String], _ profile: String, _ url: String) throws {
        let imds = try ConfigFixtures.configuration(config: "[default]\n" + profile, environment: environment).instanceMetadata
        #expect(imds.endpoint.value.absoluteString == url)
    }

    @Test("Switches and numbers")
    func switches() throws {
        let imds = try ConfigFixtures.configuration(
            config: "[default]\nec2_metadata_v1_disabled = true\nmetadata_service_timeout = 5\n",
            environment: ["AWS_EC2_METADATA_DISABLED": "True", "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "3"]
        ).instanceMetadata
        #expect(imds.isDisabled == ResolvedSetting(true, from: .environment("AWS_EC2_METADATA_DISABLED")))
        #expect(imds.v1Disabled.value)
        #expect(imds.timeoutSeconds.value == 5)
        #expect(imds.attempts == ResolvedSetting(3, from: .environment("AWS_METADATA_SERVICE_NUM_ATTEMPTS")))
    }

    @Test("AWS_EC2_METADATA_DISABLED is read from the environment only")
    func disabledOnlyFromEnvironment() throws {
        let imds = try ConfigFixtures.configuration(config: "[default]\nec2_metadata_disabled = true\n").instanceMetadata
        #expect(!imds.isDisabled.value)
    }

    @Test("Errors")
    func errors() {
        #expect(throws: AWSConfigError.invalidInstanceMetadataEndpointMode(.init("v6", from: .environment("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")))) {
            try ConfigFixtures.configuration(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "v6"])
        }
        let remote = ResolvedSetting("http://metadata.example/", from: .environment("AWS_EC2_METADATA_SERVICE_ENDPOINT"))
        let error = AWSConfigError.invalidInstanceMetadataEndpoint(remote, problem: .plainHTTPNotAllowed(
            host: "metadata.example", allowed: "loopback hosts and the metadata service (169.254.169.254, fd00:ec2::254)"))
        #expect(throws: error) { try ConfigFixtures.configuration(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": remote.value]) }
        #expect(throws: AWSConfigError.invalidNumber(
            setting: "metadata_service_timeout", value: .init("0", from: .environment("AWS_METADATA_SERVICE_TIMEOUT")), minimum: 1)
        ) {
            try ConfigFixtures.configuration(environment: ["AWS_METADATA_SERVICE_TIMEOUT": "0"])
        }
    }
}
