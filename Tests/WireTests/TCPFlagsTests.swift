import Testing
import Wire

@Suite struct TCPFlagsTests {
    @Test func bitsMatchTheHeader() {
        #expect(TCPFlags.fin.rawValue == 0x01)
        #expect(TCPFlags.syn.rawValue == 0x02)
        #expect(TCPFlags.reset.rawValue == 0x04)
        #expect(TCPFlags.push.rawValue == 0x08)
        #expect(TCPFlags.acknowledgment.rawValue == 0x10)
        #expect(TCPFlags.urgent.rawValue == 0x20)
        #expect(TCPFlags.ece.rawValue == 0x40)
        #expect(TCPFlags.cwr.rawValue == 0x80)
        #expect(TCPFlags.accurateECN.rawValue == 0x100)
        #expect(TCPFlags.all.rawValue == 0x1ff)
    }

    /// Flag sets and how tcpdump prints them (`print-tcp.c`, "Flags [S.]").
    static let tcpdumpSpellings: [(TCPFlags, String)] = [
        (.syn, "[S]"),
        ([.syn, .acknowledgment], "[S.]"),
        (.acknowledgment, "[.]"),
        ([.push, .acknowledgment], "[P.]"),
        ([.fin, .acknowledgment], "[F.]"),
        (.reset, "[R]"),
        ([.reset, .acknowledgment], "[R.]"),
        ([], "[none]"),
        ([.syn, .ece, .cwr], "[SEW]"),
        ([.fin, .push, .urgent, .acknowledgment], "[FPU.]"),
        ([.syn, .acknowledgment, .accurateECN], "[Se.]"),
    ]

    @Test(arguments: tcpdumpSpellings)
    func describesLikeTcpdump(flags: TCPFlags, text: String) {
        #expect(flags.description == text)
    }

    @Test func isAnOptionSet() {
        var flags: TCPFlags = [.syn]
        flags.insert(.acknowledgment)
        #expect(flags.contains(.syn))
        #expect(flags.contains([.syn, .acknowledgment]))
        #expect(!flags.contains(.fin))
        #expect(flags.rawValue == 0x12)
        #expect(Set([flags, TCPFlags(rawValue: 0x12)]).count == 1)
    }
}
