/// Why a shared config or credentials file could not be used.
public enum AWSConfigFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file has lines the AWS CLI rejects (it would stop with "Unable to parse config file").
    case malformed(path: String, problems: [ConfigFileProblem])
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)

    /// What is wrong and what to do about it, one problem per line.
    public var description: String {
        switch self {
        case .malformed(let path, let problems):
            let lines = problems.map { "  \(path): \($0)" }
            return (["\(path) cannot be parsed (the AWS CLI rejects it too); fix these lines:"] + lines)
                .joined(separator: "\n")
        case .unreadable(let path, let reason):
            return "\(path) exists but cannot be read (\(reason)); check its permissions, "
                + "or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere"
        }
    }
}
