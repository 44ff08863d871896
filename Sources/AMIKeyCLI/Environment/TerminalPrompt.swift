#if canImport(Glibc)
import Glibc
#endif

/// Asks for a passphrase on the controlling terminal with echo off, as ssh-keygen does; nil without a terminal.
enum TerminalPrompt {
    static func readSecret(_ question: String) -> [UInt8]? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var original = termios()
        guard tcgetattr(tty, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        _ = question.withCString { Glibc.write(tty, $0, strlen($0)) }
        guard tcsetattr(tty, TCSAFLUSH, &silent) == 0 else { return nil }
        defer { tcsetattr(tty, TCSAFLUSH, &original) }
        var answer: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1, byte != 0x0A, byte != 0x0D { answer.append(byte) }
        return answer
    }
}
