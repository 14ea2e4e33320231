/// What a cluster capture tells its front end while it runs. Calls come from the capture loop.
public protocol ClusterCaptureObserver: AnyObject {
    /// A node's capture runs: `detail` is tcpdump's own words after "listening on " (or, when
    /// the stream began first, its link type and snapshot length in the same form).
    func started(node: String, interface: String, detail: String)
    /// A warning as it happens (a node failed, a -w file not written); it is in the report too.
    func warning(_ message: String)
}
