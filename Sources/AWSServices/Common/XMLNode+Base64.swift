import AWSCore

extension XMLNode {
    /// The child `name`'s text as base64 bytes; nil when the child is absent or empty.
    ///
    /// - Throws: `AWSDecodingError` naming the child's path when its text is not base64.
    func decodeBase64IfPresent(_ name: String) throws -> [UInt8]? {
        guard let child = self[name], !child.trimmedText.isEmpty else { return nil }
        guard let bytes = child.base64Bytes else {
            throw AWSDecodingError(
                path: child.path, reason: .invalidValue(found: child.trimmedText, expected: "base64"))
        }
        return bytes
    }
}
