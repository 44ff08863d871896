import AWSSigV4
import Foundation

/// Credentials with the moment they stop working (temporary credentials), or none (long-term access keys).
///
/// Printed forms never show the secret or the token (``AWSCredentials`` redacts them).
public struct ExpiringCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The keys.
    public var credentials: AWSCredentials
    /// When they expire; `nil` for keys that do not.
    public var expiration: Date?

    /// Creates credentials with an optional expiry.
    public init(_ credentials: AWSCredentials, expiration: Date? = nil) {
        self.credentials = credentials
        self.expiration = expiration
    }

    /// The redacted credentials and the expiry.
    public var description: String {
        "\(credentials), expiration: \(expiration.map { AWSTimestamp.iso8601String(from: $0) } ?? "none")"
    }
}
