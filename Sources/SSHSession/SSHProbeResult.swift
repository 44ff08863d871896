/// What one ``SSHProbe`` run found out, read from `ssh -v`'s error output and exit status.
///
/// ```swift
/// let result = SSHProbeResult(status: run.status, standardError: run.standardError)
/// if let failure = result.failure { print("no answer: \(failure)") }
/// else { print("accepted:", result.acceptedKeyFiles, "refused:", result.refusedKeyFiles) }
/// ```
///
/// Lines it does not know are ignored, so a newer or older ssh, or any garbage, gives a result, never a crash.
public struct SSHProbeResult: Sendable, Hashable {
    /// A key as ssh names it when offering it: the file, and the type and fingerprint when printed.
    public struct Key: Sendable, Hashable {
        /// The identity file, as given to `-i`.
        public var file: String
        /// ssh's type name, such as `ED25519` or `RSA`.
        public var type: String?
        /// The fingerprint, such as `SHA256:…`.
        public var fingerprint: String?

        /// A key from its parts.
        public init(file: String, type: String? = nil, fingerprint: String? = nil) {
            self.file = file
            self.type = type
            self.fingerprint = fingerprint
        }
    }

    /// ssh's exit status (255 for ssh's own failures).
    public var status: Int32
    /// The keys ssh offered, in order.
    public var offered: [Key] = []
    /// The offered keys the server answered PK_OK to: it would let their holder log in.
    public var accepted: [Key] = []
    /// Identity files ssh could not read (`Warning: Identity file … not accessible`), so never offered.
    public var inaccessibleKeyFiles: [String] = []
    /// The methods the server last said may continue (`Authentications that can continue:`).
    public var authMethods: [String] = []
    /// The server's software version from its banner, such as `OpenSSH_8.7`.
    public var serverVersion: String?
    /// ssh logged in (with a private key given as an identity): distinct from keys merely being accepted.
    public var authenticated = false
    /// ssh ended with `Permission denied (…)`: the server answered and no key let it in.
    public var permissionDenied = false
    /// ssh had a key but no signature algorithm the server also allows (`no mutual signature`), typically an RSA
    /// key against a server that takes only `ssh-rsa` or only `rsa-sha2-*`.
    public var noMutualSignature = false
    /// Why the server never answered about the keys; nil when it did (whether it accepted any or not).
    public var failure: SSHConnectionFailure?

    /// The offered keys the server did not accept.
    public var refused: [Key] {
        offered.filter { key in !accepted.contains { $0.file == key.file } }
    }

    /// The files of ``offered``.
    public var offeredKeyFiles: [String] { offered.map(\.file) }
    /// The files of ``accepted``.
    public var acceptedKeyFiles: [String] { accepted.map(\.file) }
    /// The files of ``refused``.
    public var refusedKeyFiles: [String] { refused.map(\.file) }
}
