/// Text shared by `calicap help`, `help analyze` and `help capture`: the modes, examples and
/// what each capture point can prove (the README's table, in the terminal).
enum HelpText {
    static let modes = """
        Modes, per flow: ipip (IP-in-IP, protocol 4), vxlan (UDP 4789), direct (no \
        encapsulation), wireguard (encrypted between nodes), local (both pods on one node), \
        mixed (several carriers, e.g. a pool changed mid-capture), unknown (Geneve/GRE only, or \
        too little seen). Pool: Always, CrossSubnet, Never, WireGuard, Mixed or Unknown; \
        `Always or CrossSubnet` when the capture cannot tell them apart.
        """

    static let capturePoints = """
        What each capture point can prove (from the file's interface names, \
        --captured-on [FILE=]NAME, or inferred from the packets and marked assumed):
          eth0, router port  outer headers (IPIP, VXLAN, WireGuard); plain: direct
          tunl0              inner packets only: ipip (the nodes are not shown)
          vxlan.calico       inner frames between VTEP MACs (66:...): vxlan
          wireguard.cali     plaintext before encryption: wireguard
          cali... (pod veth) the pod's side only; seen on veths only: local
          any                every interface (SLL2), each as above, counted once
        """

    static let filters = """
        Filters: the trailing words (or -f) are a BPF filter on each packet as \
        captured, so on eth0 it sees outer headers (node addresses, UDP 4789); \
        --inner-filter EXPR runs BPF on the innermost IP packet (the pod's, inside \
        IPIP or VXLAN), and --pod IP|CIDR is its short form, both directions.
        """

    static let analyzeExamples = """
        Examples:
          calicap -r w1-eth0.pcap                       flows, modes, the pool
          calicap w1-eth0.pcap w2-eth0.pcap w0-eth0.pcap  several nodes, by time
          calicap -r w1-eth0.pcap --pod 172.16.34.1     one pod, inside tunnels
          calicap -r w1.pcap --captured-on w1.pcap=tunl0  where a file was taken
          calicap -r trace.pcapng --format json | jq '.flows[] | .mode'
          calicap -r t.pcapng --cluster nodes.yaml --cluster ippools.yaml
                                    names nodes, checks the capture against the pools
          kubectl exec POD -- tcpdump -i eth0 -w - | calicap -r -
        """

    static let captureExamples = """
        Examples:
          calicap -i eth0                         live; Ctrl-C ends with the report
          calicap -i eth0 -i tunl0 -w both.pcapng two devices, saved with names
          calicap -i any -c 1000 --format json    every interface, 1000 packets
          calicap -i eth0 -v udp port 4789        one line per VXLAN packet
          calicap -i eth0 --pod 172.16.34.0/26 -v one pod block, inside tunnels
          calicap -D                              the capture devices
        """
}
