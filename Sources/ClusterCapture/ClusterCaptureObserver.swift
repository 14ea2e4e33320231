/// What a cluster capture tells its front end while it runs. Calls come from the capture loop.
public protocol ClusterCaptureObserver: AnyObject {
    /// A node's pcap stream started: its first interface's link type and snapshot length.
    func started(node: String, interface: String, linkType: String, snapLength: Int)
    /// A warning as it happens (a node failed, a -w file not written); it is in the report too.
    func warning(_ message: String)
}
