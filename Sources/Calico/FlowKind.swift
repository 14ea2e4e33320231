/// Who talks to whom, client first.
public enum FlowKind: String, Sendable, Hashable, CaseIterable {
    case podToPod = "pod-to-pod"
    case hostToPod = "host-to-pod"
    case podToHost = "pod-to-host"
    case hostToHost = "host-to-host"

    public init(clientIsPod: Bool, serverIsPod: Bool) {
        switch (clientIsPod, serverIsPod) {
        case (true, true): self = .podToPod
        case (false, true): self = .hostToPod
        case (true, false): self = .podToHost
        case (false, false): self = .hostToHost
        }
    }
}
