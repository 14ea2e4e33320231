import Capture

/// A problem that stops the analysis before any report: one line for the user.
public enum AnalysisError: Error, Sendable, CustomStringConvertible {
    /// A file could not be opened or is not a capture (the reader's own one-line message).
    case input(String)
    case filter(FilterError)

    public var description: String {
        switch self {
        case .input(let message): message
        case .filter(let error): error.description
        }
    }
}
