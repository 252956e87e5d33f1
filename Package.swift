// swift-tools-version:5.9
import PackageDescription

/// thaireport: a YAML description of an official Thai report becomes a print-ready PDF.
/// Pipeline, one module per stage, dependencies pointing one way:
/// ThaiText (Thai digits, numbers, money, dates; no dependencies) is shared by the stages.
/// ReportSyntax (YAML → located nodes) → ReportTemplates (a template filled from the description's
/// fields gives the full description) → ReportModel (validated document) → ReportLayout (pages of
/// positioned items, measured with Pango) → ReportRender (Cairo PDF). Graphics wraps every C object.
let package = Package(
    name: "thaireport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "thaireport", targets: ["thaireport"]),
        .library(name: "ThaiReport", targets: ["ThaiReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .target(name: "Graphics", dependencies: ["CPangoCairo", "CQPDF", "CJPEG"]),
        .target(name: "LibYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "ReportSyntax", dependencies: ["LibYAML", .product(name: "Yams", package: "Yams")]),
        .target(name: "ThaiText"),
        .target(name: "ReportTemplates", dependencies: ["ReportSyntax", "ThaiText"]),
        .target(name: "ReportModel", dependencies: ["ReportSyntax", "ThaiText"]),
        .target(name: "ReportLayout", dependencies: ["ReportModel", "ReportSyntax", "ThaiText", "Graphics"]),
        .target(name: "ReportRender", dependencies: ["ReportLayout", "ReportModel", "ThaiText", "Graphics"]),
        .target(name: "ThaiReport", dependencies: ["ReportSyntax", "ReportTemplates", "ReportModel", "ReportLayout", "ReportRender", "Graphics", "ThaiText"]),
        .executableTarget(
            name: "thaireport",
            dependencies: ["ThaiReport", "ReportTemplates", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "ThaiTextTests", dependencies: ["ThaiText"]),
        .testTarget(name: "GraphicsTests", dependencies: ["Graphics"]),
        .testTarget(name: "ReportSyntaxTests", dependencies: ["ReportSyntax"]),
        .testTarget(name: "ReportTemplatesTests", dependencies: ["ReportTemplates", "ReportSyntax"]),
        .testTarget(name: "ReportModelTests", dependencies: ["ReportModel", "ReportSyntax"]),
        .target(name: "LayoutTestSupport", dependencies: ["ReportLayout", "ReportModel", "ReportSyntax", "ThaiText", "Graphics", "ThaiReport"],
                path: "Tests/LayoutTestSupport"),
        .testTarget(name: "ReportLayoutTests", dependencies: ["ReportLayout", "ReportModel", "ReportSyntax", "ThaiText", "Graphics", "ThaiReport",
                                                             "LayoutTestSupport"]),
        .testTarget(name: "ReportRenderTests", dependencies: ["ReportRender", "ReportLayout", "ReportModel", "Graphics"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ThaiReport", "ReportSyntax", "Graphics", .product(name: "Yams", package: "Yams")]),
    ]
)
