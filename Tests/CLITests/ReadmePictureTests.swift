import CalicapTestSupport
import Foundation
import Testing

/// The README's picture (`Docs/crosssubnet-node-pairs.svg`, made by
/// `Scripts/make-readme-picture.sh`) is the current build's `--format dot` of the CrossSubnet lab
/// rendered by Graphviz: the committed DOT is what calicap prints today, and the SVG shows it.
@Suite struct ReadmePictureTests {
    @Test func theCommittedPictureIsTodaysOutput() throws {
        let lab = "crosssubnet"
        let files = ["w1-eth0.pcap", "w2-eth0.pcap", "w0-eth0.pcap", "router-vpc10.pcap", "router-vpc20.pcap"]
            .map { Fixtures.lab(lab, $0) }
        let cluster = ["--cluster", Fixtures.lab(lab, "cluster/nodes.yaml"), "--cluster", Fixtures.lab(lab, "cluster/ippools.yaml")]
        let dot = try ProcessRunner.calicap(["--format", "dot"] + files + cluster).standardOutput
        let docs = Fixtures.repository.appendingPathComponent("Docs")
        let committed = try String(contentsOf: docs.appendingPathComponent("crosssubnet-node-pairs.dot"), encoding: .utf8)
        #expect(committed == dot, "run Scripts/make-readme-picture.sh")
        let svg = try String(contentsOf: docs.appendingPathComponent("crosssubnet-node-pairs.svg"), encoding: .utf8)
        #expect(svg.contains("<svg"))
        for label in ["w1 (192.168.10.101)", "w2 (192.168.10.102)", "w0 (192.168.20.100)", "direct 24", "ipip 24"] {
            #expect(svg.contains(label), "\(label) not in the SVG")
        }
        let readme = try String(contentsOf: Fixtures.repository.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("](Docs/crosssubnet-node-pairs.svg)"))
    }
}
