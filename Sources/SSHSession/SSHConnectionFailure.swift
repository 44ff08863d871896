/// Why ssh never got as far as a key being accepted or refused, read from its error output.
public enum SSHConnectionFailure: Sendable, Hashable, CustomStringConvertible {
    /// The TCP connection or the SSH banner did not come within `ConnectTimeout`.
    case timedOut
    /// Nothing listens on the port (or a firewall rejects the connection).
    case connectionRefused
    /// The host name does not resolve.
    case hostnameUnresolved
    /// No route to the host, or the network is unreachable.
    case noRoute
    /// The server's host key is not the pinned one (`REMOTE HOST IDENTIFICATION HAS CHANGED`).
    case hostKeyMismatch
    /// No host key is known for the host, and strict checking forbids learning it.
    case hostKeyUnknown
    /// Client and server share no host key algorithm; `offer` is the server's list.
    case noMatchingHostKeyType(offer: String)
    /// The server closed the connection before or during the key exchange (`kex_exchange_identification`, a full
    /// `MaxStartups`, a TCP wrapper); `line` is ssh's message.
    case closedByRemote(line: String)
    /// sshd hung up after `MaxAuthTries` refused keys; offer fewer keys per connection.
    case tooManyAuthenticationFailures
    /// Anything else; `line` is ssh's last message.
    case other(line: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .timedOut: "the connection timed out"
        case .connectionRefused: "the connection was refused (nothing listens on that port)"
        case .hostnameUnresolved: "the host name does not resolve"
        case .noRoute: "there is no route to the host"
        case .hostKeyMismatch: "the server's host key is not the pinned one"
        case .hostKeyUnknown: "no host key is known for the host, and it is never accepted blindly"
        case .noMatchingHostKeyType(let offer): "no host key type in common; the server offers \(offer)"
        case .closedByRemote(let line): "the server closed the connection: \(line)"
        case .tooManyAuthenticationFailures: "the server hung up after too many refused keys"
        case .other(let line): line
        }
    }
}
