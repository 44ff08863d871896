import AMIKeyWorkflows
import ArgumentParser

/// Which lab a `lab` command works on, and where the lab's Python package is.
struct LabOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The lab directory (default /var/lib/amikey/lab). Not below a world-writable directory such as /tmp, nor inside /home, /root or /etc/ssh.",
        valueName: "DIR"))
    var dir: String?

    @Option(name: .customLong("lab-source"), help: ArgumentHelp(
        "The amikey project directory holding Lab/amikey_lab (else AMIKEY_LAB_SOURCE, else found above the executable or the working directory).",
        valueName: "DIR"))
    var labSource: String?

    /// The lab directory, absolute.
    func directory(_ environment: CommandEnvironment) -> LabDirectory {
        LabDirectory(path: environment.resolve(dir ?? LabDirectory.defaultPath))
    }

    /// The launcher for that directory with the located sources.
    func launcher(_ environment: CommandEnvironment, context: WorkflowContext) throws(LabFailure) -> LabLauncher {
        let source = try LabSource.locate(given: labSource, executablePath: environment.executablePath, context: context)
        return LabLauncher(directory: directory(environment), source: source)
    }
}
