/// Commands the remedies suggest, written so they can be pasted into a POSIX shell as they are.
struct SuggestedCommands {
    let facts: DoctorFacts

    /// `ssh -i FILE USER@HOST`.
    func ssh(file: String, user: String) -> String {
        "ssh -i \(Self.quoted(file)) \(user)@\(facts.host)"
    }

    /// What a PuTTY user does with `file`: convert it to `.ppk` when it is not one, then where to set user and key.
    func putty(file: String, user: String) -> [String] {
        var ppk = file
        var steps: [String] = []
        if !file.lowercased().hasSuffix(".ppk") {
            ppk = Self.replacingExtension(of: file, with: "ppk")
            steps.append(amikey(["convert", file, "--to", "ppk", "-o", ppk], options: []))
        }
        steps.append("PuTTY: Session > Host Name = \(user)@\(facts.host); Connection > SSH > Auth > Credentials > "
            + "Private key file for authentication = \(ppk)")
        return steps
    }

    /// `amikey ARGS…` with the global options this run used (`--profile`, `--region`, `--endpoint-url`).
    func amikey(_ arguments: [String], options: [String]? = nil) -> String {
        (["amikey"] + arguments + (options ?? facts.evidence.amikeyOptions)).map(Self.quoted).joined(separator: " ")
    }

    /// The instance id for commands, or `INSTANCE_ID` offline.
    var instanceId: String { facts.evidence.instanceId ?? "INSTANCE_ID" }

    /// `ssh -i FILE USER@HOST`, then the same for PuTTY users.
    func login(file: String, user: String) -> [String] {
        [ssh(file: file, user: user)] + putty(file: file, user: user)
    }

    /// `amikey repair INSTANCE --key-pair NAME --user USER --method user-data`.
    func repair(keyPair name: String, user: String, method: String = "user-data") -> String {
        amikey(["repair", instanceId, "--key-pair", name, "--user", user, "--method", method])
    }

    /// `amikey repair INSTANCE --key FILE --user USER --method user-data`: installs a public key file.
    func repair(key file: String, user: String) -> String {
        amikey(["repair", instanceId, "--key", file, "--user", user, "--method", "user-data"])
    }

    /// Making an Ed25519 key and installing it next to the instance's keys.
    func newEd25519Key(user: String) -> [String] {
        let file = "~/.ssh/\(facts.evidence.instanceId ?? "ec2")-ed25519"
        return ["ssh-keygen -t ed25519 -f \(file)", repair(key: file + ".pub", user: user)]
    }

    /// Quotes an argument for a POSIX shell when it needs it.
    static func quoted(_ argument: String) -> String {
        let plain = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,+%~".contains($0) }
        if plain, !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func replacingExtension(of path: String, with newExtension: String) -> String {
        let (stem, _) = splitExtension(path)
        return stem + "." + newExtension
    }

    /// `key.pem` → `key-utf8.pem`: a sibling file name that keeps the extension.
    static func sibling(of path: String, suffix: String) -> String {
        let (stem, ext) = splitExtension(path)
        return stem + "-" + suffix + (ext.map { "." + $0 } ?? "")
    }

    /// The path without its file name's extension, and the extension (a leading dot is part of the name).
    private static func splitExtension(_ path: String) -> (stem: String, extension: String?) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (path, nil) }
        return (String(path.dropLast(name.distance(from: dot, to: name.endIndex))), String(name[name.index(after: dot)...]))
    }
}
