import ArgumentParser

/// `calicap`: which Calico mode carried each pod-to-pod flow.
struct Calicap: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "calicap",
        abstract: "Tell which Calico mode (IPIP, VXLAN, Direct) carried each pod-to-pod flow in a capture.",
        discussion: """
            Reads pcap and pcapng files (Ethernet, raw IP from tunl0, Linux cooked SLL/SLL2 from \
            `-i any`, BSD loopback), decodes IP-in-IP, VXLAN and plain IP, and reports each flow's \
            carrier and the pool's behaviour (Always, CrossSubnet, Never).

            Exit status: 0 report printed; 2 usage error; 3 no input could be read (missing file, \
            not a capture, bad filter); 4 report printed but some input was damaged (see warnings).
            """,
        version: version,
        subcommands: [Analyze.self],
        defaultSubcommand: Analyze.self
    )
}
