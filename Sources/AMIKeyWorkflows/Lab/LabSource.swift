/// Where the lab's Python package is: the project directory holding `Lab/amikey_lab/__main__.py`.
///
/// ```swift
/// let source = try LabSource.locate(given: nil, executablePath: "/src/amikey/.build/debug/amikey", context: context)
/// source.pythonPath      // "/src/amikey/Lab", what PYTHONPATH must hold for `python3 -m amikey_lab`
/// ```
public struct LabSource: Sendable, Hashable {
    /// The project directory.
    public var root: String

    /// A source at a known project directory.
    public init(root: String) {
        self.root = root
    }

    /// `ROOT/Lab`: the directory `python3 -m amikey_lab` imports from.
    public var pythonPath: String { root + "/Lab" }

    /// The environment variable that names the project directory when no option does.
    public static let environmentVariable = "AMIKEY_LAB_SOURCE"

    /// Finds the source: `--lab-source` (`given`), else `AMIKEY_LAB_SOURCE`, else the first directory above the
    /// executable or the working directory that holds `Lab/amikey_lab/__main__.py`. A given directory may be the
    /// project or its `Lab/` directory.
    ///
    /// - Throws: ``LabFailure`` `no-lab-source` saying where it looked and how to point amikey at the source.
    public static func locate(given: String?, executablePath: String?, context: WorkflowContext) throws(LabFailure)
        -> LabSource
    {
        let fileSystem = context.fileSystem
        func holdsLab(_ directory: String) -> Bool {
            fileSystem.kind(of: fileSystem.join(directory, "Lab/amikey_lab/__main__.py")) == .file
        }
        let named = given.map { ("--lab-source", $0) }
            ?? context.environment[environmentVariable].map { (environmentVariable, $0) }
        if let (origin, path) = named {
            let directory = normalized(context.resolve(path))
            if holdsLab(directory) { return LabSource(root: directory) }
            if directory.hasSuffix("/Lab"), holdsLab(String(directory.dropLast(4))) {
                return LabSource(root: String(directory.dropLast(4)))
            }
            throw LabFailure(
                code: "no-lab-source",
                message: "\(origin) names \(path), which holds no Lab/amikey_lab/__main__.py; "
                    + "give the amikey project directory (the one with Lab/ in it)")
        }
        let starts = [executablePath.map { parent(of: context.resolve($0)) }, context.currentDirectory].compactMap { $0 }
        for start in starts {
            var directory = normalized(start)
            while true {
                if holdsLab(directory) { return LabSource(root: directory) }
                guard directory != "/" else { break }
                directory = parent(of: directory)
            }
        }
        throw LabFailure(
            code: "no-lab-source",
            message: "cannot find the lab's Python package (Lab/amikey_lab) above \(starts.joined(separator: " or ")); "
                + "run amikey from the project directory, or give --lab-source DIR or set \(environmentVariable)")
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "/" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Without `.` and `..` components or a trailing slash.
    private static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
