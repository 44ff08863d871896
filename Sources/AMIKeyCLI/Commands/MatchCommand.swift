import AMIKeyWorkflows
import ArgumentParser
import SSHKeys

/// `amikey match FP... [--in PATH...]`
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Find which of your key files a fingerprint belongs to.",
        discussion: HelpText.reflow("""
            Paste a fingerprint as you see it: from ssh-keygen (SHA256:… or MD5:…), PuTTYgen (ssh-rsa 2048
            SHA256:…), the EC2 console's key pair page (colon hex or base64), or cloud-init's table in the
            instance's system log. A bare digest can mean several things (16 hex bytes are an MD5 of the key,
            or AWS's MD5 of an imported RSA key), so every reading is tried and each match says which one.

            Searches the files in ~/.ssh and in the current directory (not below) unless --in is given;
            directories given with --in are searched recursively.

            Examples:
              amikey match 'SHA256:EG1c5AlMdrdhs9K8Egsmw1zr7qEbHiccbxn0GEaGYUg'
              amikey match 00:dc:23:35:75:81:68:5e:66:b2:25:ec:a7:f4:df:b6 --in ./keys
            """))

    @Argument(help: ArgumentHelp("Fingerprints, quoted if they contain spaces.", valueName: "FP"))
    var fingerprints: [String] = []

    @Option(name: .customLong("in"), parsing: .upToNextOption,
            help: ArgumentHelp("Files or directories to search (default: ~/.ssh and .).", valueName: "PATH"))
    var searchPaths: [String] = []

    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    /// `--in` takes every value up to the next option, so in `match --in DIR FP` the fingerprints went to it; the
    /// trailing values that read as fingerprints are taken back (no path reads as one).
    mutating func validate() throws {
        if fingerprints.isEmpty {
            let trailing = searchPaths.reversed().prefix { (try? FingerprintQuery($0)) != nil }.count
            fingerprints = Array(searchPaths.suffix(trailing))
            searchPaths.removeLast(trailing)
        }
        guard !fingerprints.isEmpty else { throw ValidationError("No fingerprint given: put one or more before --in, e.g. amikey match 'SHA256:…' --in ./keys") }
    }

    func run() async throws {
        let environment = CommandEnvironment.current
        let context = environment.context(passphrases: try passphrase.provider(environment))
        let report = MatchWorkflow(fingerprints: fingerprints, searchPaths: searchPaths).run(context)
        switch output.format {
        case .json: environment.output.write(MatchRenderer.json(report).serialized() + "\n")
        case .text: environment.output.write(MatchRenderer.text(report, style: environment.textStyle(output)))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
