// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "calicap",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "calicap", targets: ["calicap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
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
        .target(name: "CaptureFile", dependencies: ["Wire"]),
        // libpcap: BPF filters and live capture.
        .target(name: "Capture", dependencies: ["CPcap", "Wire"]),
        // Bidirectional flows keyed by the innermost 5-tuple, with carrier observations.
        .target(name: "Flows", dependencies: ["Wire"]),
        // Calico rules: capture points, pod addresses, per-flow verdicts, pool behaviour.
        .target(name: "Calico", dependencies: ["Wire", "Flows"]),
        // Reading captures into a flow table and a Calico report.
        .target(name: "Analysis", dependencies: ["Wire", "CaptureFile", "Capture", "Flows", "Calico"]),
        // Table, JSON, JSONL and CSV renderers.
        .target(name: "Report", dependencies: ["Wire", "Flows", "Calico", "Analysis"]),
        // `calicap verify`: expectations (YAML), selectors, evaluation, verdict renderers. No libpcap.
        .target(name: "Verification", dependencies: ["Wire", .product(name: "Yams", package: "Yams")]),
        // The thin command-line front end.
        .executableTarget(
            name: "calicap",
            dependencies: [
                "Analysis", "Report", "Capture", "Verification",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Hand-made dissections shared by the flow and Calico tests (test support only).
        .target(name: "PacketTestSupport", dependencies: ["Wire"]),
        .testTarget(name: "WireTests", dependencies: ["Wire"]),
        .testTarget(name: "CaptureFileTests", dependencies: ["CaptureFile", "Wire"]),
        .testTarget(name: "FlowsTests", dependencies: ["Flows", "Wire", "PacketTestSupport"]),
        .testTarget(name: "CalicoTests", dependencies: ["Calico", "Flows", "Wire", "PacketTestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Report", "Calico", "Flows", "Wire"]),
        .testTarget(name: "CLITests", dependencies: ["calicap"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Wire"], exclude: ["junit.xsd"]),
        .testTarget(name: "VerifyCommandTests", dependencies: ["calicap"]),
        // Live capture in network namespaces (root only).
        .testTarget(
            name: "LiveCaptureTests", dependencies: ["calicap", "Capture", "CaptureFile", "Wire"],
            exclude: ["Lab"]),
        // Hostile files, resource bounds, safe output.
        .testTarget(name: "RobustnessTests", dependencies: ["calicap", "Analysis", "CaptureFile", "Flows", "Wire", "Report"]),
    ]
)
