import SSHKeys

/// The user's key files: the `--key` files when given, else every key file in `~/.ssh` and in the current directory
/// (not below it), in any format SSHKeys reads.
///
/// Only public parts are needed, so no passphrase is asked for a key whose public part is in clear (OpenSSH, PPK,
/// `.pub`); an encrypted PEM file named with `--key` is the one case that asks (its public key is inside the
/// encryption), and searched files never ask.
enum KeyInventory {
    static func read(_ keyPaths: [String], context: WorkflowContext) -> [LocalKey] {
        if !keyPaths.isEmpty {
            let options = KeyReadOptions(passphrase: context.passphrases.source(mayPrompt: true), decryptPrivateKeys: false)
            return localKeys(KeyScanner(context: context, options: options).scan(keyPaths), context: context)
        }
        let options = KeyReadOptions(passphrase: context.passphrases.source(mayPrompt: false), decryptPrivateKeys: false)
        var home = KeyScanner(context: context, options: options)
        home.reportsMissingPaths = false
        home.maximumDepth = 2
        var current = KeyScanner(context: context, options: options)
        current.maximumDepth = 1
        let found = home.scan(["~/.ssh"]) + current.scan(["."])
        // A search reports only what it could read: an unreadable file the user did not name is not their problem here.
        let readable = found.filter { if case .success = $0.result { true } else { false } }
        var seen = Set<String>()
        // The current directory may be ~/.ssh itself.
        return localKeys(readable, context: context).filter { seen.insert(context.resolve($0.source)).inserted }
    }

    private static func localKeys(_ scanned: [ScannedKey], context: WorkflowContext) -> [LocalKey] {
        scanned.map { item in
            // Files found in the current directory are named as the user would type them: `K_A.pem`, not `./K_A.pem`.
            let source = item.source.hasPrefix("./") ? String(item.source.dropFirst(2)) : item.source
            return LocalKey(source: source, entry: item.result,
                            mode: context.fileSystem.permissions(of: context.resolve(filePath(source))))
        }
    }

    /// The file of a `path:LINE` source.
    private static func filePath(_ source: String) -> String {
        guard let colon = source.lastIndex(of: ":"), Int(source[source.index(after: colon)...]) != nil else { return source }
        return String(source[..<colon])
    }
}
