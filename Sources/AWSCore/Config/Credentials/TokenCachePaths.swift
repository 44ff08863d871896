import Crypto

/// The cache files the AWS CLI writes for `aws sso login` and `aws login`, named by a hash of the session.
enum TokenCachePaths {
    /// `~/.aws/sso/cache/<sha1 hex>.json`, keyed by the session name, or by the start URL for a legacy profile
    /// (botocore `utils.SSOTokenLoader._generate_cache_key`: `hashlib.sha1(input.encode('utf-8')).hexdigest()`).
    static func sso(sessionName: String?, startURL: String, environment: [String: String]) throws(AWSConfigError) -> String {
        let key = hex(Insecure.SHA1.hash(data: Array((sessionName ?? startURL).utf8)))
        return try directory("~/.aws/sso/cache", environment: environment) + "/\(key).json"
    }

    /// `<AWS_LOGIN_CACHE_DIRECTORY or ~/.aws/login/cache>/<sha256 hex of the session name>.json`
    /// (botocore `utils.get_login_token_cache_directory`, `generate_login_cache_key`).
    static func login(sessionName: String, environment: [String: String]) throws(AWSConfigError) -> String {
        let key = hex(SHA256.hash(data: Array(sessionName.utf8)))
        let directory: String
        if let custom = environment["AWS_LOGIN_CACHE_DIRECTORY"], !custom.isEmpty {
            guard let expanded = PathExpansion.expand(custom, environment: environment) else {
                throw .homeDirectoryUnknown(path: custom, origin: .environment("AWS_LOGIN_CACHE_DIRECTORY"))
            }
            directory = expanded
        } else {
            directory = try Self.directory("~/.aws/login/cache", environment: environment)
        }
        return directory + "/\(key).json"
    }

    private static func directory(_ path: String, environment: [String: String]) throws(AWSConfigError) -> String {
        guard let expanded = PathExpansion.expandUser(path, environment: environment) else {
            throw .homeDirectoryUnknown(path: path, origin: .default)
        }
        return expanded
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}
