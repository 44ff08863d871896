import AWSCore
import Testing

@Suite("Assume-role profiles: source_profile chains, credential_source, and botocore's errors")
struct AssumeRoleTests {
    typealias F = CredentialFixtures

    static let chain = """
        [profile admin]
        role_arn = arn:aws:iam::222222222222:role/admin
        source_profile = hop
        external_id = ext-123
        mfa_serial = arn:aws:iam::111111111111:mfa/me
        role_session_name = amikey
        duration_seconds = 3600
        [profile hop]
        role_arn = arn:aws:iam::333333333333:role/hop
        source_profile = base
        [profile base]
        region = us-east-1

        """
    static let baseKeys = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n"

    @Test("A two-hop chain ends at the base profile's keys, with every role setting")
    func chainOfRoles() throws {
        let source = try F.source(config: Self.chain, credentials: Self.baseKeys, environment: ["AWS_PROFILE": "admin"])
        let admin = try #require(source.assumeRole)
        #expect(source.origin == F.config("profile admin", 2))
        #expect(admin.profile == "admin")
        #expect(admin.roleARN == ResolvedSetting("arn:aws:iam::222222222222:role/admin", from: F.config("profile admin", 2)))
        #expect(admin.externalID?.value == "ext-123")
        #expect(admin.mfaSerial?.value == "arn:aws:iam::111111111111:mfa/me")
        #expect(admin.roleSessionName?.value == "amikey")
        #expect(admin.durationSeconds == ResolvedSetting(3600, from: F.config("profile admin", 7)))
        guard case .sourceProfile("hop", let hopSource) = admin.source, let hop = hopSource.assumeRole else {
            Issue.record("expected hop's role, got \(admin.source)")
            return
        }
        #expect(hop.roleARN.value == "arn:aws:iam::333333333333:role/hop")
        #expect(hop.roleSessionName == nil && hop.externalID == nil && hop.mfaSerial == nil && hop.durationSeconds == nil)
        #expect(hop.source == .sourceProfile("base", ResolvedCredentialSource(F.keys("AKIDBASE", "s"), from: F.credentials("base", 2))))
        #expect(source.description.hasPrefix("assume role arn:aws:iam::222222222222:role/admin with profile 'hop' (assume role "
            + "arn:aws:iam::333333333333:role/hop with profile 'base' (access key AKIDBASE"))
    }

    @Test("The source profile may get its credentials from any profile provider (here SSO), never from the environment")
    func sourceProfileProviders() throws {
        let config = """
            [default]
            role_arn = arn:aws:iam::1:role/r
            source_profile = sso
            [profile sso]
            sso_start_url = https://x
            sso_region = us-east-1
            sso_account_id = 1
            sso_role_name = n

            """
        let role = try #require(try F.source(config: config).assumeRole)
        guard case .sourceProfile("sso", let base) = role.source, case .sso = base.source else {
            Issue.record("expected SSO base, got \(role.source)")
            return
        }
        let noCredentials = "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = empty\n[profile empty]\nregion = x\n"
        let error = try #require(throws: CredentialSourceError.self) {
            try F.source(config: noCredentials, environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "s"],
                         commandLine: AWSCommandLineOverrides(profile: "default"))
        }
        #expect(error == .sourceProfileHasNoCredentials(profile: "empty", referencedBy: "default"))
        #expect(error.description.hasPrefix("The source profile \"empty\" (source_profile of \"default\") must have credentials"))
    }

    @Test("A source profile with keys and a role of its own lends its keys, not its role")
    func sourceWithKeysAndRole() throws {
        let config = """
            [default]
            role_arn = arn:aws:iam::1:role/top
            source_profile = base
            [profile base]
            role_arn = arn:aws:iam::1:role/ignored
            source_profile = other
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = s

            """
        let role = try #require(try F.source(config: config).assumeRole)
        #expect(role.source == .sourceProfile("base", ResolvedCredentialSource(F.keys("AKIDBASE", "s"), from: F.config("profile base", 7))))
    }

    @Test("A source profile with a web identity token uses it (environment variables off)")
    func sourceWithWebIdentity() throws {
        let config = """
            [default]
            role_arn = arn:aws:iam::1:role/top
            source_profile = eks
            [profile eks]
            role_arn = arn:aws:iam::1:role/eks
            web_identity_token_file = /var/run/token

            """
        let role = try #require(try F.source(config: config, environment: ["AWS_ROLE_ARN": "arn:aws:iam::1:role/env"]).assumeRole)
        guard case .sourceProfile("eks", let base) = role.source, case .webIdentity(let identity) = base.source else {
            Issue.record("expected web identity base, got \(role.source)")
            return
        }
        #expect(identity.roleARN.value == "arn:aws:iam::1:role/eks")
    }

    @Test("A profile may name itself as source when it has keys: it assumes its role with them")
    func selfReference() throws {
        let config = "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\n"
        let role = try #require(try F.source(config: config).assumeRole)
        #expect(role.source == .sourceProfile("default", ResolvedCredentialSource(F.keys("AKIDSELF", "s"), from: F.config("default", 4))))
    }

    @Test("Loops are errors that name the chain", arguments: [
        ("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n", ["default", "default"]),
        ("[default]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = default\n", ["default", "b", "default"]),
        ("[default]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = c\n[profile c]\nrole_arn = r\nsource_profile = b\n",
         ["default", "b", "c", "b"]),
        ("[default]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = b\n", ["default", "b", "b"]),
    ])
    func loops(_ config: String, _ profiles: [String]) throws {
        let error = try #require(throws: CredentialSourceError.self) { try F.source(config: config) }
        #expect(error == .roleChainCycle(profiles: profiles))
        #expect(error.description.hasPrefix("Infinite loop in credential configuration detected: \(profiles.joined(separator: " → ")); "))
    }

    @Test("Invalid role settings", arguments: [
        ("[default]\nrole_arn = r\nsource_profile = b\ncredential_source = Environment\n[profile b]\n",
         CredentialSourceError.roleSourceConflict(profile: "default", roleARN: F.config("default", 2))),
        ("[default]\nrole_arn = r\n",
         .roleSourceMissing(profile: "default", roleARN: F.config("default", 2))),
        ("[default]\nrole_arn = r\ncredential_source = environment\n",
         .unknownCredentialSource(.init("environment", from: F.config("default", 3)), profile: "default")),
        ("[default]\nrole_arn = r\ncredential_source = Ec2Config\n",
         .unknownCredentialSource(.init("Ec2Config", from: F.config("default", 3)), profile: "default")),
        ("[default]\nrole_arn = r\nsource_profile = gone\n",
         .sourceProfileNotFound(.init("gone", from: F.config("default", 3)), profile: "default")),
        ("[default]\nrole_arn = r\ncredential_source = Environment\nduration_seconds = 1h\n",
         .invalidDurationSeconds(.init("1h", from: F.config("default", 4)))),
    ])
    func invalid(_ config: String, _ error: CredentialSourceError) {
        #expect(throws: error) {
            try F.source(config: config, environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "s"],
                         commandLine: AWSCommandLineOverrides(profile: "default"))
        }
    }

    @Test("Error messages say what to fix", arguments: [
        (CredentialSourceError.roleSourceConflict(profile: "p", roleARN: .configFile(.init(path: "/c", section: "profile p", line: 2))),
         "The profile \"p\" (role_arn at [profile p] in /c, line 2) contains both source_profile and credential_source; keep only one: "
            + "source_profile to use another profile's credentials, credential_source for Environment, Ec2InstanceMetadata or EcsContainer"),
        (.roleSourceMissing(profile: "p", roleARN: .configFile(.init(path: "/c", section: "profile p", line: 2))),
         "The profile \"p\" has role_arn ([profile p] in /c, line 2) but neither source_profile nor credential_source; add one "
            + "of them to say which credentials assume the role"),
        (.unknownCredentialSource(.init("env", from: .default), profile: "p"),
         "The credential source \"env\" referenced in profile \"p\" (the default) is not valid; use Environment, "
            + "Ec2InstanceMetadata or EcsContainer (spelled exactly so)"),
        (.sourceProfileNotFound(.init("gone", from: .default), profile: "p"),
         "The source_profile \"gone\" referenced in the profile \"p\" (the default) does not exist; define [profile gone] or fix the name"),
        (.credentialSourceEmpty(.ecsContainer, profile: "p"),
         "No credentials found in credential_source EcsContainer referenced in profile p; run in a container that sets "
            + "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI"),
    ])
    func messages(_ error: CredentialSourceError, _ text: String) {
        #expect(error.description == text)
    }

    @Test("An empty role_arn counts as unset: the profile is not an assume-role profile")
    func emptyRoleARN() throws {
        let source = try F.source(config: "[default]\nrole_arn =\nsource_profile = x\naws_access_key_id = A\naws_secret_access_key = s\n")
        #expect(source.origin == F.config("default", 4))
    }

    @Test("credential_source: Environment, EcsContainer, Ec2InstanceMetadata")
    func credentialSources() throws {
        let environmentRole = try #require(try F.source(
            config: "[profile r]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n",
            environment: ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"],
            commandLine: AWSCommandLineOverrides(profile: "r")).assumeRole)
        // --profile removes the environment provider from the chain, not from credential_source.
        #expect(environmentRole.source == .credentialSource(
            .environment, ResolvedCredentialSource(F.keys("AKIDENV", "s"), from: .environment("AWS_ACCESS_KEY_ID"))))

        let containerRole = try #require(try F.source(
            config: "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = EcsContainer\n",
            environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/c"]).assumeRole)
        guard case .credentialSource(.ecsContainer, let container) = containerRole.source, case .container = container.source else {
            Issue.record("expected container base, got \(containerRole.source)")
            return
        }

        let configuration = try ConfigFixtures.configuration(
            config: "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n")
        let metadataRole = try #require(try configuration.credentialSource().assumeRole)
        #expect(metadataRole.source == .credentialSource(
            .ec2InstanceMetadata, ResolvedCredentialSource(.instanceMetadata(configuration.instanceMetadata), from: .default)))
    }

    @Test("A named credential_source with nothing behind it is an error", arguments: [
        ("Environment", [:], NamedCredentialSource.environment),
        ("EcsContainer", [:], .ecsContainer),
        ("Ec2InstanceMetadata", ["AWS_EC2_METADATA_DISABLED": "true"], .ec2InstanceMetadata),
    ] as [(String, [String: String], NamedCredentialSource)])
    func emptyCredentialSource(_ name: String, _ environment: [String: String], _ named: NamedCredentialSource) {
        #expect(throws: CredentialSourceError.credentialSourceEmpty(named, profile: "default")) {
            try F.source(config: "[default]\nrole_arn = r\ncredential_source = \(name)\n", environment: environment)
        }
    }

    @Test("Order around assume-role: environment keys first; assume-role before web identity")
    func order() throws {
        let config = "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n"
        let environment = try F.source(config: config, environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "s"])
        #expect(environment.origin == .environment("AWS_ACCESS_KEY_ID"))
        let role = try F.source(config: config, environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn:aws:iam::1:role/w"])
        #expect(role.assumeRole != nil)
        // A profile with both role_arn and web_identity_token_file is a web identity profile, not an assume-role one.
        let webIdentity = try F.source(config: config + "web_identity_token_file = /t\n")
        guard case .webIdentity = webIdentity.source else {
            Issue.record("expected web identity, got \(webIdentity)")
            return
        }
    }
}
