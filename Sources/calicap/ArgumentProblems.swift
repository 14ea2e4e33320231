/// Command lines that ArgumentParser would accept or misread, refused before parsing with one
/// line on stderr and exit status 2: `-r` with `-i`, a repeated `--format`, `help` of a
/// command that does not exist.
enum ArgumentProblems {
    /// The commands `calicap help NAME` can describe.
    static let helpTopics: Set<String> = ["analyze", "capture", "cluster", "interfaces", "verify"]

    /// The one-line message for the first problem of `arguments` (without the program name).
    static func problem(in arguments: [String]) -> String? {
        let options = arguments.prefix { $0 != "--" }
        if arguments.first == "help", arguments.count >= 2, !arguments[1].hasPrefix("-"),
            !helpTopics.contains(arguments[1])
        {
            return "no command '\(arguments[1])'; commands: \(helpTopics.sorted().joined(separator: ", "))"
        }
        if options.filter({ $0 == "--format" || $0.hasPrefix("--format=") }).count > 1 {
            return "--format given more than once"
        }
        let subcommand = arguments.first.flatMap { CommandDispatch.subcommands.contains($0) ? $0 : nil }
        if subcommand == nil || subcommand == "analyze" || subcommand == "capture" {
            let reads = options.contains { $0 == "-r" || $0 == "--read" || $0.hasPrefix("--read=") }
            let live = options.contains { $0 == "-i" || CommandDispatch.startsLiveCapture($0) }
            if reads && live {
                return "-r (read files) and -i (capture live) cannot be combined"
            }
        }
        return nil
    }
}
