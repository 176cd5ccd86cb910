// swift-tools-version: 6.1
import PackageDescription

// Layers, innermost first: ConcordText (pure text core) and ConcordGit (libgit2 in Git's
// words) know nothing of each other; ConcordDrafting joins them in the domain's words;
// ConcordRender and the `concord` executable sit at the edge.
let package = Package(
    name: "Concord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "concord", targets: ["concord"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        // `concord serve`: Hummingbird for HTTP, its sessions, Mustache templates compiled in,
        // MultipartKit for uploads, swift-crypto for the sign-in tokens' hashes.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3" ..< "5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // libgit2's headers (libgit2-dev); the library itself is loaded on first use (Sources/Cgit2/Loader.c).
        .target(name: "Cgit2", exclude: ["Functions.def"], linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(name: "CMalloc"),
        // Invariant checks (`+Invariants.swift`, as swift-collections' `_checkInvariants()`) run
        // in debug builds, so in every test, and cost nothing in release.
        .target(name: "ConcordText", swiftSettings: [.define("CONCORD_INTERNAL_CHECKS", .when(configuration: .debug))]),
        .target(name: "ConcordGit", dependencies: ["Cgit2"]),
        .target(name: "ConcordDrafting", dependencies: ["ConcordText", "ConcordGit",
                                                        .product(name: "TOMLKit", package: "TOMLKit"),
                                                        .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ConcordRender", dependencies: ["ConcordText", "ConcordDrafting",
                                                      .product(name: "CSV", package: "CSV.swift")]),
        // Word documents in and out: ZIPFoundation for the package, FoundationXML for its parts.
        .target(name: "ConcordWord", dependencies: ["ConcordText", "ConcordDrafting",
                                                    .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The web app: pages over the same workflow functions as the CLI.
        .target(name: "ConcordServer", dependencies: ["ConcordDrafting", "ConcordRender", "ConcordWord",
                                                      .product(name: "Hummingbird", package: "hummingbird"),
                                                      .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                                                      .product(name: "Mustache", package: "swift-mustache"),
                                                      .product(name: "MultipartKit", package: "multipart-kit"),
                                                      .product(name: "HTTPTypes", package: "swift-http-types")]),
        .executableTarget(
            name: "concord",
            dependencies: [
                "ConcordDrafting", "ConcordRender", "ConcordWord", "ConcordServer", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["ConcordText"], path: "Tests/TestSupport"),
        .testTarget(
            name: "ConcordTextTests",
            dependencies: ["ConcordText", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            // The draft reader's fuzz corpus, read from the source tree (DraftReaderFuzzTests).
            exclude: ["Fuzz/Corpus"]),
        .testTarget(name: "ConcordGitTests", dependencies: ["ConcordGit", "TestSupport"]),
        .testTarget(name: "ConcordDraftingTests",
                    dependencies: ["ConcordDrafting", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ConcordRenderTests",
                    dependencies: ["ConcordRender", "TestSupport"]),
        .testTarget(name: "ConcordWordTests",
                    dependencies: ["ConcordWord", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ConcordServerTests",
                    dependencies: ["ConcordServer", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                                   .product(name: "HTTPTypes", package: "swift-http-types")]),
        // Golden outputs and Word fixtures are read from the source tree.
        .testTarget(name: "ConcordCLITests", dependencies: ["TestSupport", "concord", "ConcordWord"], exclude: ["Golden", "Word"]),
        .target(name: "BenchSupport", path: "Benchmarks/Support"),
        .executableTarget(name: "concord-bench", dependencies: ["ConcordText", "TestSupport", "BenchSupport"],
                          path: "Benchmarks/ConcordBench"),
        .executableTarget(name: "concord-bench-consolidation", dependencies: ["ConcordText", "ConcordWord", "TestSupport", "BenchSupport"],
                          path: "Benchmarks/ConsolidationBench"),
        .executableTarget(name: "concord-bench-scale", dependencies: ["TestSupport", "BenchSupport"],
                          path: "Benchmarks/ScaleBench"),
    ]
)
