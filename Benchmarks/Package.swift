// swift-tools-version:6.1
import PackageDescription

// Throughput and memory benchmarks for loupe's hot paths, kept out of the product's package.
// Run: swift run -c release --package-path Benchmarks loupe-bench (see README.md).
let package = Package(
    name: "LoupeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "loupe", path: ".."),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
    ],
    targets: [
        .executableTarget(
            name: "loupe-bench",
            dependencies: [
                .product(name: "FlowModel", package: "loupe"),
                .product(name: "HubbleAPI", package: "loupe"),
                .product(name: "FlowOutput", package: "loupe"),
                .product(name: "FlowClient", package: "loupe"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "filter-bench",
            dependencies: [
                .product(name: "FilterLanguage", package: "loupe"),
                .product(name: "FlowModel", package: "loupe"),
                .product(name: "HubbleAPI", package: "loupe"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "agent-bench",
            dependencies: [
                .product(name: "AgentServer", package: "loupe"),
                .product(name: "ClusterSimulation", package: "loupe"),
                .product(name: "FlowClient", package: "loupe"),
                .product(name: "FlowModel", package: "loupe"),
                .product(name: "HubbleAPI", package: "loupe"),
                .product(name: "FlowOutput", package: "loupe"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCInProcessTransport", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "dashboard-bench",
            dependencies: [
                .product(name: "Dashboard", package: "loupe"),
                .product(name: "ClusterSimulation", package: "loupe"),
                .product(name: "FlowModel", package: "loupe"),
                .product(name: "HubbleAPI", package: "loupe"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
