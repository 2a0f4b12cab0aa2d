// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "toyworld",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "toyworld", targets: ["toyworld"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System libraries, with inline C shims for what Swift cannot import (HDF5's type macros).
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev"])]),

        // Foundations: numerics and artifact files. Neither knows about pipelines or worlds.
        .target(name: "Linalg", dependencies: ["CBLAS"]),
        .target(name: "Artifacts", dependencies: ["CHDF5"]),

        // The pipeline engine and the generic figure stage: know nothing about any world.
        .target(name: "Pipeline", dependencies: ["Artifacts", .product(name: "Yams", package: "Yams")]),
        .target(name: "Plots", dependencies: ["Artifacts", "Pipeline"]),

        // The training engine.
        .target(name: "Transformer", dependencies: ["Linalg", "Artifacts"]),

        // Worlds: each registers its stage kinds with the pipeline.
        .target(name: "LinearSystems", dependencies: ["Linalg", "Transformer", "Artifacts", "Pipeline"]),
        .target(name: "Coopetition", dependencies: ["Linalg", "Artifacts", "Pipeline"]),
        .target(name: "ContextualRecall", dependencies: ["Linalg", "Transformer", "Artifacts", "Pipeline"]),

        .executableTarget(name: "toyworld", dependencies: [
            "Pipeline", "Artifacts", "Plots", "Linalg", "Transformer", "LinearSystems", "Coopetition", "ContextualRecall",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "ArtifactsTests", dependencies: ["Artifacts"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Artifacts"]),
        .testTarget(name: "TransformerTests", dependencies: ["Transformer", "Linalg", "Artifacts"]),
        .testTarget(name: "LinearSystemsTests", dependencies: ["LinearSystems", "Linalg", "Artifacts", "Pipeline"]),
        .testTarget(name: "CoopetitionTests", dependencies: ["Coopetition", "Linalg", "Artifacts", "Pipeline", "Plots"]),
        .testTarget(name: "ContextualRecallTests", dependencies: ["ContextualRecall", "Linalg", "Artifacts", "Pipeline", "Transformer", "Plots"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "Artifacts", "Pipeline"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Artifacts"]),
    ],
    swiftLanguageModes: [.v5]
)
