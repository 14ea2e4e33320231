import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// Runs the command, mapping ArgumentParser's usage errors to exit status 2.
@main
enum Main {
    static func main() {
        // A closed stdout (`calicap … | head`) then ends the output quietly instead of killing us.
        signal(SIGPIPE, SIG_IGN)
        do {
            let arguments = CommandDispatch.arguments(Array(CommandLine.arguments.dropFirst()))
            var command = try Calicap.parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = Calicap.exitCode(for: error)
            if code == .validationFailure {
                StandardStreams.error(Calicap.message(for: error))
                StandardStreams.error("see 'calicap --help'")
                exit(ExitStatus.usage.rawValue)
            }
            Calicap.exit(withError: error)
        }
    }
}
