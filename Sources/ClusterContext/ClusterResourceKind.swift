/// What kind of cluster description a value came from.
public enum ClusterResourceKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// A Kubernetes `Node` (`kubectl get nodes`, apiVersion `v1`) with calico-node's annotations.
    case kubernetesNode = "kubectl Node"
    /// A Calico `Node` (`calicoctl get node`, apiVersion `projectcalico.org/v3`).
    case calicoNode = "calicoctl Node"
    /// A Calico `IPPool` as calicoctl prints it (apiVersion `projectcalico.org/v3`).
    case calicoIPPool = "calicoctl IPPool"
    /// The `IPPool` custom resource as kubectl prints it (apiVersion `crd.projectcalico.org/v1`).
    case customResourceIPPool = "IPPool custom resource"
    /// A pool of the operator's `Installation` (apiVersion `operator.tigera.io/v1`).
    case installation = "operator Installation"
    /// A Kubernetes `Pod` (`kubectl get pods -o yaml|json`).
    case pod = "kubectl Pod"
    /// A row of `kubectl get pods -o wide` (with or without `-A`).
    case podTable = "kubectl get pods -o wide"
    /// A `FelixConfiguration` (calicoctl or the custom resource): WireGuard, Calico's VXLAN VNI and port.
    case felixConfiguration = "FelixConfiguration"

    public var description: String { rawValue }
}
