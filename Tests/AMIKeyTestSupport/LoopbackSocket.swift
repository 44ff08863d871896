#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP socket bound to 127.0.0.1 on a port the kernel picks: used to find a free port, or kept listening
/// without ever accepting, so a request is written and no answer comes (a read timeout).
public final class LoopbackSocket: @unchecked Sendable {
    /// The bound port.
    public let port: Int
    private var descriptor: Int32

    /// Binds (and with `listen`, listens on) a fresh loopback port.
    public init(listen: Bool) throws {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw SocketFailure(step: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            closeDescriptor(descriptor)
            throw SocketFailure(step: "bind")
        }
        if listen, listenOnSocket(descriptor, 16) != 0 {
            closeDescriptor(descriptor)
            throw SocketFailure(step: "listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.descriptor = descriptor
    }

    /// A port nothing listens on right now.
    public static func freePort() throws -> Int {
        let socket = try LoopbackSocket(listen: false)
        socket.close()
        return socket.port
    }

    /// Closes the socket (idempotent).
    public func close() {
        if descriptor >= 0 {
            closeDescriptor(descriptor)
            descriptor = -1
        }
    }

    deinit { close() }

    /// A socket call failed.
    public struct SocketFailure: Error, CustomStringConvertible {
        /// The failing call.
        public let step: String
        /// What failed.
        public var description: String { "\(step) failed on a loopback socket" }
    }
}

private func listenOnSocket(_ descriptor: Int32, _ backlog: Int32) -> Int32 {
    listen(descriptor, backlog)
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}
