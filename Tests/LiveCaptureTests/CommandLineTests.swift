import Testing

@testable import calicap

/// How a tcpdump-style command line reaches the `capture` command.
@Suite struct CommandLineTests {
    @Test func liveOptionsWithoutASubcommandGoToCapture() {
        #expect(CommandDispatch.arguments(["-i", "eth0"]) == ["capture", "-i", "eth0"])
        #expect(CommandDispatch.arguments(["-i", "eth0", "udp", "port", "4789"]) == ["capture", "-i", "eth0", "udp", "port", "4789"])
        #expect(CommandDispatch.arguments(["-D"]) == ["capture", "-D"])
        #expect(CommandDispatch.arguments(["--interface=eth0"]) == ["capture", "--interface=eth0"])
        #expect(CommandDispatch.arguments(["-c", "5", "-i", "tunl0"]) == ["capture", "-c", "5", "-i", "tunl0"])
    }

    @Test func tcpdumpClustersAreSplit() {
        #expect(CommandDispatch.arguments(["-nni", "eth0"]) == ["capture", "-n", "-n", "-i", "eth0"])
        #expect(CommandDispatch.arguments(["-ieth0", "-v"]) == ["capture", "-i", "eth0", "-v"])
        #expect(CommandDispatch.arguments(["capture", "-nvi", "any"]) == ["capture", "-n", "-v", "-i", "any"])
        #expect(CommandDispatch.arguments(["-i", "eth0", "--", "-ifoo"]) == ["capture", "-i", "eth0", "--", "-ifoo"])
    }

    @Test func offlineCommandLinesAreUntouched() {
        for arguments in [
            ["-r", "w1.pcap"], ["-r", "-"], ["analyze", "-r", "x.pcap", "-i"], ["w1.pcap", "w2.pcap"],
            ["-r", "x.pcap", "icmp"], ["interfaces"], ["--help"], [],
        ] {
            #expect(CommandDispatch.arguments(arguments) == arguments, "\(arguments)")
        }
    }

    @Test func fileSizesAreTcpdumps() {
        #expect(ByteSize("1")?.bytes == 1_000_000)
        #expect(ByteSize("512k")?.bytes == 524_288)
        #expect(ByteSize("64M")?.bytes == 67_108_864)
        #expect(ByteSize("2g")?.bytes == 2_147_483_648)
        #expect(ByteSize("0") == nil)
        #expect(ByteSize("x") == nil)
        #expect(ByteSize("5q") == nil)
    }

    @Test func captureOptionsAreValidatedAsUsageErrors() throws {
        #expect(throws: (any Error).self) { try CaptureCommand.parse(["-i", "eth0", "-C", "5"]) }
        #expect(throws: (any Error).self) { try CaptureCommand.parse(["-i", "eth0", "-W", "3", "-w", "x.pcapng"]) }
        #expect(throws: (any Error).self) { try CaptureCommand.parse(["-i", "eth0", "-i", "tunl0", "-w", "x.pcap"]) }
        #expect(throws: (any Error).self) { try CaptureCommand.parse(["-i", "eth0", "-c", "0"]) }
        #expect(throws: (any Error).self) { try CaptureCommand.parse([]) }
        let both = try CaptureCommand.parse(["-i", "eth0", "-i", "tunl0", "-w", "x.pcapng", "-f", "udp", "port", "4789"])
        #expect(both.filterExpression == "(udp) and (port 4789)")
        #expect(!both.writesClassicPcap)
        let classic = try CaptureCommand.parse(["-i", "eth0", "-w", "x.PCAP", "-nn", "-vv", "-tttt"])
        #expect(classic.writesClassicPcap)
        #expect(classic.numeric == 2 && classic.verbose == 2 && classic.timestampFlags == 4)
        #expect(classic.snapLength == 262_144)
    }
}
