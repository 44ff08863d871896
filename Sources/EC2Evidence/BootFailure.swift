/// A console line showing that a boot did not reach a working system, so sshd never started or the login user's home
/// is missing (reference/ssh-on-ec2.md §6 #6; the "Server refused our key" article lists the `/etc/fstab` mount).
///
/// systemd prints these on the console as status lines, coloured with ANSI escapes, which are removed first:
/// `[FAILED] Failed to mount /data.` (systemd 253 and later: `Failed to mount data.mount - /data.`),
/// `[ TIME ] Timed out waiting for device /dev/xvdf.`, then `You are in emergency mode.` (older:
/// `Welcome to emergency mode!`, `Give root password for maintenance`).
public struct BootFailure: Sendable, Hashable {
    /// What went wrong.
    public enum Kind: String, Sendable, Hashable {
        /// The boot stopped in systemd's emergency shell: nothing but the root file system, no network, no sshd.
        case emergencyMode = "emergency-mode"
        /// A file system in `/etc/fstab` could not be mounted.
        case mountFailed = "mount-failed"
        /// A device named in `/etc/fstab` never appeared (a device name that changed with the instance type).
        case deviceTimedOut = "device-timed-out"
        /// The kernel stopped.
        case kernelPanic = "kernel-panic"
        /// The emergency shell cannot be entered: root has no password (`sulogin`), so the serial console is no way in.
        case rootLocked = "root-locked"
    }

    /// What went wrong.
    public var kind: Kind
    /// The mount point or device, when the line names one.
    public var subject: String?
    /// The line as printed, escapes removed.
    public var text: String
    /// 1-based line in the log.
    public var line: Int
    /// 1-based boot the line belongs to.
    public var boot: Int

    /// A failure from its parts.
    public init(kind: Kind, subject: String? = nil, text: String, line: Int, boot: Int) {
        self.kind = kind
        self.subject = subject
        self.text = text
        self.line = line
        self.boot = boot
    }

    /// The failure a console line shows, if any.
    static func reading(_ raw: Substring, line: Int, boot: Int) -> BootFailure? {
        let text = withoutEscapes(raw).trimmingSuffix { $0 == " " }
        let failure = { (kind: Kind, subject: Substring?) in
            BootFailure(kind: kind, subject: subject.map(unitSubject), text: String(text), line: line, boot: boot)
        }
        if text.contains("You are in emergency mode") || text.contains("Welcome to emergency mode")
            || text.contains("Give root password for maintenance") {
            return failure(.emergencyMode, nil)
        }
        if text.contains("Cannot open access to console, the root account is locked") { return failure(.rootLocked, nil) }
        if let range = text.range(of: "Kernel panic - not syncing") { return failure(.kernelPanic, text[range.upperBound...].drop { $0 == ":" || $0 == " " }) }
        if let range = text.range(of: "Failed to mount ") { return failure(.mountFailed, text[range.upperBound...]) }
        if let range = text.range(of: "Timed out waiting for device ") { return failure(.deviceTimedOut, text[range.upperBound...]) }
        return nil
    }

    /// `data.mount - /data.` → `/data`; `/dev/xvdf.` → `/dev/xvdf`.
    private static func unitSubject(_ text: Substring) -> String {
        var subject = text.trimmingSuffix { $0 == "." || $0 == " " }
        if let dash = subject.range(of: " - ") { subject = subject[dash.upperBound...] }
        return String(subject)
    }

    /// The text without ANSI CSI sequences (`ESC [ … letter`), which systemd uses for its coloured status.
    static func withoutEscapes(_ line: Substring) -> Substring {
        guard line.contains("\u{1B}") else { return line }
        var result = ""
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "\u{1B}", line.index(after: index) < line.endIndex, line[line.index(after: index)] == "[" {
                var end = line.index(index, offsetBy: 2)
                while end < line.endIndex, !(line[end].isASCII && line[end].isLetter) { end = line.index(after: end) }
                index = end < line.endIndex ? line.index(after: end) : end
                continue
            }
            result.append(line[index])
            index = line.index(after: index)
        }
        return Substring(result)
    }
}
