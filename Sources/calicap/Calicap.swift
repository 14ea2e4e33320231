import ArgumentParser

/// `calicap`: which Calico mode carried each pod-to-pod flow.
struct Calicap: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "calicap",
        abstract: "Tell which Calico mode (IPIP, VXLAN, Direct, WireGuard, local, mixed) carried each pod-to-pod flow in a capture.",
        discussion: """
            Reads pcap and pcapng files (Ethernet, raw IP from tunl0, Linux cooked SLL/SLL2 from \
            `-i any`, BSD loopback), decodes IP-in-IP, VXLAN and plain IP, and reports each flow's \
            carrier and the pool's behaviour (Always, CrossSubnet, Never).

            \(HelpText.modes)

            `calicap help analyze` and `calicap help capture` show examples and what each capture \
            point can prove; `calicap help verify` judges a capture in CI.

            Captures live like tcpdump: `calicap -i eth0 [-i tunl0] [filter]` (the `capture` \
            command), `calicap -D` lists the devices; Ctrl-C ends with the same report.

            Captures on every node of a cluster at once through `kubectl debug node` and analyses \
            the nodes together: `calicap cluster [--node NAME…] [--duration S] [filter]`.

            Exit status: 0 report printed; 2 usage error; 3 no input could be read (missing file, \
            not a capture, bad filter, no such interface, no permission to capture); 4 report \
            printed but some input was damaged or lost (see warnings).
            """,
        version: version,
        subcommands: [Analyze.self, CaptureCommand.self, ClusterCommand.self, InterfacesCommand.self, Verify.self],
        defaultSubcommand: Analyze.self
    )
}
