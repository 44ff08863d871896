import AWSCore
import AWSSigV4
import Testing

@Suite("The credential chain picks the source the AWS CLI would")
struct CredentialSourceSelectionTests {
    typealias F = CredentialFixtures

    // MARK: Environment

    @Test("Environment keys, token, expiration and account")
    func environment() throws {
        let source = try F.source(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": F.secret, "AWS_SESSION_TOKEN": F.token,
            "AWS_CREDENTIAL_EXPIRATION": "2030-01-01T00:00:00Z", "AWS_ACCOUNT_ID": "111122223333",
        ])
        #expect(source == ResolvedCredentialSource(
            F.keys("AKIDENV", token: F.token, expiration: "2030-01-01T00:00:00Z", account: "111122223333"),
            from: .environment("AWS_ACCESS_KEY_ID")))
    }

    @Test("AWS_SECURITY_TOKEN is read before AWS_SESSION_TOKEN (botocore's order)")
    func securityToken() throws {
        let source = try F.source(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": F.secret, "AWS_SECURITY_TOKEN": "legacy",
            "AWS_SESSION_TOKEN": "standard",
        ])
        #expect(source.source == F.keys("AKIDENV", token: "legacy"))
    }

    static let profiles = """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = s1
        [profile other]
        aws_access_key_id = AKIDOTHER
        aws_secret_access_key = s2

        """
    static let environmentKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s0"]

    @Test("Environment keys beat the profile, unless --profile is given", arguments: [
        (AWSCommandLineOverrides(), [:], "AKIDENV"),
        (AWSCommandLineOverrides(), ["AWS_PROFILE": "other"], "AKIDENV"),
        (AWSCommandLineOverrides(profile: "other"), [:], "AKIDOTHER"),
        (AWSCommandLineOverrides(profile: "default"), [:], "AKIDDEFAULT"),
    ] as [(AWSCommandLineOverrides, [String: String], String)])
    func environmentVersusProfile(_ commandLine: AWSCommandLineOverrides, _ extra: [String: String], _ accessKey: String) throws {
        let source = try F.source(
            config: Self.profiles, environment: Self.environmentKeys.merging(extra) { $1 }, commandLine: commandLine)
        guard case .staticKeys(let keys) = source.source else {
            Issue.record("expected static keys, got \(source)")
            return
        }
        #expect(keys.credentials.accessKeyID == accessKey)
    }

    @Test("An access key ID without its secret is an error; a secret alone is ignored")
    func partialEnvironment() throws {
        let error = try #require(throws: CredentialSourceError.self) {
            try F.source(environment: ["AWS_ACCESS_KEY_ID": "AKIDENV"])
        }
        #expect(error == .partialCredentials(
            source: "environment variables", missing: "AWS_SECRET_ACCESS_KEY", origin: .environment("AWS_ACCESS_KEY_ID")))
        #expect(error.description == "Partial credentials found in environment variables, missing: AWS_SECRET_ACCESS_KEY "
            + "(the access key ID is set by environment variable AWS_ACCESS_KEY_ID); set AWS_SECRET_ACCESS_KEY too, or "
            + "remove the access key ID")
        let secretOnly = try F.source(config: Self.profiles, environment: ["AWS_SECRET_ACCESS_KEY": F.secret])
        #expect(secretOnly.origin == F.config("default", 2))
    }

    // MARK: Static keys in the files

    @Test("Credentials file keys, with aws_security_token before aws_session_token")
    func credentialsFile() throws {
        let source = try F.source(credentials: """
            [default]
            aws_access_key_id = AKIDFILE
            aws_secret_access_key = \(F.secret)
            aws_session_token = standard
            aws_security_token = legacy
            aws_account_id = 444455556666

            """)
        #expect(source == ResolvedCredentialSource(F.keys("AKIDFILE", token: "legacy", account: "444455556666"), from: F.credentials("default", 2)))
    }

    @Test("The credentials file beats the config file's keys")
    func credentialsBeforeConfig() throws {
        let source = try F.source(
            config: Self.profiles, credentials: "[default]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n")
        #expect(source.origin == F.credentials("default", 2))
        let configOnly = try F.source(config: Self.profiles, credentials: "[default]\nregion = x\n")
        #expect(configOnly == ResolvedCredentialSource(F.keys("AKIDDEFAULT", "s1"), from: F.config("default", 2)))
    }

    @Test("Partial keys in a file are errors naming the file and line", arguments: [
        (nil, "[default]\naws_access_key_id = AKID\n", "the shared credentials file", F.credentials("default", 2)),
        ("[default]\naws_access_key_id = AKID\n", nil, "the config file", F.config("default", 2)),
        // Each file is checked on its own (botocore's SharedCredentialProvider and ConfigProvider): the secret in
        // the credentials file does not complete the config file's key.
        ("[default]\naws_access_key_id = AKID\n", "[default]\naws_secret_access_key = s\n", "the config file", F.config("default", 2)),
    ] as [(String?, String?, String, SettingOrigin)])
    func partialFiles(_ config: String?, _ credentials: String?, _ file: String, _ origin: SettingOrigin) {
        #expect(throws: CredentialSourceError.partialCredentials(source: file, missing: "aws_secret_access_key", origin: origin)) {
            try F.source(config: config, credentials: credentials)
        }
    }

    @Test("[DEFAULT] keys in the credentials file count for every profile")
    func defaultsSection() throws {
        let source = try F.source(
            credentials: "[DEFAULT]\naws_access_key_id = AKIDALL\naws_secret_access_key = s\n[ci]\nregion = x\n",
            environment: ["AWS_PROFILE": "ci"])
        #expect(source.origin == F.credentials("DEFAULT", 2))
    }

    // MARK: Web identity

    @Test("Web identity from the environment", arguments: [
        (["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/env", "AWS_ROLE_SESSION_NAME": "ci"],
         AWSCommandLineOverrides(), "/var/run/token", SettingOrigin.environment("AWS_WEB_IDENTITY_TOKEN_FILE"),
         "arn:aws:iam::1:role/env", SettingOrigin.environment("AWS_ROLE_ARN"), "ci" as String?),
        (["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token"], AWSCommandLineOverrides(), "/var/run/token",
         .environment("AWS_WEB_IDENTITY_TOKEN_FILE"), "arn:aws:iam::1:role/profile", F.config("default", 2), "profile-session"),
        ([:], AWSCommandLineOverrides(), "/profile/token", F.config("default", 3), "arn:aws:iam::1:role/profile",
         F.config("default", 2), "profile-session"),
        (["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/env"],
         AWSCommandLineOverrides(profile: "default"), "/profile/token", F.config("default", 3), "arn:aws:iam::1:role/profile",
         F.config("default", 2), "profile-session"),
    ] as [([String: String], AWSCommandLineOverrides, String, SettingOrigin, String, SettingOrigin, String?)])
    func webIdentity(
        _ environment: [String: String], _ commandLine: AWSCommandLineOverrides, _ tokenFile: String,
        _ tokenOrigin: SettingOrigin, _ role: String, _ roleOrigin: SettingOrigin, _ session: String?
    ) throws {
        let config = "[default]\nrole_arn = arn:aws:iam::1:role/profile\nweb_identity_token_file = /profile/token\nrole_session_name = profile-session\n"
        let source = try F.source(config: config, environment: environment, commandLine: commandLine)
        guard case .webIdentity(let identity) = source.source else {
            Issue.record("expected web identity, got \(source)")
            return
        }
        #expect(identity.tokenFile == ResolvedSetting(tokenFile, from: tokenOrigin))
        #expect(identity.roleARN == ResolvedSetting(role, from: roleOrigin))
        #expect(identity.roleSessionName?.value == session)
        #expect(source.origin == tokenOrigin)
    }

    @Test("A web identity token without a role ARN is an error")
    func webIdentityWithoutRole() {
        let tokenFile = ResolvedSetting("/t", from: .environment("AWS_WEB_IDENTITY_TOKEN_FILE"))
        #expect(throws: CredentialSourceError.webIdentityRoleARNMissing(tokenFile: tokenFile)) {
            try F.source(environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/t"])
        }
        #expect(CredentialSourceError.webIdentityRoleARNMissing(tokenFile: tokenFile).description.hasSuffix(
            "set role_arn in the profile or the AWS_ROLE_ARN environment variable"))
    }

    // MARK: SSO

    @Test("SSO through an sso-session: the token cache is named by the SHA-1 of the session name")
    func ssoSession() throws {
        let source = try F.source(config: """
            [default]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = Admin
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            sso_registration_scopes = sso:account:access

            """)
        #expect(source == ResolvedCredentialSource(.sso(SSOSource(
            sessionName: .init("corp", from: F.config("default", 2)),
            startURL: .init("https://corp.awsapps.com/start", from: F.config("sso-session corp", 6)),
            region: .init("eu-west-1", from: F.config("sso-session corp", 7)),
            accountID: .init("111122223333", from: F.config("default", 3)),
            roleName: .init("Admin", from: F.config("default", 4)),
            tokenCachePath: "/home/me/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json")),
            from: F.config("default", 3)))
    }

    @Test("Legacy SSO: the token cache is named by the SHA-1 of the start URL")
    func ssoLegacy() throws {
        let source = try F.source(config: """
            [default]
            sso_start_url = https://my-sso-portal.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 123456789011
            sso_role_name = readOnly

            """)
        guard case .sso(let sso) = source.source else {
            Issue.record("expected SSO, got \(source)")
            return
        }
        #expect(sso.sessionName == nil)
        #expect(sso.tokenCachePath == "/home/me/.aws/sso/cache/c7aaaf71fcc8777ae2475525ed049d39fe16c484.json")
        #expect(source.description == "SSO role readOnly in account 123456789011 (token cache "
            + "/home/me/.aws/sso/cache/c7aaaf71fcc8777ae2475525ed049d39fe16c484.json) (from [default] in /home/me/.aws/config, line 4)")
    }

    @Test("SSO errors", arguments: [
        ("[default]\nsso_account_id = 1\n",
         CredentialSourceError.ssoConfigurationIncomplete(profile: "default", missing: ["sso_role_name", "sso_start_url", "sso_region"])),
        ("[default]\nsso_role_name = r\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x\n",
         .ssoConfigurationIncomplete(profile: "default", missing: ["sso_account_id", "sso_region"])),
        ("[default]\nsso_role_name = r\nsso_session = gone\n",
         .ssoSessionNotFound(.init("gone", from: F.config("default", 3)), profile: "default")),
        ("[default]\nsso_role_name = r\nsso_account_id = 1\nsso_region = us-east-1\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x\nsso_region = eu-west-1\n",
         .ssoConfigurationConflict(
            key: "sso_region", profileValue: .init("us-east-1", from: F.config("default", 4)),
            sessionValue: .init("eu-west-1", from: F.config("sso-session corp", 8)))),
    ])
    func ssoErrors(_ config: String, _ error: CredentialSourceError) {
        #expect(throws: error) { try F.source(config: config) }
    }

    @Test("An sso_session without an account or role is not a credential source (it is for tokens)")
    func ssoTokenOnly() throws {
        let source = try F.source(config: "[default]\nsso_session = corp\n[sso-session corp]\nsso_region = eu-west-1\n")
        #expect(source.source == .instanceMetadata(try ConfigFixtures.configuration().instanceMetadata))
    }

    @Test("SSO needs HOME for its cache path")
    func ssoWithoutHome() throws {
        let config = "[default]\nsso_start_url = https://x\nsso_region = r\nsso_account_id = 1\nsso_role_name = n\n"
        let configuration = try AWSConfiguration.load(
            environment: ["AWS_CONFIG_FILE": "/c", "AWS_SHARED_CREDENTIALS_FILE": "/k"], commandLine: AWSCommandLineOverrides(),
            readFile: ConfigFixtures.reader(["/c": config]))
        #expect(throws: AWSConfigError.homeDirectoryUnknown(path: "~/.aws/sso/cache", origin: .default)) {
            try configuration.credentialSource()
        }
    }

    // MARK: Console login, credential_process

    @Test("Console login: the cache file is the SHA-256 of the session, under AWS_LOGIN_CACHE_DIRECTORY if set", arguments: [
        ([:], "/home/me/.aws/login/cache/132c4b5683d6d9174740af40e90946b811bf9c9bc9b82b3f6c1de12f410638c7.json"),
        (["AWS_LOGIN_CACHE_DIRECTORY": "~/tmp/login"], "/home/me/tmp/login/132c4b5683d6d9174740af40e90946b811bf9c9bc9b82b3f6c1de12f410638c7.json"),
    ])
    func login(_ environment: [String: String], _ path: String) throws {
        let source = try F.source(
            config: "[default]\nlogin_session = arn:aws:signin:us-east-1:123456789012:session/abc\n", environment: environment)
        #expect(source == ResolvedCredentialSource(.login(LoginSource(
            sessionName: .init("arn:aws:signin:us-east-1:123456789012:session/abc", from: F.config("default", 2)),
            tokenCachePath: path)), from: F.config("default", 2)))
    }

    @Test("credential_process is split like a shell command line")
    func process() throws {
        let source = try F.source(config: """
            [default]
            credential_process = /opt/bin/creds --profile "my team" --token 's3cr3t arg'
            aws_account_id = 999988887777

            """)
        #expect(source == ResolvedCredentialSource(.process(ProcessSource(
            commandLine: .init("/opt/bin/creds --profile \"my team\" --token 's3cr3t arg'", from: F.config("default", 2)),
            arguments: ["/opt/bin/creds", "--profile", "my team", "--token", "s3cr3t arg"],
            accountID: .init("999988887777", from: F.config("default", 3)))), from: F.config("default", 2)))
        #expect(!source.description.contains("s3cr3t"))
    }

    @Test("A credential_process that cannot be split is an error", arguments: [
        ("tool \"open", "a quote is not closed"),
        ("tool \\", "it ends with a lone backslash"),
        ("\"\"", "it names no program"),
    ])
    func processErrors(_ command: String, _ reason: String) {
        #expect(throws: CredentialSourceError.invalidCredentialProcess(.init(command, from: F.config("default", 2)), reason: reason)) {
            try F.source(config: "[default]\ncredential_process = \(command)\n")
        }
    }

    // MARK: Container and instance metadata

    @Test("Container credentials", arguments: [
        (["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], "http://169.254.170.2/v2/credentials/abc",
         SettingOrigin.environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), nil as ContainerAuthorization?),
        (["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2?id=1", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1/x"],
         "http://169.254.170.2/v2?id=1", .environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), nil),
        (["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/secrets/token", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored"],
         "http://169.254.170.23/v1/credentials", .environment("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
         .tokenFile(.init("/var/run/secrets/token", from: .environment("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")))),
        (["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://localhost:8080/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Basic abc"],
         "http://localhost:8080/creds", .environment("AWS_CONTAINER_CREDENTIALS_FULL_URI"),
         .token("Basic abc", origin: .environment("AWS_CONTAINER_AUTHORIZATION_TOKEN"))),
        (["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://[fd00:ec2::23]/v1/credentials"], "http://[fd00:ec2::23]/v1/credentials",
         .environment("AWS_CONTAINER_CREDENTIALS_FULL_URI"), nil),
        (["AWS_CONTAINER_CREDENTIALS_FULL_URI": "https://creds.example/v1"], "https://creds.example/v1",
         .environment("AWS_CONTAINER_CREDENTIALS_FULL_URI"), nil),
    ] as [([String: String], String, SettingOrigin, ContainerAuthorization?)])
    func container(_ environment: [String: String], _ url: String, _ origin: SettingOrigin, _ authorization: ContainerAuthorization?) throws {
        let source = try F.source(environment: environment)
        guard case .container(let container) = source.source else {
            Issue.record("expected container credentials, got \(source)")
            return
        }
        #expect(container.url.value.absoluteString == url)
        #expect(container.url.origin == origin)
        #expect(container.authorization == authorization)
    }

    @Test("Container credential errors")
    func containerErrors() {
        let remote = ResolvedSetting("http://10.0.0.1/creds", from: .environment("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        #expect(throws: CredentialSourceError.invalidContainerEndpoint(remote, problem: .plainHTTPNotAllowed(
            host: "10.0.0.1", allowed: "loopback hosts and 169.254.170.2, 169.254.170.23, fd00:ec2::23"))
        ) {
            try F.source(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": remote.value])
        }
        #expect(throws: CredentialSourceError.invalidContainerAuthorizationToken(origin: .environment("AWS_CONTAINER_AUTHORIZATION_TOKEN"))) {
            try F.source(environment: [
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/x", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "abc\r\nX-Injected: 1",
            ])
        }
        let relative = ResolvedSetting("http://169.254.170.2v2/creds", from: .environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
        #expect(throws: CredentialSourceError.invalidContainerEndpoint(relative, problem: .plainHTTPNotAllowed(
            host: "169.254.170.2v2", allowed: "loopback hosts and 169.254.170.2, 169.254.170.23, fd00:ec2::23"))
        ) {
            try F.source(environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "v2/creds"])
        }
    }

    @Test("Instance metadata ends the chain; switched off, nothing is left")
    func instanceMetadata() throws {
        let configuration = try ConfigFixtures.configuration(config: "[default]\nregion = us-east-1\n")
        #expect(try configuration.credentialSource() == ResolvedCredentialSource(.instanceMetadata(configuration.instanceMetadata), from: .default))
        #expect(try configuration.credentialSource().description == "instance profile from http://169.254.169.254/")
        let error = try #require(throws: CredentialSourceError.self) {
            try F.source(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        }
        #expect(error == .noCredentials(profile: "default"))
        #expect(error.description.hasPrefix("Unable to locate credentials for profile \"default\""))
    }

    // MARK: Order

    static let orderProfile = [
        "web_identity_token_file = /t\nrole_session_name = s",
        "sso_start_url = https://x\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = r",
        "@credentials",
        "login_session = console",
        "credential_process = /bin/creds",
        "aws_access_key_id = AKIDCONFIG\naws_secret_access_key = s",
    ]

    @Test("Each profile provider beats the ones after it (web identity, SSO, credentials file, login, process, config keys)",
          arguments: 0..<6)
    func order(_ first: Int) throws {
        var config = "[default]\n"
        var credentials = "[default]\nregion = x\n"
        for (index, lines) in Self.orderProfile.enumerated() where index >= first {
            if lines == "@credentials" {
                credentials = "[default]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n"
            } else {
                config += lines + "\n"
            }
        }
        let source = try F.source(config: config, credentials: credentials, environment: ["AWS_ROLE_ARN": "arn:aws:iam::1:role/w"])
        switch (first, source.source) {
        case (0, .webIdentity), (1, .sso), (3, .login), (4, .process): break
        case (2, .staticKeys(let keys)): #expect(keys.credentials.accessKeyID == "AKIDCREDS")
        case (5, .staticKeys(let keys)): #expect(keys.credentials.accessKeyID == "AKIDCONFIG")
        default: Issue.record("provider \(first) lost to \(source)")
        }
    }

    @Test("Config keys beat container credentials, which beat instance metadata")
    func tail() throws {
        let container = ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x"]
        let withKeys = try F.source(config: "[default]\naws_access_key_id = A\naws_secret_access_key = s\n", environment: container)
        #expect(withKeys.origin == F.config("default", 2))
        let withoutKeys = try F.source(config: "[default]\nregion = x\n", environment: container)
        #expect(withoutKeys.origin == .environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
    }
}
