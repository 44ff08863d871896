// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way (DESIGN.md "Architecture"): amikey → AMIKeyCLI → AMIKeyWorkflows → EC2Evidence → SSHKeys;
// AMIKeyWorkflows → SSHSession → SSHKeys;
// amikey → AMIKeyCLI → AMIKeyWorkflows → AWSServices → AWSCore → AWSSigV4.
let package = Package(
    name: "amikey",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "amikey", targets: ["amikey"]),
        .library(name: "SSHKeys", targets: ["SSHKeys"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
    ],
    targets: [
        .executableTarget(name: "amikey", dependencies: ["AMIKeyCLI"]),
        .target(
            name: "AMIKeyCLI",
            dependencies: [
                "AMIKeyWorkflows", "EC2Evidence", "SSHKeys", "AWSCore", "AWSServices",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "AMIKeyWorkflows", dependencies: ["EC2Evidence", "SSHSession", "SSHKeys", "AWSSigV4", "AWSCore", "AWSServices", .product(name: "Crypto", package: "swift-crypto")]),
        // Console-log parsing (cloud-init tables, host keys, banners): pure, on top of SSHKeys only.
        .target(name: "EC2Evidence", dependencies: ["SSHKeys"]),
        // The OpenSSH client as a subprocess: pure too (builds `ssh` arguments, reads ssh's output); callers run ssh.
        .target(name: "SSHSession", dependencies: ["SSHKeys"]),
        .target(
            name: "SSHKeys",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            // Key derivations (bcrypt_pbkdf, Argon2) are unusably slow at -Onone; debug builds and tests
            // still get optimised crypto this way.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // The AWS layer, bottom up: SigV4 in stages (pure); AWSCore's configuration, wire protocols, errors, retries,
        // waiters, pagination, the HTTP transport, signing client and redacting request log.
        .target(name: "AWSSigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AWSCore",
            dependencies: [
                "AWSSigV4",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                // NIO's error types tell "nothing was sent" from "the call may have taken effect".
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Typed EC2/STS/SSM/EC2 Instance Connect/KMS/Organizations operations (pure: requests and decoders).
        .target(name: "AWSServices", dependencies: ["AWSCore"]),
        .executableTarget(
            name: "amikey-fuzz",
            dependencies: ["SSHKeys", "EC2Evidence"],
            path: "Fuzz/Sources/amikey-fuzz"
        ),
        // Runs the real tools (ssh-keygen, puttygen, openssl) that every suite uses as oracles; not a product.
        .target(name: "AMIKeyTestSupport", path: "Tests/AMIKeyTestSupport"),
        .target(
            name: "AWSTestSupport",
            dependencies: [
                "AWSCore", "AWSSigV4", "AMIKeyTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/AWSTestSupport"
        ),
        .testTarget(name: "SSHKeysTests", dependencies: ["SSHKeys", "AMIKeyTestSupport"]),
        .testTarget(name: "SSHSessionTests", dependencies: ["SSHSession", "SSHKeys", "AMIKeyTestSupport"]),
        .testTarget(name: "EC2EvidenceTests", dependencies: ["EC2Evidence", "SSHKeys", "AMIKeyTestSupport"]),
        .testTarget(
            name: "AMIKeyWorkflowsTests",
            dependencies: ["AMIKeyWorkflows", "EC2Evidence", "SSHKeys", "AWSCore", "AWSServices", "AMIKeyTestSupport", "AWSTestSupport"]
        ),
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"], resources: [.copy("Vectors")]),
        .testTarget(
            name: "AWSCoreTests",
            dependencies: [
                "AWSCore", "AWSSigV4", "AWSTestSupport", "AMIKeyTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "AWSServicesTests", dependencies: ["AWSServices", "AWSCore", "AWSTestSupport"]),
        .testTarget(
            name: "AMIKeyCLITests",
            dependencies: ["AMIKeyCLI", "AMIKeyWorkflows", "EC2Evidence", "SSHKeys", "SSHSession", "AWSCore", "AMIKeyTestSupport", "AWSTestSupport"]
        ),
    ]
)
