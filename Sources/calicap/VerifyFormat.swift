import ArgumentParser

/// `calicap verify --format`: the human report, JSON, or GitHub workflow commands.
enum VerifyFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
    case github
}
