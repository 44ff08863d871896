import AWSCore
import Testing

@Suite("Endpoints: --endpoint-url > AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > [services] > endpoint_url > default")
struct EndpointResolutionTests {
    static let config = """
        [default]
        endpoint_url = https://profile.example
        services = local

        [services local]
        ec2 =
          endpoint_url = http://127.0.0.1:5000
        ec2_instance_connect =
          endpoint_url = http://localhost:5001/eic

        [profile plain]
        region = us-east-1

        """
    static let servicesLine = SettingOrigin.configFile(ConfigFileLocation(path: ConfigFixtures.configPath, section: "services local", line: 7))
    static let profileLine = SettingOrigin.configFile(ConfigFileLocation(path: ConfigFixtures.configPath, section: "default", line: 2))

    @Test("Each source, in order", arguments: [
        ("https://cli.example", ["AWS_ENDPOINT_URL_EC2": "https://env-ec2.example", "AWS_ENDPOINT_URL": "https://env.example"],
         "https://cli.example", SettingOrigin.commandLine("--endpoint-url")),
        (nil, ["AWS_ENDPOINT_URL_EC2": "https://env-ec2.example", "AWS_ENDPOINT_URL": "https://env.example"],
         "https://env-ec2.example", .environment("AWS_ENDPOINT_URL_EC2")),
        (nil, ["AWS_ENDPOINT_URL_STS": "https://env-sts.example", "AWS_ENDPOINT_URL": "https://env.example"],
         "https://env.example", .environment("AWS_ENDPOINT_URL")),
        (nil, ["AWS_ENDPOINT_URL_EC2": "", "AWS_ENDPOINT_URL": ""], "http://127.0.0.1:5000", servicesLine),
        (nil, [:], "http://127.0.0.1:5000", servicesLine),
        ("", [:], "http://127.0.0.1:5000", servicesLine),
    ] as [(String?, [String: String], String, SettingOrigin)])
    func ec2Sources(_ option: String?, _ environment: [String: String], _ url: String, _ origin: SettingOrigin) throws {
        let configuration = try ConfigFixtures.configuration(
            config: Self.config, environment: environment, commandLine: AWSCommandLineOverrides(endpointURL: option))
        let endpoint = try configuration.endpoint(for: .ec2, region: "eu-west-1")
        #expect(endpoint.url.absoluteString == url)
        #expect(endpoint.origin == origin)
        #expect(endpoint.signingRegion == "eu-west-1")
    }

    @Test("A service without a block in [services] falls to the profile's endpoint_url")
    func profileEndpoint() throws {
        let endpoint = try ConfigFixtures.configuration(config: Self.config).endpoint(for: .sts, region: "eu-west-1")
        #expect(endpoint.url.absoluteString == "https://profile.example")
        #expect(endpoint.origin == Self.profileLine)
    }

    @Test("Service variable names and [services] keys follow the service ID", arguments: [
        (AWSServiceID.ec2, "AWS_ENDPOINT_URL_EC2", "ec2"),
        (.sts, "AWS_ENDPOINT_URL_STS", "sts"),
        (.ssm, "AWS_ENDPOINT_URL_SSM", "ssm"),
        (.ec2InstanceConnect, "AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", "ec2_instance_connect"),
        (.kms, "AWS_ENDPOINT_URL_KMS", "kms"),
        (.organizations, "AWS_ENDPOINT_URL_ORGANIZATIONS", "organizations"),
    ])
    func names(_ service: AWSServiceID, _ variable: String, _ key: String) throws {
        #expect(service.endpointEnvironmentVariable == variable)
        #expect(service.servicesSectionKey == key)
        let configuration = try ConfigFixtures.configuration(environment: [variable: "http://localhost:9999"])
        let endpoint = try configuration.endpoint(for: service, region: "us-east-1")
        #expect(endpoint.url.absoluteString == "http://localhost:9999")
        #expect(endpoint.origin == .environment(variable))
    }

    @Test("The [services] block is found by its snake_case key")
    func eicBlock() throws {
        let endpoint = try ConfigFixtures.configuration(config: Self.config).endpoint(for: .ec2InstanceConnect, region: "us-east-1")
        #expect(endpoint.url.absoluteString == "http://localhost:5001/eic")
        #expect(endpoint.url.path == "/eic")
    }

