import ArgumentParser
import Report

#if canImport(Glibc)
import Glibc
#endif

/// Runs the command, mapping ArgumentParser's usage errors to exit status 2.
@main
enum Main {
    static func main() {
        // A closed stdout (`calicap … | head`) then ends the output quietly instead of killing us.
        signal(SIGPIPE, SIG_IGN)
        let given = Array(CommandLine.arguments.dropFirst())
        if let problem = ArgumentProblems.problem(in: given) {
            StandardStreams.error(TerminalText.safe(problem))
            exit(ExitStatus.usage.rawValue)
        }
        let arguments = CommandDispatch.arguments(given)
        do {
            var command = try Calicap.parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = Calicap.exitCode(for: error)
            if code == .validationFailure {
                StandardStreams.error(message(for: error, arguments: arguments))
                StandardStreams.error("see 'calicap --help'")
                exit(ExitStatus.usage.rawValue)
            }
            Calicap.exit(withError: error)
        }
    }

    /// ArgumentParser validates before it reports unknown options: without a file, `calicap
    /// --bogus` would say "no capture given". Parsed again with a file, the unknown option shows.
    static func message(for error: Error, arguments: [String]) -> String {
        let message = Calicap.message(for: error)
        guard message.contains(Analyze.noCaptureMessage) else { return message }
        do {
            _ = try Calicap.parseAsRoot(arguments + ["-r", "-"])
        } catch {
            return Calicap.message(for: error)
        }
        return message
    }
}
