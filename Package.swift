// swift-tools-version:6.1
import PackageDescription

// One package, targets by concept. Library targets never print or exit; executables do.
let package = Package(
    name: "Plinth",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plinth", targets: ["plinth"]),
        .executable(name: "policy-service", targets: ["policy-service"]),
        .executable(name: "clinic-example", targets: ["clinic-example"]),
        .executable(name: "plinth-bench", targets: ["plinth-bench"]),
        .executable(name: "secret-rotation", targets: ["secret-rotation"]),
        .library(name: "PlinthAuth", targets: ["PlinthAuth"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.1.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.1.0"),
        // OTLP/HTTP only: the gRPC exporter would pull in gRPC for nothing.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.4.0"),
    ],
    targets: [
        // MARK: Platform spec
        /// IPv4 prefixes and address planning; pure arithmetic.
        .target(name: "PlinthAddressing"),
        /// The typed platform model and its schema; no I/O.
        .target(name: "PlinthSpec", dependencies: ["PlinthAddressing"]),
        /// Semantic rules over a decoded spec (references, address plan, prod parity).
        .target(name: "PlinthValidation", dependencies: ["PlinthSpec", "PlinthAddressing"]),
        /// Reads platform.yaml, decodes it with source locations, and reports diagnostics.
        /// Human and machine summaries of a spec (`plinth show`).
        .target(name: "PlinthReport", dependencies: ["PlinthSpec", "PlinthAddressing", "PlinthValidation"]),
        .target(
            name: "PlinthLoader",
            dependencies: [
                "PlinthSpec", "PlinthValidation",
                .product(name: "Yams", package: "Yams"),
            ]),

        /// Synthetic platform specs of any size, for benchmarks and scale tests.
        .target(name: "PlinthFixtures", dependencies: ["PlinthAddressing"]),

        // MARK: Infrastructure
        /// Turns a spec into Terraform stacks (JSON syntax), their stack graph and the file tree.
        .target(name: "PlinthRender", dependencies: ["PlinthSpec", "PlinthAddressing"]),
        /// Pictures of a spec (network, accounts, addresses, stacks) laid out in Swift; SVG, Mermaid, dot.
        .target(name: "PlinthDiagram", dependencies: ["PlinthSpec", "PlinthAddressing", "PlinthRender"]),
        /// Guardrail rules over the spec, the rendered stacks and plan JSON; SARIF, JUnit and evidence.
        .target(name: "PlinthGuardrails", dependencies: ["PlinthSpec", "PlinthAddressing", "PlinthRender"]),
        /// GitHub Actions pipelines of every repository, typed, written as YAML, and their cross-checks.
        .target(name: "PlinthPipelines", dependencies: ["PlinthSpec", "PlinthRender"]),
        /// A small signed (SigV4) AWS API client for reading back what was applied.
        .target(
            name: "PlinthAWS",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        /// Brings rendered stacks up and down: emulator lifecycle, Terraform runs in graph order.
        .target(
            name: "PlinthProvisioning",
            dependencies: [
                "PlinthSpec", "PlinthRender", "PlinthAWS", "PlinthReport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ], resources: [.copy("Resources/moto_corrected.py")]),
        /// Change delivery: which stacks a change touches, saved plans and their guarded apply.
        .target(
            name: "PlinthDelivery",
            dependencies: [
                "PlinthSpec", "PlinthLoader", "PlinthRender", "PlinthProvisioning", "PlinthAWS",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        /// Preview environments: branch slugs, the preview pool's blocks and the DynamoDB lease store.
        .target(
            name: "PlinthPreview",
            dependencies: [
                "PlinthAddressing", "PlinthAWS", "PlinthSpec", "PlinthRender", "PlinthProvisioning", "PlinthReport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        /// Secrets Manager's four rotation steps and the strategies for database logins, signing keys and Auth0 client secrets.
        .target(
            name: "SecretRotation",
            dependencies: [
                "PlinthAWS",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),

        /// The Lambda Runtime API loop for `provided.al2023` functions (no Lambda runtime package here).
        .target(
            name: "LambdaRuntime",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),

        // MARK: RBAC
        /// Permissions, roles, grants, the compiled bundle and its evaluator; pure.
        .target(name: "PolicyModel"),
        /// Token verification and Hummingbird middleware enforcing the policy bundle in-process.
        .target(
            name: "PlinthAuth",
            dependencies: [
                "PolicyModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]),
        /// A local token issuer (keys made at run time, JWKS on 127.0.0.1) and the loopback server of test stand-ins.
        .target(
            name: "PlinthAuthTesting",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        /// The policy service: storage, decision and admin APIs.
        .target(
            name: "PolicyService",
            dependencies: [
                "PolicyModel", "PlinthAuth", "PlinthSpec", "PlinthLoader", "PlinthAWS", "SecretRotation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ], resources: [.copy("openapi.yaml")]),

        // MARK: Executables
        .executableTarget(
            name: "plinth",
            dependencies: [
                "PlinthSpec", "PlinthLoader", "PlinthReport", "PlinthRender", "PlinthDiagram", "PlinthProvisioning", "PlinthDelivery",
                "PlinthGuardrails", "PlinthPipelines", "PolicyService", "PlinthAWS", "PlinthPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "secret-rotation", dependencies: ["LambdaRuntime", "SecretRotation", "PlinthAWS"]),
        .executableTarget(
            name: "policy-service",
            dependencies: [
                "PolicyService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "clinic-example",
            dependencies: [
                "PlinthAuth",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "plinth-bench",
            dependencies: [
                "PlinthSpec", "PlinthLoader", "PlinthValidation", "PlinthFixtures", "PlinthRender", "PlinthDiagram",
                "PolicyModel", "PolicyService", "PlinthAuthTesting", "PlinthDelivery", "PlinthPreview", "PlinthAWS", "PlinthAddressing",
                "PlinthProvisioning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Tests
        .testTarget(
            name: "PlinthAddressingTests",
            dependencies: [
                "PlinthAddressing",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "PlinthLoaderTests", dependencies: ["PlinthLoader", "PlinthSpec", "PlinthFixtures"]),
        .testTarget(name: "PlinthReportTests", dependencies: ["PlinthReport", "PlinthLoader", "PlinthSpec"]),
        .testTarget(name: "PlinthRenderTests", dependencies: ["PlinthRender", "PlinthLoader", "PlinthSpec", "PlinthAddressing"]),
        .testTarget(
            name: "PlinthDiagramTests", dependencies: ["PlinthDiagram", "PlinthRender", "PlinthLoader", "PlinthSpec", "PlinthFixtures"]),
        .testTarget(
            name: "PlinthGuardrailsTests", dependencies: ["PlinthGuardrails", "PlinthLoader", "PlinthSpec", "PlinthRender"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PlinthPipelinesTests",
            dependencies: ["PlinthPipelines", "PlinthRender", "PlinthLoader", "PlinthSpec", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PlinthAWSTests",
            dependencies: [
                "PlinthAWS", "PlinthProvisioning", "PlinthAuthTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(name: "PlinthProvisioningTests", dependencies: ["PlinthProvisioning", "PlinthRender", "PlinthAWS", "PlinthLoader"]),
        .testTarget(
            name: "PlinthDeliveryTests",
            dependencies: ["PlinthDelivery", "PlinthRender", "PlinthProvisioning", "PlinthLoader"]),
        .testTarget(
            name: "PlinthPreviewTests",
            dependencies: ["PlinthPreview", "PlinthAWS", "PlinthAddressing", "PlinthProvisioning", "PlinthLoader", "PlinthSpec"]),
        .testTarget(name: "PolicyModelTests", dependencies: ["PolicyModel"]),
        .testTarget(
            name: "LambdaRuntimeTests",
            dependencies: [
                "LambdaRuntime", "PlinthAuthTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        /// Test support shared by test targets: a PostgreSQL of a test's own (scripts/lib/postgres.sh).
        .target(name: "PostgresTestSupport", path: "Tests/PostgresTestSupport"),
        .testTarget(
            name: "SecretRotationTests",
            dependencies: [
                "SecretRotation", "PlinthAWS", "PlinthProvisioning", "PlinthAuth", "PlinthAuthTesting", "PolicyService",
                "PostgresTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        /// Checks over platform-modules/ (README tables against variables.tf and outputs.tf); reads files only.
        .testTarget(name: "PlatformModulesTests"),
        .testTarget(
            name: "PlinthAuthTests",
            dependencies: [
                "PlinthAuth", "PolicyModel", "PlinthAuthTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]),
        .testTarget(
            name: "ClinicExampleTests",
            dependencies: [
                "clinic-example", "PlinthAuth", "PlinthAuthTesting", "PolicyModel", "PolicyService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "PolicyServiceTests",
            dependencies: [
                "PolicyService", "PolicyModel", "PlinthAuth", "PlinthAuthTesting", "PostgresTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
