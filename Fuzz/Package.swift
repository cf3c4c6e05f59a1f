// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for what loupe reads from outside: JSON lines, protobuf responses, filter
// expressions, scenario and policy YAML, regular expressions. Built and run by dev/fuzz.sh, which
// passes -sanitize=fuzzer,address to every module (see docs/fuzzing.md); each target is a
// function handed to libFuzzer's driver by the target's entry point (SwiftPM names an executable's
// entry point after its module, so libFuzzer's own main is not used).
let targets = ["fuzz-json-line", "fuzz-protobuf", "fuzz-expression", "fuzz-yaml", "fuzz-regex"]

let package = Package(
    name: "LoupeFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "loupe", path: ".."),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
    ],
    targets: [.target(name: "FuzzerDriver")] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzerDriver",
                .product(name: "FlowModel", package: "loupe"),
                .product(name: "HubbleAPI", package: "loupe"),
                .product(name: "FilterLanguage", package: "loupe"),
                .product(name: "PolicyEngine", package: "loupe"),
                .product(name: "ClusterSimulation", package: "loupe"),
                .product(name: "FlowOutput", package: "loupe"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .unsafeFlags(["-parse-as-library"])],
            // gold fails on the entry point SwiftPM defines next to libFuzzer's; lld links it.
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
        )
    }
)
