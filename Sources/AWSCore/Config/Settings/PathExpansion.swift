/// `os.path.expandvars` then `os.path.expanduser`, which botocore's `raw_config_parse` applies to
/// `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` and to its default paths.
enum PathExpansion {
    /// `posixpath.expandvars`: `$NAME` and `${NAME}` (NAME of ASCII letters, digits, `_`) replaced by the variable's
    /// value; a variable that is not set is left as written.
    static func expandVariables(_ path: String, environment: [String: String]) -> String {
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
        var output = String.UnicodeScalarView()
        var scalars = Array(path.unicodeScalars)[...]
        while let dollar = scalars.firstIndex(of: "$") {
            output.append(contentsOf: scalars[..<dollar])
            let rest = scalars[(dollar + 1)...]
            var reference: (name: String, end: Int)?
            if rest.first == "{" {
                if let close = rest.firstIndex(of: "}") {
                    reference = (PythonText.string(rest[(rest.startIndex + 1)..<close]), close + 1)
                }
            } else {
                let nameEnd = rest.firstIndex { !isNameScalar($0) } ?? rest.endIndex
                if nameEnd > rest.startIndex { reference = (PythonText.string(rest[..<nameEnd]), nameEnd) }
            }
            guard let reference else {
                output.append("$")
                scalars = rest
                continue
            }
            if let value = environment[reference.name] {
                output.append(contentsOf: value.unicodeScalars)
            } else {
                output.append(contentsOf: scalars[dollar..<reference.end])
            }
            scalars = scalars[reference.end...]
        }
        output.append(contentsOf: scalars)
        return String(output)
    }

    /// `posixpath.expanduser` with `HOME` from `environment`: `~` and `~/…` use `HOME` (trailing `/` removed);
    /// `~user/…` is left as written (looking up other accounts is not pure). `nil` when `HOME` is needed but unset.
    static func expandUser(_ path: String, environment: [String: String]) -> String? {
        guard path.hasPrefix("~") else { return path }
        let slash = path.dropFirst().firstIndex(of: "/") ?? path.endIndex
        guard slash == path.index(after: path.startIndex) else { return path }
        guard let home = environment["HOME"] else { return nil }
        var trimmedHome = Substring(home)
        while trimmedHome.hasSuffix("/") { trimmedHome.removeLast() }
        let expanded = String(trimmedHome) + path[slash...]
        return expanded.isEmpty ? "/" : expanded
    }

    /// Both expansions, in botocore's order; `nil` when `HOME` is needed but unset.
    static func expand(_ path: String, environment: [String: String]) -> String? {
        expandUser(expandVariables(path, environment: environment), environment: environment)
    }
}
