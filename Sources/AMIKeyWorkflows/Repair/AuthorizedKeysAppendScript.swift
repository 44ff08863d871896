import SSHKeys

/// The POSIX shell program the ssm and instance-connect methods run on the instance: it appends one public key to the
/// login user's `authorized_keys` only if no line already holds the same key blob, keeps every other line as it is,
/// and leaves the directory 0700 and the file 0600, owned by the user (what sshd's StrictModes wants), so a repeated
/// run changes nothing. As root (SSM runs scripts as root) it also sets the owner; as the user it needs no privilege.
enum AuthorizedKeysAppendScript {
    /// The word the script prints first on its last line (`amikey-repair: added 3`), so the outcome can be read back
    /// from SSM's output or ssh's.
    static let marker = "amikey-repair:"

    /// The script's lines for `user` and `key` (public material only).
    static func lines(user: String, key: SSHPublicKey) -> [String] {
        let line = key.openSSHRepresentation()
        let blob = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        return [
            "set -eu",
            "user=\(quoted(user))",
            "key=\(quoted(line))",
            "blob=\(quoted(blob))",
            #"home=$(getent passwd "$user" | cut -d: -f6)"#,
            #"if [ -z "$home" ]; then echo "amikey-repair: there is no user $user on this instance" >&2; exit 3; fi"#,
            #"dir="$home/.ssh"; file="$dir/authorized_keys""#,
            "umask 077",
            #"[ -d "$dir" ] || mkdir -p "$dir""#,
            #"[ -f "$file" ] || : > "$file""#,
            // A key counts as present when a line that is not a comment holds the same base64 blob (options and
            // comments may differ), as sshd compares keys.
            #"if awk -v b="$blob" '/^[ \t]*#/ { next } { for (i = 1; i <= NF; i++) if ($i == b) found = 1 } END { exit found ? 0 : 1 }' "$file"; then"#,
            "  result=present",
            "else",
            // A last line without its newline would otherwise be joined to the key.
            #"  if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then printf '\n' >> "$file"; fi"#,
            #"  printf '%s\n' "$key" >> "$file""#,
            "  result=added",
            "fi",
            #"if [ "$(id -u)" = 0 ]; then chown "$user:$(id -g "$user")" "$dir" "$file"; fi"#,
            #"chmod 700 "$dir"; chmod 600 "$file""#,
            // SELinux (RHEL, Rocky, Alma): a file created here needs the ssh_home_t label sshd may read.
            #"if command -v restorecon >/dev/null 2>&1; then restorecon -R "$dir" || true; fi"#,
            #"echo "amikey-repair: $result $(grep -c -v '^[[:space:]]*\(#\|$\)' "$file" || true)""#,
        ]
    }

    /// The script as one `sh -c '…'` command line for ssh, whose remote side hands it to the user's login shell.
    static func shellCommand(user: String, key: SSHPublicKey) -> String {
        "sh -c " + quoted(lines(user: user, key: key).joined(separator: "\n"))
    }

    /// What the script reported: `added` or `present` with the number of keys in the file, nil when its marker line
    /// is missing (it did not get that far).
    static func outcome(_ output: String) -> (added: Bool, keys: Int?)? {
        guard let line = output.split(whereSeparator: \.isNewline).last(where: { $0.hasPrefix(marker) }) else { return nil }
        let words = line.dropFirst(marker.count).split(separator: " ")
        guard let word = words.first, word == "added" || word == "present" else { return nil }
        return (word == "added", words.dropFirst().first.flatMap { Int($0) })
    }

    private static func quoted(_ text: String) -> String { SuggestedCommands.quoted(text) }
}
