import Foundation

extension AWSTimestamp {
    /// An expiry as credential documents write it: ISO 8601, or the AWS CLI v1 SSO cache's `…UTC` suffix.
    static func credentialExpiration(_ text: String) -> Date? {
        if text.hasSuffix("UTC") { return date(fromISO8601: String(text.dropLast(3)) + "Z") }
        return date(fromISO8601: text)
    }
}
