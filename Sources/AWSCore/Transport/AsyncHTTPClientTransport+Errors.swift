import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AsyncHTTPClientTransport {
    /// Classifies an async-http-client / SwiftNIO failure by how far the request got.
    ///
    /// Only failures that certainly happened before the request was written are "nothing sent" (DNS, refused or
    /// unreachable connections, TLS handshake, connect timeouts); anything unrecognised counts as "may have
    /// taken effect", so a call without an idempotency token is reconciled rather than blindly repeated.
    static func transportError(for error: any Error) -> any Error {
        if error is CancellationError { return error }
        if let error = error as? HTTPTransportError { return error }
        if let error = error as? HTTPClientError {
            if error == .cancelled { return CancellationError() }
            if let kind = kind(of: error) { return HTTPTransportError(kind, detail: "\(error)") }
        }
        if let error = error as? NIOConnectionError {
            // Every address failed to connect; with no connection attempt at all, resolution itself failed.
            let kind: RetryFailure.Transport = error.connectionErrors.isEmpty ? .dnsFailure : .connectFailure
            return HTTPTransportError(kind, detail: "\(error)")
        }
        if error is SocketAddressError { return HTTPTransportError(.dnsFailure, detail: "\(error)") }
        if let error = error as? IOError, notSentErrnos.contains(error.errnoCode) {
            return HTTPTransportError(.connectFailure, detail: "\(error)")
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return HTTPTransportError(.connectTimeout, detail: "\(error)")
        }
        if let error = error as? NIOSSLError, case .handshakeFailed = error {
            return HTTPTransportError(.connectFailure, detail: "TLS handshake failed: \(error)")
        }
        if error is BoringSSLError { return HTTPTransportError(.connectFailure, detail: "TLS: \(error)") }
        return HTTPTransportError(.connectionReset, detail: "\(error)")
    }

    /// The async-http-client errors whose timing is known.
    static func kind(of error: HTTPClientError) -> RetryFailure.Transport? {
        switch error {
        case .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
            .getConnectionFromPoolTimeout:
            return .connectTimeout
        // The overall deadline may pass before or after the request is written: assume after.
        case .readTimeout, .writeTimeout, .deadlineExceeded:
            return .readTimeout
        case .remoteConnectionClosed:
            return .connectionReset
        default:
            return nil
        }
    }

    /// `connect(2)` failures: the request never left.
    static let notSentErrnos: Set<Int32> = [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL]
}
