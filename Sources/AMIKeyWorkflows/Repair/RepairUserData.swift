import Foundation
import SSHKeys

/// The user data the user-data method sets for one boot: AWS's "lost key pair" cloud-config (ssh-on-ec2.md §4a),
/// with `always` instead of `once` so it also runs when the image's creator already used the trick (the `once`
/// semaphore travels in the image), and with `ssh-authkey-fingerprints` listed too, because the list replaces the
/// image's `cloud_final_modules` and the console table is how the result is confirmed without SSH.
enum RepairUserData {
    /// The MIME boundary; also how a re-run recognises amikey's own user data on an instance.
    static let boundary = "//amikey-repair"

    /// The multipart user data (RFC 2046 §5.1.1) with one `text/cloud-config` part.
    static func bytes(user: String, key: SSHPublicKey) -> [UInt8] {
        let lines = [
            #"Content-Type: multipart/mixed; boundary="\#(boundary)""#,
            "MIME-Version: 1.0",
            "",
            "--\(boundary)",
            #"Content-Type: text/cloud-config; charset="us-ascii""#,
            "MIME-Version: 1.0",
            "Content-Transfer-Encoding: 7bit",
            #"Content-Disposition: attachment; filename="cloud-config.txt""#,
            "",
            "#cloud-config",
            "# amikey repair: adds one public key for \(user) on this boot; amikey restores the original user data next.",
            "cloud_final_modules:",
            "- [users-groups, always]",
            "- [ssh-authkey-fingerprints, always]",
            "users:",
            "  - name: \(user)",
            "    ssh_authorized_keys:",
            "      - \(yamlQuoted(key.openSSHRepresentation()))",
            "--\(boundary)--",
            "",
        ]
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// Whether `userData` is what ``bytes(user:key:)`` makes: then it must never be taken for the original.
    static func isRepairUserData(_ userData: [UInt8]?) -> Bool {
        guard let userData else { return false }
        return String(decoding: userData.prefix(200), as: UTF8.self).contains(#"boundary="\#(boundary)""#)
    }

    /// A YAML double-quoted scalar (YAML 1.2 §7.3.1): a key comment may hold `#` or `: `.
    private static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
