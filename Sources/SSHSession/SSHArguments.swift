/// How paths are written into `ssh` arguments so that ssh reads them back unchanged.
enum SSHArguments {
    /// `%` doubled: ssh percent-expands `-i` files and `UserKnownHostsFile` (ssh_config(5) TOKENS), so a
    /// literal `%` must be written `%%`.
    static func percentEscaped(_ path: String) -> String {
        path.replacing("%", with: "%%")
    }

    /// A path as an `-o Option=value` value: percent-escaped, and double-quoted when it holds blanks, since
    /// `UserKnownHostsFile` takes a blank-separated list of files (ssh_config(5)).
    static func pathValue(_ path: String) -> String {
        let escaped = percentEscaped(path)
        return escaped.contains(where: { $0 == " " || $0 == "\t" }) ? "\"\(escaped)\"" : escaped
    }
}
