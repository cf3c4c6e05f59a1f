// swift-tools-version:6.1
import PackageDescription

/// One settings block for every target: Swift 6 language mode with strict concurrency.
let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // The generated messages keep their fields in a class; checking exclusive access on every field
    // read costs a fifth of decoding time in release builds. Debug builds keep the checks.
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let protobuf: Target.Dependency = .product(name: "SwiftProtobuf", package: "swift-protobuf")
let grpcCore: Target.Dependency = .product(name: "GRPCCore", package: "grpc-swift-2")
let grpcProtobuf: Target.Dependency = .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf")
let grpcHTTP2: Target.Dependency = .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport")
let grpcInProcess: Target.Dependency = .product(name: "GRPCInProcessTransport", package: "grpc-swift-2")

let package = Package(
    name: "loupe",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loupe", targets: ["loupe"]),
        .executable(name: "loupe-agent", targets: ["loupe-agent"]),
        .library(name: "HubbleAPI", targets: ["HubbleAPI"]),
        .library(name: "FlowModel", targets: ["FlowModel"]),
        .library(name: "FilterLanguage", targets: ["FilterLanguage"]),
        .library(name: "FlowOutput", targets: ["FlowOutput"]),
        .library(name: "PolicyEngine", targets: ["PolicyEngine"]),
        .library(name: "ClusterSimulation", targets: ["ClusterSimulation"]),
        .library(name: "FlowClient", targets: ["FlowClient"]),
        .library(name: "AgentServer", targets: ["AgentServer"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
        .library(name: "TrafficAnalysis", targets: ["TrafficAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The generated messages: what every layer reads.
        .target(name: "HubbleAPI", dependencies: [protobuf], swiftSettings: settings),
        // The generated gRPC client and server stubs: only the network targets (FlowClient,
        // AgentServer) depend on them, so formatters, the filter language and the dashboard cannot.
        .target(name: "HubbleServices", dependencies: ["HubbleAPI", protobuf, grpcCore, grpcProtobuf], swiftSettings: settings),
        .target(
            name: "FlowModel",
            dependencies: [
                "HubbleAPI",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: settings
        ),
        .target(name: "FilterLanguage", dependencies: ["FlowModel", "HubbleAPI", protobuf], swiftSettings: settings),
        .target(
            name: "PolicyEngine", dependencies: ["FlowModel", "HubbleAPI", "FilterLanguage", .product(name: "Yams", package: "Yams")], swiftSettings: settings),
        .target(
            name: "ClusterSimulation",
            dependencies: [
                "FlowModel", "HubbleAPI", "PolicyEngine", protobuf, .product(name: "Yams", package: "Yams"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: settings),
        .target(
            name: "AgentServer",
            dependencies: [
                "FlowModel", "HubbleAPI", "HubbleServices", "FilterLanguage", "ClusterSimulation", protobuf, grpcCore, grpcProtobuf, grpcHTTP2,
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP2", package: "swift-nio-http2"), .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ],
            swiftSettings: settings),
        .target(name: "FlowOutput", dependencies: ["FlowModel", "HubbleAPI", protobuf], swiftSettings: settings),
        .target(name: "TrafficAnalysis", dependencies: ["FlowModel", "HubbleAPI", "FlowOutput", "PolicyEngine", protobuf], swiftSettings: settings),
        .target(name: "BuildInfo", swiftSettings: settings),
        // No pkgConfig: its flags for ncursesw (-D_XOPEN_SOURCE=600 …) are refused by SwiftPM with a warning on
        // every build; the module map links ncursesw (which brings tinfo) and the shim includes its header.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(
            name: "Dashboard",
            dependencies: [
                "FlowModel", "HubbleAPI", "FilterLanguage", "FlowOutput", "TrafficAnalysis", "CNcursesw", protobuf,
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: settings),
        .target(
            name: "FlowClient",
            dependencies: [
                "FlowModel", "HubbleAPI", "HubbleServices", "FilterLanguage", protobuf, grpcCore, grpcProtobuf, grpcHTTP2,
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: settings),
        // What loupe's commands do below their argument definitions: settings, servers, printing a
        // stream, the dashboard's feed, reports and exit statuses; tested in process.
        .target(
            name: "LoupeCommands",
            dependencies: [
                "FlowModel", "HubbleAPI", "FilterLanguage", "FlowOutput", "FlowClient", "AgentServer", "ClusterSimulation", "Dashboard",
                "TrafficAnalysis", "PolicyEngine", "BuildInfo", protobuf, grpcCore, grpcHTTP2, grpcInProcess, .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "loupe",
            dependencies: [
                "LoupeCommands", "FlowModel", "HubbleAPI", "FilterLanguage", "FlowOutput", "FlowClient", "Dashboard", "TrafficAnalysis", "BuildInfo", protobuf,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "loupe-agent",
            dependencies: [
                "ClusterSimulation", "PolicyEngine", "FlowOutput", "AgentServer", "FlowClient", "FlowModel", "HubbleAPI", "BuildInfo", grpcCore, grpcHTTP2,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        .target(name: "LoupeTestSupport", path: "Tests/LoupeTestSupport", swiftSettings: settings),
        .testTarget(name: "FlowModelTests", dependencies: ["FlowModel", "HubbleAPI", "LoupeTestSupport", protobuf], swiftSettings: settings),
        .testTarget(name: "FilterLanguageTests", dependencies: ["FilterLanguage", "FlowModel", "HubbleAPI", "LoupeTestSupport", protobuf], swiftSettings: settings),
        .testTarget(
            name: "ClusterSimulationTests", dependencies: ["ClusterSimulation", "PolicyEngine", "FlowModel", "HubbleAPI", "FlowOutput", "LoupeTestSupport", protobuf],
            swiftSettings: settings),
        .testTarget(
            name: "AgentServerTests",
            dependencies: [
                "AgentServer", "FlowModel", "HubbleAPI", "HubbleServices", "FlowClient", "LoupeTestSupport", grpcCore, grpcInProcess, grpcHTTP2, protobuf,
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: settings),
        .testTarget(name: "PolicyEngineTests", dependencies: ["PolicyEngine", "FlowModel", "HubbleAPI"], swiftSettings: settings),
        .testTarget(
            name: "DashboardTests", dependencies: ["Dashboard", "FlowModel", "HubbleAPI", "FlowOutput", "LoupeTestSupport", protobuf],
            exclude: ["Golden"], swiftSettings: settings),
        .testTarget(
            name: "TrafficAnalysisTests",
            dependencies: ["TrafficAnalysis", "FlowModel", "HubbleAPI", "PolicyEngine", "ClusterSimulation", "LoupeTestSupport", protobuf],
            exclude: ["Golden"], swiftSettings: settings),
        .testTarget(name: "FlowOutputTests", dependencies: ["FlowOutput", "FlowModel", "HubbleAPI", "LoupeTestSupport", protobuf], swiftSettings: settings),
        .testTarget(
            name: "FlowClientTests",
            dependencies: [
                "FlowClient", "FlowModel", "HubbleAPI", "HubbleServices", "FilterLanguage", "AgentServer", grpcCore, grpcInProcess, protobuf,
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ],
            swiftSettings: settings),
        .testTarget(name: "loupe-agentTests", dependencies: ["loupe-agent", "LoupeTestSupport"], swiftSettings: settings),
        .testTarget(
            name: "loupeTests",
            dependencies: [
                "loupe", "LoupeCommands", "Dashboard", "FlowOutput", "FlowClient", "FilterLanguage", "LoupeTestSupport", "HubbleAPI", protobuf, grpcCore,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], exclude: ["Golden"], swiftSettings: settings),
    ]
)
