import AWSCore
import AWSSigV4

/// Shorthands for credential-chain tests.
enum CredentialFixtures {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQEXAMPLE"

    /// The source the chain picks.
    static func source(
        config: String? = nil, credentials: String? = nil, environment: [String: String] = [:],
        commandLine: AWSCommandLineOverrides = AWSCommandLineOverrides()
    ) throws -> ResolvedCredentialSource {
        try ConfigFixtures.configuration(
            config: config, credentials: credentials, environment: environment, commandLine: commandLine
        ).credentialSource()
    }

    /// `.configFile` origin in the config file.
    static func config(_ section: String, _ line: Int) -> SettingOrigin {
        .configFile(ConfigFileLocation(path: ConfigFixtures.configPath, section: section, line: line))
    }

    /// `.configFile` origin in the credentials file.
    static func credentials(_ section: String, _ line: Int) -> SettingOrigin {
        .configFile(ConfigFileLocation(path: ConfigFixtures.credentialsPath, section: section, line: line))
    }

    /// Static keys without a token.
    static func keys(_ accessKey: String, _ secret: String = secret, token: String? = nil, expiration: String? = nil, account: String? = nil)
        -> CredentialSource
    {
        .staticKeys(StaticCredentialsSource(
            credentials: AWSCredentials(accessKeyID: accessKey, secretAccessKey: secret, sessionToken: token),
            expiration: expiration, accountID: account))
    }
}

extension ResolvedCredentialSource {
    /// The assume-role payload, or `nil`.
    var assumeRole: AssumeRoleSource? {
        if case .assumeRole(let role) = source { return role }
        return nil
    }
}
