import AWSSigV4
import Foundation

/// A JSON object from a credentials document (process output, container, IMDS, SSO, token caches), read by key.
///
/// Values are never printed: callers report a missing or mistyped key by name only.
struct CredentialJSON {
    private let fields: [String: Any]

    /// The object in `bytes`, or `nil` when they are not a JSON object.
    init?(_ bytes: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let fields = object as? [String: Any]
        else { return nil }
        self.fields = fields
    }

    private init(fields: [String: Any]) {
        self.fields = fields
    }

    /// Whether `key` is present with any value (botocore's `key in document`).
    func contains(_ key: String) -> Bool { fields[key] != nil }

    /// The string at `key`, or `nil` when absent, null or not a string.
    func string(_ key: String) -> String? { fields[key] as? String }

    /// The nested object at `key`.
    func object(_ key: String) -> CredentialJSON? {
        (fields[key] as? [String: Any]).map { CredentialJSON(fields: $0) }
    }

    /// The number at `key` (JSON integers and fractions alike), or `nil`.
    func number(_ key: String) -> Double? {
        switch fields[key] {
        case let value as Int: return Double(value)
        case let value as Int64: return Double(value)
        case let value as Double: return value
        case let value as NSNumber: return value.doubleValue
        default: return nil
        }
    }

    /// The string at `key`, or a reason naming the key.
    func require(_ key: String) throws(Missing) -> String {
        guard let value = string(key), !value.isEmpty else { throw Missing(key: key) }
        return value
    }

    /// A required key that is absent, empty or not a string.
    struct Missing: Error {
        let key: String
        var reason: String { "the required key \(key) is missing or not a string" }
    }
}

extension CredentialJSON {
    /// The temporary credentials of a container or instance-metadata document: `AccessKeyId`, `SecretAccessKey`,
    /// `Token` and an ISO 8601 `Expiration`, all required (botocore `ContainerMetadataFetcher` and
    /// `InstanceMetadataFetcher` read the same shape).
    ///
    /// - Throws: ``CredentialProviderError/malformedResponse(service:url:reason:)`` naming the missing key.
    func temporaryCredentials(service: String, url: String) throws -> ExpiringCredentials {
        let credentials: AWSCredentials
        let expiration: String
        do throws(Missing) {
            credentials = AWSCredentials(
                accessKeyID: try require("AccessKeyId"), secretAccessKey: try require("SecretAccessKey"),
                sessionToken: try require("Token"))
            expiration = try require("Expiration")
        } catch {
            throw CredentialProviderError.malformedResponse(service: service, url: url, reason: error.reason)
        }
        guard let date = AWSTimestamp.date(fromISO8601: expiration) else {
            throw CredentialProviderError.malformedResponse(
                service: service, url: url, reason: "Expiration is not an ISO 8601 timestamp")
        }
        return ExpiringCredentials(credentials, expiration: date)
    }
}
