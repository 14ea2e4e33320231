/// What a finding is about: the inputs themselves (files, devices: a damaged input makes the
/// report partial) or the traffic they hold.
public enum FindingScope: String, Sendable, Hashable {
    case input
    case traffic
}
