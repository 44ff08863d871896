import Foundation

extension EC2 {
    /// The part of an OpenSSH public key line that identifies the key: the type and the base64 blob, without
    /// options or comment ("compare only the type and base64 fields", describe-keys.html).
    struct PublicKeyIdentity: Hashable {
        let type: String
        let blob: String

        /// Reads an `authorized_keys`-style line (options before the type, comment after the blob are ignored);
        /// nil for anything else (RFC 4716 blocks, base64 DER).
        init?(_ text: String) {
            let fields = text.split(whereSeparator: \.isWhitespace)
            guard let index = fields.firstIndex(where: Self.isKeyType), index + 1 < fields.count else { return nil }
            type = String(fields[index])
            blob = String(fields[index + 1])
        }

        private static func isKeyType(_ field: Substring) -> Bool {
            ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"].contains { field.hasPrefix($0) }
        }

        /// Whether two key texts hold the same key: by identity when both are OpenSSH lines, else by their trimmed
        /// text.
        static func same(_ first: String, _ second: String) -> Bool {
            if let one = PublicKeyIdentity(first), let other = PublicKeyIdentity(second) { return one == other }
            return first.trimmingCharacters(in: .whitespacesAndNewlines)
                == second.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
