// swift-tools-version:6.1
import PackageDescription

// A protoc plugin that writes loupe's hubble-compatible JSON codec for the messages of our .proto files.
// It lives outside the main package so that the product never depends on the plugin library.
let package = Package(
    name: "CodecGenerator",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0")
    ],
    targets: [
        .executableTarget(
            name: "protoc-gen-loupe-json",
            dependencies: [.product(name: "SwiftProtobufPluginLibrary", package: "swift-protobuf")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
