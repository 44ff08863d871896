/// A configuration value together with the place it was read from.
///
/// Never holds a secret: credentials travel in `StaticCredentialsSource`, whose printed forms are redacted.
public struct ResolvedSetting<Value: Sendable & Hashable>: Sendable, Hashable, CustomStringConvertible {
    /// The value in effect.
    public let value: Value
    /// Where `value` came from.
    public let origin: SettingOrigin

    /// A value and its origin.
    public init(_ value: Value, from origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }

    /// `us-east-1 (from environment variable AWS_REGION)`.
    public var description: String { "\(value) (from \(origin))" }

    /// The same origin with a transformed value (a parsed number, a normalised mode).
    func map<Other>(_ transform: (Value) throws -> Other) rethrows -> ResolvedSetting<Other> {
        ResolvedSetting<Other>(try transform(value), from: origin)
    }
}
