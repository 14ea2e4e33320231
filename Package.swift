// swift-tools-version: 6.2
import PackageDescription

/// The file reader is a class read once per packet, and Swift checks every access to a class's
/// stored property at run time for exclusivity (`swift_beginAccess`: about 150 instructions a
/// packet, 5 % of the hot path). Release builds of the two targets on that path skip the run-time
/// check; debug builds, which the tests run, keep it, and the compile-time checks stay everywhere.
let perPacketClassAccess: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

let package = Package(
    name: "calicap",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "calicap", targets: ["calicap"]),
        // The hot path as libraries, for the micro-benchmarks (Benchmarks/micro, a package of its own).
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "Flows", targets: ["Flows"]),
        .library(name: "Analysis", targets: ["Analysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // The only C boundary: libpcap, imported by `Capture` alone.
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"]), .brew(["libpcap"])]
        ),
        // Pure-Swift wire decoding: headers and the layer chain. No Foundation, no libpcap.
        .target(name: "Wire"),
        // Pure-Swift streaming reader of pcap and pcapng files.
        .target(name: "CaptureFile", dependencies: ["Wire"], swiftSettings: perPacketClassAccess),
        // libpcap: BPF filters and live capture.
        .target(name: "Capture", dependencies: ["CPcap", "Wire"]),
        // One typed channel for everything calicap tells the user: findings with stable names.
        .target(name: "Findings", dependencies: ["Wire"]),
        // Bidirectional flows keyed by the innermost 5-tuple, with carrier observations.
        .target(name: "Flows", dependencies: ["Wire"]),
        // Calico rules: capture points, pod addresses, per-flow verdicts, pool behaviour.
        .target(name: "Calico", dependencies: ["Wire", "Flows", "Findings"]),
        // The cluster's own files (nodes, IP pools, Installation, pods) and what Felix should have done.
        .target(
            name: "ClusterContext",
            dependencies: [
                "Wire",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The pure pipeline: packets in, flows and a Calico reading out. No libpcap, no I/O.
        .target(name: "Analysis", dependencies: ["Wire", "Flows", "Calico", "ClusterContext", "Findings"]),
        // Where packets come from: files merged by time, BPF filters, live devices.
        .target(
            name: "Inputs", dependencies: ["Analysis", "Calico", "Capture", "CaptureFile", "Findings", "Wire"],
            swiftSettings: perPacketClassAccess),
        // `calicap cluster`: every node's capture through `kubectl debug node`, read as it arrives
        // and analysed together; the debug pods cleaned up.
        .target(
            name: "ClusterCapture",
            dependencies: ["Analysis", "CaptureFile", "ClusterContext", "Findings", "Inputs", "Wire"]),
        // Table, JSON, JSONL and CSV renderers.
        .target(name: "Report", dependencies: ["Wire", "Flows", "Calico", "Analysis", "Findings"]),
        // `calicap verify`: expectations (YAML), selectors, evaluation, verdict renderers. No libpcap.
        .target(name: "Verification", dependencies: ["Wire", .product(name: "Yams", package: "Yams")]),
        // The thin command-line front end.
        .executableTarget(
            name: "calicap",
            dependencies: [
                "Analysis", "Calico", "Capture", "CaptureFile", "ClusterCapture", "ClusterContext", "Flows", "Inputs", "Report",
                "Verification",
                "Wire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Hand-made dissections shared by the flow and Calico tests (test support only).
        .target(name: "PacketTestSupport", dependencies: ["Wire"]),
        // Capture-file bytes, the process runner, fixture paths and temporary directories for
        // the test targets (test support only).
        .target(name: "CalicapTestSupport"),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "CaptureFileTests", dependencies: ["CaptureFile", "Wire", "CalicapTestSupport"]),
        .testTarget(name: "FlowsTests", dependencies: ["Flows", "Wire", "PacketTestSupport"]),
        .testTarget(name: "CalicoTests", dependencies: ["Calico", "Findings", "Flows", "Wire", "PacketTestSupport"]),
        .testTarget(name: "ClusterContextTests", dependencies: ["ClusterContext", "Wire"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(
            name: "AnalysisTests",
            dependencies: [
                "Analysis", "Inputs", "Report", "Calico", "CaptureFile", "ClusterContext", "Findings", "Flows", "Wire",
                "CalicapTestSupport",
            ]),
        .testTarget(name: "CLITests", dependencies: ["calicap", "CalicapTestSupport"]),
        .testTarget(name: "ClusterCaptureTests", dependencies: ["ClusterCapture", "Analysis"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Wire"], exclude: ["junit.xsd"]),
        .testTarget(name: "VerifyCommandTests", dependencies: ["calicap", "CalicapTestSupport"]),
        // Live capture in network namespaces (root only).
        .testTarget(
            name: "LiveCaptureTests", dependencies: ["calicap", "Capture", "CaptureFile", "Wire", "CalicapTestSupport"],
            exclude: ["Lab"]),
        // The Deploy/ manifests, and the release tarball (Scripts/make-release.sh, with CALICAP_RELEASE_TEST=1).
        .testTarget(name: "DeployTests", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Hostile files, resource bounds, safe output.
        .testTarget(
            name: "RobustnessTests",
            dependencies: ["calicap", "Analysis", "CaptureFile", "Flows", "Wire", "Report", "CalicapTestSupport"]),
    ]
)