    @Test("Ignoring configured endpoints leaves only --endpoint-url", arguments: [
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL": "https://env.example"], "", nil, "https://ec2.eu-west-1.amazonaws.com"),
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "TRUE"], "", nil, "https://ec2.eu-west-1.amazonaws.com"),
        ([:], "ignore_configured_endpoint_urls = true\n", nil, "https://ec2.eu-west-1.amazonaws.com"),
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"], "ignore_configured_endpoint_urls = true\n", nil, "http://127.0.0.1:5000"),
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "1"], "", nil, "http://127.0.0.1:5000"),
        (["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], "", "http://localhost:1", "http://localhost:1"),
    ] as [([String: String], String, String?, String)])
    func ignore(_ environment: [String: String], _ extra: String, _ option: String?, _ url: String) throws {
        let config = Self.config.replacingFirst("[default]\n", with: "[default]\n" + extra)
        let configuration = try ConfigFixtures.configuration(
            config: config, environment: environment, commandLine: AWSCommandLineOverrides(endpointURL: option))
        #expect(try configuration.endpoint(for: .ec2, region: "eu-west-1").url.absoluteString == url)
    }

    @Test("The ignore setting records where it came from")
    func ignoreOrigin() throws {
        let configuration = try ConfigFixtures.configuration(environment: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
        #expect(configuration.endpointSettings.ignoreConfiguredEndpointURLs
            == ResolvedSetting(true, from: .environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")))
    }

    @Test("A [services] section that is missing or empty is an error; an unused one is not")
    func missingServicesSection() throws {
        for config in ["[default]\nservices = gone\n", "[default]\nservices = empty\n[services empty]\n"] {
            let configuration = try ConfigFixtures.configuration(config: config)
            let name = ResolvedSetting(String(config.split(separator: "\n")[1].dropFirst(11)), from: .configFile(
                ConfigFileLocation(path: ConfigFixtures.configPath, section: "default", line: 2)))
            let error = try #require(throws: EndpointResolutionError.self) { try configuration.endpoint(for: .ec2, region: "us-east-1") }
            #expect(error == .servicesSectionNotFound(name, profile: "default"))
            #expect(error.description.hasPrefix("The profile \"default\" is configured to use the services section but the "
                + "\"\(name.value)\" services configuration does not exist"))
            let bypassed = try ConfigFixtures.configuration(config: config, environment: ["AWS_ENDPOINT_URL": "https://e.example"])
            #expect(try bypassed.endpoint(for: .ec2, region: "us-east-1").url.host == "e.example")
        }
    }

    @Test("A service key in [services] without a block is an error")
    func notABlock() throws {
        let configuration = try ConfigFixtures.configuration(config: "[default]\nservices = s\n[services s]\nec2 = http://localhost:1\n")
        #expect(throws: EndpointResolutionError.servicesEntryNotSubsection(
            service: .ec2, location: ConfigFileLocation(path: ConfigFixtures.configPath, section: "services s", line: 4))
        ) {
            try configuration.endpoint(for: .ec2, region: "us-east-1")
        }
    }

    @Test("Block keys are case-sensitive, as in botocore: Endpoint_URL is not endpoint_url")
    func blockKeyCase() throws {
        let configuration = try ConfigFixtures.configuration(
            config: "[default]\nservices = s\n[services s]\nec2 =\n  Endpoint_URL = http://localhost:1\n")
        #expect(try configuration.endpoint(for: .ec2, region: "us-east-1").origin == .default)
    }

    @Test("Plain http to a non-loopback host is refused, whatever its source", arguments: [
        (["AWS_ENDPOINT_URL": "http://moto.internal:5000"], nil as String?, SettingOrigin.environment("AWS_ENDPOINT_URL")),
        ([:], "http://10.1.2.3", .commandLine("--endpoint-url")),
    ] as [([String: String], String?, SettingOrigin)])
    func refusesPlainHTTP(_ environment: [String: String], _ option: String?, _ origin: SettingOrigin) throws {
        let configuration = try ConfigFixtures.configuration(
            environment: environment, commandLine: AWSCommandLineOverrides(endpointURL: option))
        let error = try #require(throws: EndpointResolutionError.self) { try configuration.endpoint(for: .ssm, region: "us-east-1") }
        guard case .invalidURL(_, let errorOrigin, .plainHTTPNotAllowed) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(errorOrigin == origin)
        #expect(error.description.contains("use https://"))
    }

    @Test("A profile endpoint_url with credentials in it is refused without echoing them")
    func userInfoRedacted() throws {
        let configuration = try ConfigFixtures.configuration(config: "[default]\nendpoint_url = https://bob:hunter2@x.example\n")
        let error = try #require(throws: EndpointResolutionError.self) { try configuration.endpoint(for: .kms, region: "us-east-1") }
        #expect(!error.description.contains("hunter2"))
        #expect(error.description.hasPrefix("The endpoint URL https://<REDACTED>@x.example (from [default] in "))
    }
}

