// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Noether",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "NoetherCore", targets: ["NoetherCore"]),
    .library(name: "NoetherNN", targets: ["NoetherNN"]),
    .library(name: "NoetherSystems", targets: ["NoetherSystems"]),
    .library(name: "NoetherStore", targets: ["NoetherStore"]),
    .library(name: "NoetherLearning", targets: ["NoetherLearning"]),
    .library(name: "ConCerNet", targets: ["ConCerNet"]),
    .library(name: "HNN", targets: ["HNN"]),
    .library(name: "PINN", targets: ["PINN"]),
    .library(name: "SINDy", targets: ["SINDy"]),
    .library(name: "NoetherPlot", targets: ["NoetherPlot"]),
    .library(name: "NoetherCompare", targets: ["NoetherCompare"]),
    .library(name: "NoetherMethods", targets: ["NoetherMethods"]),
    .library(name: "Discovery", targets: ["Discovery"]),
    .library(name: "DiscoveryStore", targets: ["DiscoveryStore"]),
    .library(name: "TrainingLaws", targets: ["TrainingLaws"]),
    .library(name: "NoetherCLI", targets: ["NoetherCLI"]),
    .executable(name: "noether", targets: ["noether"]),
    .executable(name: "noether-bench", targets: ["NoetherBenchmarks"]),
    .plugin(name: "GenerateDatasets", targets: ["GenerateDatasets"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Tables of measurements (CSV, TSV, whitespace text) for `noether import`.
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    // `swift package generate-documentation`: the DocC catalogues under Sources/*/*.docc.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
  ],
  targets: [
    // System libraries (Debian: libhdf5-dev, libopenblas-dev, liblapacke-dev).
    .systemLibrary(
      name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
    .target(
      name: "CKernels",
      dependencies: ["CBLAS"],
      linkerSettings: [.linkedLibrary("m")]),

    // Pure-Swift core: protocols, value types, integrators, random numbers.
    .target(name: "NoetherCore"),
    // Built-in systems; they declare hints for the built-in methods (a network activation,
    // a discovery library) by conforming to protocols of those methods' targets.
    .target(name: "NoetherSystems", dependencies: ["NoetherCore", "NoetherNN", "NoetherLearning", "SINDy"]),
    .target(name: "NoetherNN", dependencies: ["NoetherCore", "CBLAS", "CKernels"]),
    .target(
      name: "NoetherStore",
      dependencies: ["NoetherCore", "CHDF5", .product(name: "SwiftCSV", package: "SwiftCSV")]),
    // Figures as SVG (line plots, contours, heat maps); depends on nothing else here.
    .target(name: "NoetherPlot"),

    // Learning: shared training, projection and least squares; then one target per method.
    .target(name: "NoetherLearning", dependencies: ["NoetherCore", "NoetherNN", "CLAPACKE"]),
    .target(name: "ConCerNet", dependencies: ["NoetherCore", "NoetherNN", "NoetherLearning"]),
    .target(name: "HNN", dependencies: ["NoetherCore", "NoetherNN", "NoetherLearning"]),
    .target(name: "PINN", dependencies: ["NoetherCore", "NoetherNN", "NoetherLearning", "ConCerNet"]),
    .target(name: "SINDy", dependencies: ["NoetherCore", "NoetherNN", "NoetherLearning"]),
    // Conservation laws as formulas: discovery on a feature library (it reads and writes no file).
    .target(
      name: "Discovery",
      dependencies: ["NoetherCore", "NoetherNN", "NoetherLearning", "SINDy", "CBLAS", "CLAPACKE"]),
    // Conservation laws of training itself: networks and losses as flows, the Lie-algebra
    // count of their laws, recorded optimiser runs and their drift, depth as time.
    .target(
      name: "TrainingLaws",
      dependencies: ["NoetherCore", "NoetherStore", "NoetherPlot", "CLAPACKE"]),
    // Discovered laws in HDF5 (`InvariantFile`).
    .target(name: "DiscoveryStore", dependencies: ["Discovery", "NoetherCore", "NoetherStore", "SINDy"]),
    // The comparison's hub: method and metric protocols, the runner, records, results
    // files and reports. It names no method; the built-ins plug in from NoetherMethods.
    .target(
      name: "NoetherCompare",
      dependencies: ["NoetherCore", "NoetherNN", "NoetherLearning", "NoetherStore", "NoetherPlot"]),
    // The built-in methods as comparison plugins, registered like a user's.
    .target(
      name: "NoetherMethods",
      dependencies: [
        "NoetherCore", "NoetherNN", "NoetherLearning", "NoetherCompare", "ConCerNet", "HNN", "PINN", "SINDy",
        "Discovery", "DiscoveryStore",
      ]),
    .target(
      name: "NoetherCLI",
      dependencies: [
        "NoetherCore", "NoetherSystems", "NoetherStore", "NoetherCompare", "NoetherMethods", "NoetherNN",
        "NoetherLearning", "SINDy", "Discovery", "DiscoveryStore", "TrainingLaws",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "noether", dependencies: ["NoetherCLI"]),
    .executableTarget(
      name: "NoetherBenchmarks",
      dependencies: [
        "NoetherCore", "NoetherSystems", "NoetherNN", "CKernels", "NoetherLearning", "ConCerNet", "HNN",
        "SINDy", "Discovery", "NoetherStore", "DiscoveryTrials", "TrainingLaws",
      ],
      path: "Benchmarks/NoetherBenchmarks"),
    // New systems discovery was never tuned on, written as a user would (the benchmark
    // and the tests run them).
    .target(
      name: "DiscoveryTrials", dependencies: ["NoetherCore", "NoetherLearning", "SINDy", "Discovery"],
      path: "Benchmarks/DiscoveryTrials"),

    .plugin(
      name: "GenerateDatasets",
      capability: .command(
        intent: .custom(
          verb: "generate-datasets",
          description: "Writes the reference datasets (seed 2023, noise 0.01) into datasets/."),
        permissions: [
          .writeToPackageDirectory(reason: "Writes the reference HDF5 datasets into datasets/.")
        ]),
      dependencies: ["noether"]),

    .testTarget(name: "NoetherCoreTests", dependencies: ["NoetherCore"]),
    .testTarget(name: "NoetherSystemsTests", dependencies: ["NoetherCore", "NoetherSystems"]),
    .testTarget(name: "NoetherNNTests", dependencies: ["NoetherCore", "NoetherNN"]),
    .testTarget(name: "NoetherPlotTests", dependencies: ["NoetherPlot"]),
    .testTarget(
      name: "TrainingLawsTests",
      dependencies: ["NoetherCore", "NoetherStore", "TrainingLaws", "Discovery", "SINDy"]),
    .testTarget(
      name: "NoetherMethodsTests",
      dependencies: [
        "NoetherCore", "NoetherNN", "NoetherSystems", "NoetherLearning", "ConCerNet", "HNN", "PINN", "SINDy",
        "NoetherStore",
      ]),
    .testTarget(
      name: "DiscoveryTests",
      dependencies: [
        "Discovery", "DiscoveryStore", "NoetherCore", "NoetherLearning", "NoetherSystems", "SINDy",
        "DiscoveryTrials",
      ]),
    .testTarget(
      name: "NoetherStoreTests", dependencies: ["NoetherCore", "NoetherSystems", "NoetherStore"]),
    .testTarget(
      name: "NoetherCLITests",
      dependencies: [
        "NoetherCLI", "NoetherCore", "NoetherSystems", "NoetherStore", "NoetherCompare", "NoetherMethods",
        "NoetherLearning", "NoetherNN", "SINDy",
      ],
      exclude: ["Fixtures"]),
  ]
)
