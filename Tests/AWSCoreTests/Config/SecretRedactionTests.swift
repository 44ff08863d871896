import AWSCore
import Testing

@Suite("Secrets never appear in any printed form (DESIGN.md Safety rules)")
struct SecretRedactionTests {
    typealias F = CredentialFixtures
    static let containerToken = "Bearer container-secret-token-value"
    static let secrets = [F.secret, F.token, containerToken, "nested-secret-value", "defaults-secret-value"]

    static let credentials = """
        [DEFAULT]
        aws_session_token = defaults-secret-value
        [default]
        aws_access_key_id = AKIDVISIBLE
        aws_secret_access_key = \(F.secret)
        aws_security_token = \(F.token)
        region = eu-central-1
        [nested]
        block =
          AWS_SECRET_ACCESS_KEY = nested-secret-value

        """
    static let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDENVVISIBLE", "AWS_SECRET_ACCESS_KEY": F.secret, "AWS_SESSION_TOKEN": F.token,
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/c", "AWS_CONTAINER_AUTHORIZATION_TOKEN": containerToken,
    ]

    func expectNoSecret(in value: some Any, mustShow visible: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        for form in ConfigFixtures.printedForms(of: value) {
            for secret in Self.secrets {
                #expect(!form.contains(secret), "\(secret) leaked in \(form)", sourceLocation: sourceLocation)
            }
            if let visible { #expect(form.contains(visible), "\(visible) missing from \(form)", sourceLocation: sourceLocation) }
        }
    }

    @Test("Parsed files, sections, entries and profiles")
    func files() throws {
        let file = try ConfigFixtures.file(Self.credentials, kind: .credentials)
        expectNoSecret(in: file, mustShow: "AKIDVISIBLE")
        let section = try #require(file.profileSection(named: "default"))
        expectNoSecret(in: section, mustShow: "eu-central-1")
        for entry in section.entries { expectNoSecret(in: entry) }
        expectNoSecret(in: try #require(file.profileSection(named: "nested")))
        #expect(section["aws_secret_access_key"]?.description == "aws_secret_access_key = <REDACTED>")
        #expect(section["region"]?.description == "region = eu-central-1")
        let configuration = try ConfigFixtures.configuration(credentials: Self.credentials, environment: Self.environment)
        expectNoSecret(in: configuration.profile, mustShow: "AKIDVISIBLE")
        expectNoSecret(in: configuration.shared, mustShow: "AKIDVISIBLE")
    }

    @Test("The whole configuration, whose environment holds keys and tokens")
    func configuration() throws {
        let configuration = try ConfigFixtures.configuration(credentials: Self.credentials, environment: Self.environment)
        expectNoSecret(in: configuration, mustShow: "eu-central-1")
        #expect(!String(describing: configuration).contains("AKIDENVVISIBLE"))
    }

    @Test("Credential sources: environment keys, file keys, roles built on keys, container tokens")
    func sources() throws {
        let environmentKeys = try F.source(environment: Self.environment)
        expectNoSecret(in: environmentKeys, mustShow: "AKIDENVVISIBLE")
        let fileKeys = try F.source(credentials: Self.credentials)
        expectNoSecret(in: fileKeys, mustShow: "AKIDVISIBLE")
        let role = try F.source(
            config: "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n", credentials: Self.credentials,
            environment: ["AWS_PROFILE": "r"])
        expectNoSecret(in: role, mustShow: "AKIDVISIBLE")
        var container = Self.environment
        container["AWS_ACCESS_KEY_ID"] = nil
        let containerSource = try F.source(environment: container)
        expectNoSecret(in: containerSource, mustShow: "AWS_CONTAINER_AUTHORIZATION_TOKEN")
    }

    @Test("Errors")
    func errors() throws {
        let partial = try #require(throws: CredentialSourceError.self) {
            try F.source(credentials: "[default]\naws_access_key_id = AKIDVISIBLE\naws_session_token = \(F.token)\n")
        }
        expectNoSecret(in: partial)
        let malformed = try #require(throws: AWSConfigFileError.self) {
            try ConfigFixtures.file("[default]\naws_secret_access_key \(F.secret)\naws_session_token = \(F.token)\naws_session_token = \(F.token)\n")
        }
        expectNoSecret(in: malformed)
        let configuration = try ConfigFixtures.configuration(environment: ["AWS_ENDPOINT_URL": "https://user:\(F.secret)@x.example"])
        let endpoint = try #require(throws: EndpointResolutionError.self) { try configuration.endpoint(for: .ec2, region: "us-east-1") }
        expectNoSecret(in: endpoint.description)
        let imds = try #require(throws: AWSConfigError.self) {
            try ConfigFixtures.configuration(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://u:\(F.secret)@metadata.example"])
        }
        expectNoSecret(in: imds.description)
        expectNoSecret(in: CredentialSourceError.invalidContainerAuthorizationToken(origin: .environment("AWS_CONTAINER_AUTHORIZATION_TOKEN")))
    }
}