@Suite("Default endpoints per service and partition (botocore endpoint rule sets)")
struct DefaultEndpointTests {
    @Test("Standard endpoints", arguments: [
        (AWSServiceID.ec2, "us-east-1", "https://ec2.us-east-1.amazonaws.com", "us-east-1"),
        (.ec2, "cn-north-1", "https://ec2.cn-north-1.amazonaws.com.cn", "cn-north-1"),
        (.ec2, "us-gov-west-1", "https://ec2.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        (.ec2, "mars-1", "https://ec2.mars-1.amazonaws.com", "mars-1"),
        (.sts, "eu-west-1", "https://sts.eu-west-1.amazonaws.com", "eu-west-1"),
        (.sts, "us-east-1", "https://sts.us-east-1.amazonaws.com", "us-east-1"),
        (.sts, "aws-global", "https://sts.amazonaws.com", "us-east-1"),
        (.sts, "cn-northwest-1", "https://sts.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        (.ssm, "ap-south-1", "https://ssm.ap-south-1.amazonaws.com", "ap-south-1"),
        (.ec2InstanceConnect, "us-west-2", "https://ec2-instance-connect.us-west-2.amazonaws.com", "us-west-2"),
        (.kms, "us-gov-east-1", "https://kms.us-gov-east-1.amazonaws.com", "us-gov-east-1"),
        (.kms, "eusc-de-east-1", "https://kms.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"),
        (.organizations, "eu-west-1", "https://organizations.us-east-1.amazonaws.com", "us-east-1"),
        (.organizations, "cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
        (.organizations, "us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
        (.organizations, "us-iso-west-1", "https://organizations.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"),
        (.organizations, "eu-isoe-west-1", "https://organizations.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"),
    ])
    func standard(_ service: AWSServiceID, _ region: String, _ url: String, _ signingRegion: String) throws {
        let endpoint = try ConfigFixtures.configuration().endpoint(for: service, region: region)
        #expect(endpoint.url.absoluteString == url)
        #expect(endpoint.signingRegion == signingRegion)
        #expect(endpoint.origin == .default)
        #expect(endpoint.partition == AWSPartition.containing(region: region))
    }

    @Test("FIPS and dual-stack", arguments: [
        (["AWS_USE_FIPS_ENDPOINT": "true"], AWSServiceID.ec2, "us-east-1", "https://ec2-fips.us-east-1.amazonaws.com"),
        (["AWS_USE_FIPS_ENDPOINT": "true"], .ec2, "us-gov-west-1", "https://ec2.us-gov-west-1.amazonaws.com"),
        (["AWS_USE_FIPS_ENDPOINT": "true"], .ssm, "us-gov-west-1", "https://ssm.us-gov-west-1.amazonaws.com"),
        (["AWS_USE_FIPS_ENDPOINT": "true"], .sts, "us-gov-east-1", "https://sts.us-gov-east-1.amazonaws.com"),
        (["AWS_USE_FIPS_ENDPOINT": "true"], .kms, "us-gov-west-1", "https://kms-fips.us-gov-west-1.amazonaws.com"),
        (["AWS_USE_FIPS_ENDPOINT": "true"], .organizations, "eu-west-1", "https://organizations-fips.us-east-1.amazonaws.com"),
        (["AWS_USE_FIPS_ENDPOINT": "true"], .organizations, "us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com"),
        (["AWS_USE_FIPS_ENDPOINT": "true"], .organizations, "cn-north-1", "https://organizations-fips.cn-north-1.amazonaws.com.cn"),
        (["AWS_USE_DUALSTACK_ENDPOINT": "true"], .ec2, "eu-west-1", "https://ec2.eu-west-1.api.aws"),
        (["AWS_USE_DUALSTACK_ENDPOINT": "true"], .organizations, "us-east-1", "https://organizations.us-east-1.api.aws"),
        (["AWS_USE_DUALSTACK_ENDPOINT": "true", "AWS_USE_FIPS_ENDPOINT": "true"], .ssm, "cn-north-1",
         "https://ssm-fips.cn-north-1.api.amazonwebservices.com.cn"),
        (["AWS_USE_FIPS_ENDPOINT": "true", "AWS_ENDPOINT_URL": "https://custom.example"], .ec2, "us-east-1", "https://custom.example"),
    ] as [([String: String], AWSServiceID, String, String)])
    func variants(_ environment: [String: String], _ service: AWSServiceID, _ region: String, _ url: String) throws {
        let endpoint = try ConfigFixtures.configuration(environment: environment).endpoint(for: service, region: region)
        #expect(endpoint.url.absoluteString == url)
    }

    @Test("STS legacy global endpoint in the 16 legacy regions only", arguments: [
        ("eu-west-1", "https://sts.amazonaws.com", "us-east-1"),
        ("us-east-1", "https://sts.amazonaws.com", "us-east-1"),
        ("eu-south-1", "https://sts.eu-south-1.amazonaws.com", "eu-south-1"),
        ("cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn", "cn-north-1"),
    ])
    func stsLegacy(_ region: String, _ url: String, _ signingRegion: String) throws {
        let configuration = try ConfigFixtures.configuration(config: "[default]\nsts_regional_endpoints = legacy\n")
        let endpoint = try configuration.endpoint(for: .sts, region: region)
        #expect(endpoint.url.absoluteString == url)
        #expect(endpoint.signingRegion == signingRegion)
        #expect(configuration.endpointSettings.stsRegionalEndpoints.value == .legacy)
    }

    @Test("An invalid sts_regional_endpoints is an error")
    func stsInvalid() {
        #expect(throws: AWSConfigError.invalidSTSRegionalEndpoints(.init("global", from: .environment("AWS_STS_REGIONAL_ENDPOINTS")))) {
            try ConfigFixtures.configuration(environment: ["AWS_STS_REGIONAL_ENDPOINTS": "global"])
        }
    }

    @Test("Descriptions say where the endpoint came from")
    func description() throws {
        let configuration = try ConfigFixtures.configuration(environment: ["AWS_ENDPOINT_URL_SSM": "http://localhost:4566"])
        #expect(try configuration.endpoint(for: .ec2, region: "us-east-1").description
            == "https://ec2.us-east-1.amazonaws.com (from the aws partition's default), signed for us-east-1")
        #expect(try configuration.endpoint(for: .ssm, region: "us-east-1").description
            == "http://localhost:4566 (from environment variable AWS_ENDPOINT_URL_SSM), signed for us-east-1")
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

@Suite("Endpoint variant settings: environment over profile")
struct EndpointSettingsTests {
    @Test("FIPS and dual-stack from the profile, overridden by the environment")
    func precedence() throws {
        let config = "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n"
        let fromProfile = try ConfigFixtures.configuration(config: config)
        #expect(fromProfile.endpointSettings.useFIPS == ResolvedSetting(
            true, from: .configFile(ConfigFileLocation(path: ConfigFixtures.configPath, section: "default", line: 2))))
        #expect(try fromProfile.endpoint(for: .kms, region: "eu-west-1").url.absoluteString == "https://kms-fips.eu-west-1.api.aws")
        let overridden = try ConfigFixtures.configuration(
            config: config, environment: ["AWS_USE_FIPS_ENDPOINT": "false", "AWS_USE_DUALSTACK_ENDPOINT": "no"])
        #expect(overridden.endpointSettings.useDualStack == ResolvedSetting(false, from: .environment("AWS_USE_DUALSTACK_ENDPOINT")))
        #expect(try overridden.endpoint(for: .kms, region: "eu-west-1").url.absoluteString == "https://kms.eu-west-1.amazonaws.com")
    }

    @Test("Defaults: nothing ignored, no FIPS, no dual-stack, regional STS")
    func defaults() throws {
        let settings = try ConfigFixtures.configuration().endpointSettings
        #expect(settings == EndpointSettings(
            ignoreConfiguredEndpointURLs: .init(false, from: .default), useFIPS: .init(false, from: .default),
            useDualStack: .init(false, from: .default), stsRegionalEndpoints: .init(.regional, from: .default)))
    }
}
