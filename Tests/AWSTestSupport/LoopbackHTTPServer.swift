import AWSCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A scripted HTTP/1.1 server on 127.0.0.1 for tests: every request goes to a handler that decides the reply,
/// so a test can play a credentials endpoint, the SSO portal, instance metadata, or a faulty network.
///
/// Keep-alive connections are served request by request, as a real endpoint would; the handler may sleep to
/// answer slowly. `.reset` closes the connection with a TCP RST and no answer, which is what a client sees when
/// a server or middlebox drops it mid-call.
///
/// ## Usage
/// ```swift
/// let server = try await LoopbackHTTPServer.start { request in
///     request.path == "/creds" ? .json(200, #"{"AccessKeyId": "AKID", ...}"#) : .text(404, "no")
/// }
/// defer { Task { try await server.shutdown() } }
/// let url = server.baseURL + "/creds"        // http://127.0.0.1:PORT/creds
/// server.requests.first?.headers["Authorization"]
/// ```
public final class LoopbackHTTPServer: Sendable {
    /// One request as received.
    public struct Request: Sendable {
        /// `GET`, `PUT`, …
        public let method: String
        /// The request target as sent: path and query.
        public let uri: String
        /// The header lines in order.
        public let headers: AWSHTTPHeaders
        /// The whole body.
        public let body: [UInt8]

        /// The target without its query.
        public var path: String { String(uri.prefix { $0 != "?" }) }

        /// The query's `name=value` pairs, percent-decoded, in order.
        public var queryItems: [(name: String, value: String)] {
            guard let start = uri.firstIndex(of: "?") else { return [] }
            return uri[uri.index(after: start)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let decode = { (text: Substring) in text.removingPercentEncoding ?? String(text) }
                return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
            }
        }

        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// What the server does with a request.
    public enum Reply: Sendable {
        /// Answer with this status, header lines and body (`Content-Length` is added).
        case response(status: Int, headers: [(String, String)], body: [UInt8])
        /// Drop the connection with a TCP reset and no answer.
        case reset

        /// A JSON answer.
        public static func json(_ status: Int, _ text: String) -> Reply {
            .response(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }

        /// A plain-text (or XML) answer.
        public static func text(_ status: Int, _ text: String, contentType: String = "text/plain") -> Reply {
            .response(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
        }
    }

    /// Decides the reply to each request.
    public typealias Handler = @Sendable (Request) async -> Reply

    /// The port the server listens on.
    public let port: Int
    private let serverChannel: any Channel
    private let log: RequestLog

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [Request] { log.requests.withLock { $0 } }

    private init(serverChannel: any Channel, port: Int, log: RequestLog) {
        self.serverChannel = serverChannel
        self.port = port
        self.log = log
    }

    /// Starts a server on a free loopback port; it runs until ``shutdown()``.
    public static func start(handler: @escaping Handler) async throws -> LoopbackHTTPServer {
        let log = RequestLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        ScriptedHandler(handler: handler, log: log, channel: channel))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw StartFailure() }
        return LoopbackHTTPServer(serverChannel: channel, port: port, log: log)
    }

    /// Stops listening; connections already open are closed by their clients or at process exit.
    public func shutdown() async throws {
        try await serverChannel.close()
    }

    /// The server channel had no local address after binding.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String { "the loopback HTTP server bound no port" }
    }
}

/// The requests every connection's handler received, shared with the server object.
private final class RequestLog: Sendable {
    let requests = Mutex<[LoopbackHTTPServer.Request]>([])

    func record(_ request: LoopbackHTTPServer.Request) {
        requests.withLock { $0.append(request) }
    }
}

/// Collects one request at a time and writes the handler's reply; requests on one connection are answered in order
/// because the next request's parts are not read until the reply is written (`autoRead` is paused meanwhile).
private final class ScriptedHandler: ChannelInboundHandler, @unchecked Sendable {  // used on its event loop only
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: LoopbackHTTPServer.Handler
    private let log: RequestLog
    private let channel: any Channel
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(handler: @escaping LoopbackHTTPServer.Handler, log: RequestLog, channel: any Channel) {
        self.handler = handler
        self.log = log
        self.channel = channel
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            let request = LoopbackHTTPServer.Request(
                method: head.method.rawValue, uri: head.uri,
                headers: AWSHTTPHeaders(head.headers.map { ($0.name, $0.value) }), body: body)
            log.record(request)
            respond(to: request, keepAlive: head.isKeepAlive)
        }
    }

    private func respond(to request: LoopbackHTTPServer.Request, keepAlive: Bool) {
        let channel = self.channel
        let handler = self.handler
        _ = channel.setOption(ChannelOptions.autoRead, value: false)
        Task {
            let reply = await handler(request)
            switch reply {
            case .reset:
                // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
                if let socket = channel as? any SocketOptionProvider {
                    try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                }
                try? await channel.close()
            case .response(let status, let headers, let body):
                var fields = HTTPHeaders(headers)
                fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
                if !keepAlive { fields.replaceOrAdd(name: "Connection", value: "close") }
                let head = HTTPResponseHead(
                    version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: fields)
                channel.write(HTTPServerResponsePart.head(head), promise: nil)
                channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
                try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil)).get()
                if keepAlive {
                    _ = channel.setOption(ChannelOptions.autoRead, value: true)
                } else {
                    try? await channel.close()
                }
            }
        }
    }
}
