// swift-tools-version: 6.1
// Micro-benchmarks of calicap's per-packet hot path: the dissector, the flow table and the whole
// session, in instructions (callgrind, `hot-path-profile`) and heap allocations (ordo-one's
// package-benchmark with its malloc interposer). A package of its own so that `swift test` of
// calicap neither builds nor waits for it. Run: Benchmarks/micro/run.sh
import PackageDescription

let package = Package(
    name: "calicap-micro-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "calicap", path: "../.."),
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Synthetic frames of Calico pod traffic (IPIP, VXLAN, direct), built in memory.
        .target(name: "Traffic", dependencies: [.product(name: "Wire", package: "calicap")]),
        // Runs one hot-path stage over N packets, for callgrind's instruction counts.
        .executableTarget(
            name: "hot-path-profile",
            dependencies: [
                "Traffic",
                .product(name: "Wire", package: "calicap"),
                .product(name: "Flows", package: "calicap"),
                .product(name: "Analysis", package: "calicap"),
            ]),
        .executableTarget(
            name: "HotPath",
            dependencies: [
                "Traffic",
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Wire", package: "calicap"),
                .product(name: "Flows", package: "calicap"),
                .product(name: "Analysis", package: "calicap"),
            ],
            path: "Benchmarks/HotPath",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
