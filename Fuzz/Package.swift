// swift-tools-version:5.9
import PackageDescription

/// A coverage-guided fuzz target (libFuzzer) for thaireport's parse → template → model path, in a
/// package of its own so that the main build never links libFuzzer. Built and run by
/// `scripts/fuzz.sh` with `swift build -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library`.
let package = Package(
    name: "thaireport-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "thaireport", path: "..")],
    targets: [
        .executableTarget(name: "FuzzDescription", dependencies: [.product(name: "ThaiReport", package: "thaireport")]),
    ]
)
