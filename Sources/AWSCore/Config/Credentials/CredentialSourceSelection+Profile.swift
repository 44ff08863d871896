import AWSSigV4

extension CredentialSourceSelection {
    /// The providers that read one profile (`ProfileProviderBuilder.providers`): web identity, SSO, the credentials
    /// file, console login, `credential_process`, the config file's keys. `nil` when none applies.
    func profileProviders(_ profile: AWSProfile, environmentEnabled: Bool) throws -> ResolvedCredentialSource? {
        if let source = try webIdentity(profile, environmentEnabled: environmentEnabled) { return source }
        if let source = try sso(profile) { return source }
        if let section = shared.credentialsFile?.profileSection(named: profile.name),
            let source = try staticKeys(in: section, file: "the shared credentials file")
        {
            return source
        }
        if let source = try login(profile) { return source }
        if let source = try process(profile) { return source }
        // The config file's own section, not the merged profile (botocore's `ConfigProvider` loads only that file).
        if let section = shared.configFile?.profileSection(named: profile.name),
            let source = try staticKeys(in: section, file: "the config file")
        {
            return source
        }
        return nil
    }

    /// `aws_access_key_id` + `aws_secret_access_key` in one file's section; the token from `aws_security_token`
    /// then `aws_session_token` (botocore's order). Nothing when no access key ID is set.
    func staticKeys(in section: AWSConfigSection, file: String) throws -> ResolvedCredentialSource? {
        let keys = AWSProfile(name: section.header, entries: section.entries)
        guard let accessKey = try keys.text("aws_access_key_id") else { return nil }
        guard let secret = try keys.text("aws_secret_access_key") else {
            throw CredentialSourceError.partialCredentials(
                source: file, missing: "aws_secret_access_key", origin: accessKey.origin)
        }
        let token = try keys.text("aws_security_token") ?? keys.text("aws_session_token")
        let source = StaticCredentialsSource(
            credentials: AWSCredentials(accessKeyID: accessKey.value, secretAccessKey: secret.value, sessionToken: token?.value),
            accountID: try keys.text("aws_account_id")?.value)
        return ResolvedCredentialSource(.staticKeys(source), from: accessKey.origin)
    }

    /// botocore's `AssumeRoleWithWebIdentityProvider`: each value from its environment variable, else the profile.
    func webIdentity(_ profile: AWSProfile, environmentEnabled: Bool) throws -> ResolvedCredentialSource? {
        func value(_ key: String, _ variable: String) throws -> ResolvedSetting<String>? {
            if environmentEnabled, let fromEnvironment = lookup.environment(variable) { return fromEnvironment }
            return try profile.text(key)
        }
        guard let tokenFile = try value("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE") else { return nil }
        guard let roleARN = try value("role_arn", "AWS_ROLE_ARN") else {
            throw CredentialSourceError.webIdentityRoleARNMissing(tokenFile: tokenFile)
        }
        let source = WebIdentitySource(
            tokenFile: tokenFile, roleARN: roleARN, roleSessionName: try value("role_session_name", "AWS_ROLE_SESSION_NAME"))
        return ResolvedCredentialSource(.webIdentity(source), from: tokenFile.origin)
    }

    /// botocore's `SSOProvider._load_sso_config`: used when the profile has `sso_account_id` or `sso_role_name`;
    /// an `sso_session` contributes its section's keys, which must not contradict the profile's.
    func sso(_ profile: AWSProfile) throws -> ResolvedCredentialSource? {
        guard profile.has("sso_account_id") || profile.has("sso_role_name") else { return nil }
        let keys = ["sso_start_url", "sso_region", "sso_account_id", "sso_role_name"]
        var values: [String: ResolvedSetting<String>] = [:]
        for key in keys + ["sso_session"] { values[key] = try profile.text(key) }
        let sessionName = values["sso_session"]
        if let sessionName {
            guard let section = shared.configFile?.ssoSessionSection(named: sessionName.value) else {
                throw CredentialSourceError.ssoSessionNotFound(sessionName, profile: profile.name)
            }
            let session = AWSProfile(name: sessionName.value, entries: section.entries)
            for entry in session.entries where entry.value.text != nil {
                guard let sessionValue = try session.text(entry.key) else { continue }
                if let profileValue = try profile.text(entry.key), profileValue.value != sessionValue.value {
                    throw CredentialSourceError.ssoConfigurationConflict(
                        key: entry.key, profileValue: profileValue, sessionValue: sessionValue)
                }
                if keys.contains(entry.key) { values[entry.key] = sessionValue }
            }
        }
        let missing = ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"].filter { values[$0] == nil }
        guard missing.isEmpty, let startURL = values["sso_start_url"], let region = values["sso_region"],
            let accountID = values["sso_account_id"], let roleName = values["sso_role_name"]
        else {
            throw CredentialSourceError.ssoConfigurationIncomplete(profile: profile.name, missing: missing)
        }
        let cachePath = try TokenCachePaths.sso(
            sessionName: sessionName?.value, startURL: startURL.value, environment: environment)
        let source = SSOSource(
            sessionName: sessionName, startURL: startURL, region: region, accountID: accountID, roleName: roleName,
            tokenCachePath: cachePath)
        return ResolvedCredentialSource(.sso(source), from: (profile.has("sso_account_id") ? accountID : roleName).origin)
    }

    /// botocore's `LoginProvider`: `login_session` in the profile.
    func login(_ profile: AWSProfile) throws -> ResolvedCredentialSource? {
        guard let session = try profile.text("login_session") else { return nil }
        let source = LoginSource(
            sessionName: session, tokenCachePath: try TokenCachePaths.login(sessionName: session.value, environment: environment))
        return ResolvedCredentialSource(.login(source), from: session.origin)
    }

    /// botocore's `ProcessProvider`: `credential_process`, split like a shell command line without a shell.
    func process(_ profile: AWSProfile) throws -> ResolvedCredentialSource? {
        guard let command = try profile.text("credential_process") else { return nil }
        let arguments: [String]
        do throws(ShellWords.SplitError) {
            arguments = try ShellWords.split(command.value)
        } catch .noClosingQuotation {
            throw CredentialSourceError.invalidCredentialProcess(command, reason: "a quote is not closed")
        } catch {
            throw CredentialSourceError.invalidCredentialProcess(command, reason: "it ends with a lone backslash")
        }
        guard let program = arguments.first, !program.isEmpty else {
            throw CredentialSourceError.invalidCredentialProcess(command, reason: "it names no program")
        }
        let source = ProcessSource(commandLine: command, arguments: arguments, accountID: try profile.text("aws_account_id"))
        return ResolvedCredentialSource(.process(source), from: command.origin)
    }
}
