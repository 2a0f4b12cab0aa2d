// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Code generation for the building machine's vector unit. toyworld is built from source where
/// it runs, so on an x86-64 machine with AVX2 and FMA (Haswell, Zen and later) every Swift
/// target is compiled for them: the elementwise loops (GELU, softmax, layer norm, reductions)
/// then use 256-bit instead of 128-bit vectors. The arithmetic is unchanged: Swift never fuses a
/// multiply and an add on its own, so the same seed gives the same bits (`toyworld bench train`
/// prints a parameter digest to check this). TOYWORLD_PORTABLE=1 builds for any x86-64.
let hostTuning: [SwiftSetting] = {
    #if os(Linux) && arch(x86_64)
    if ProcessInfo.processInfo.environment["TOYWORLD_PORTABLE"] == "1" { return [] }
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
    let flags = Set(flagLine.split(separator: " ").map(String.init))
    let haswell: Set<String> = ["avx", "avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "f16c", "popcnt"]
    return haswell.isSubset(of: flags) ? [.unsafeFlags(["-target-cpu", "haswell"])] : []
    #else
    return []
    #endif
}()

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
        .target(name: "Induction", dependencies: ["Linalg", "Transformer", "Artifacts", "Pipeline"]),
        .target(name: "Transience", dependencies: ["Linalg", "Transformer", "Artifacts", "Pipeline"]),
        .target(name: "Reports", dependencies: ["Artifacts", "Pipeline", "LinearSystems", "Coopetition", "ContextualRecall", "Induction",
                                               "Transience", .product(name: "Yams", package: "Yams")]),

        .executableTarget(name: "toyworld", dependencies: [
            "Pipeline", "Artifacts", "Plots", "Linalg", "Transformer", "LinearSystems", "Coopetition", "ContextualRecall", "Induction", "Transience",
            "Reports", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "LinalgTests", dependencies: ["Linalg"]),
        .testTarget(name: "ArtifactsTests", dependencies: ["Artifacts"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Artifacts"]),
        // Fixtures: files the tests read by path (the PyTorch parity fixture), not resources.
        .testTarget(name: "TransformerTests", dependencies: ["Transformer", "Linalg", "Artifacts"], exclude: ["Fixtures"]),
        // The real pipeline.yaml is loaded with every world's kinds (PipelineYamlTests).
        .testTarget(name: "LinearSystemsTests", dependencies: ["LinearSystems", "Linalg", "Artifacts", "Pipeline",
                                                               "Coopetition", "ContextualRecall", "Induction", "Transience", "Plots", "Reports"]),
        .testTarget(name: "CoopetitionTests", dependencies: ["Coopetition", "Linalg", "Artifacts", "Pipeline", "Plots"]),
        .testTarget(name: "ContextualRecallTests", dependencies: ["ContextualRecall", "Linalg", "Artifacts", "Pipeline", "Transformer", "Plots"]),
        .testTarget(name: "InductionTests", dependencies: ["Induction", "Linalg", "Artifacts", "Pipeline", "Transformer"]),
        .testTarget(name: "TransienceTests", dependencies: ["Transience", "Linalg", "Transformer", "Artifacts", "Pipeline"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "Artifacts", "Pipeline"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Pipeline", "Artifacts"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Artifacts"]),
    ],
    swiftLanguageModes: [.v5]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + hostTuning
}
