import Foundation

/// Reads cluster files (`--cluster FILE`): each file's kind is recognised from its content.
public enum ClusterContextLoader {
    /// Larger files are refused: real node, pool and pod listings are far smaller.
    public static let sizeLimit = 64 << 20

    /// Reads and recognises one file.
    public static func load(path: String) throws(ClusterFileError) -> ClusterFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ClusterFileError(file: path, problem: .unreadable(reason: "no such file"))
        }
        guard !isDirectory.boolValue else {
            throw ClusterFileError(file: path, problem: .unreadable(reason: "it is a directory"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ClusterFileError(file: path, problem: .unreadable(reason: "permission denied or not a regular file"))
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: sizeLimit + 1) ?? Data()
        } catch {
            throw ClusterFileError(file: path, problem: .unreadable(reason: "\(error)"))
        }
        guard data.count <= sizeLimit else {
            throw ClusterFileError(file: path, problem: .tooLarge(bytes: data.count, limit: sizeLimit))
        }
        return try load(data: data, name: path)
    }

    /// Recognises raw file contents; `name` is how messages name the file.
    public static func load(data: Data, name: String) throws(ClusterFileError) -> ClusterFile {
        guard data.count <= sizeLimit else {
            throw ClusterFileError(file: name, problem: .tooLarge(bytes: data.count, limit: sizeLimit))
        }
        guard !data.contains(0), let contents = String(data: data, encoding: .utf8) else {
            throw ClusterFileError(file: name, problem: .unrecognised(found: "binary data, not UTF-8 text"))
        }
        return try load(contents: contents, name: name)
    }

    /// Recognises text contents; `name` is how messages name the file.
    public static func load(contents: String, name: String) throws(ClusterFileError) -> ClusterFile {
        let text = contents.hasPrefix("\u{FEFF}") ? String(contents.dropFirst()) : contents
        guard !text.trimmingSpaces().isEmpty else {
            throw ClusterFileError(file: name, problem: .empty)
        }
        guard text.utf8.count <= sizeLimit else {
            throw ClusterFileError(file: name, problem: .tooLarge(bytes: text.utf8.count, limit: sizeLimit))
        }
        if PodTableReader.looksLikeTable(text) {
            return try PodTableReader.read(text, file: name)
        }
        let documents = try DocumentParser.parse(text, file: name)
        return try ResourceDispatcher.read(documents, file: name)
    }

    /// Reads every file and merges them into one context; the first bad file stops the load.
    public static func loadContext(paths: [String]) throws(ClusterFileError) -> ClusterContext {
        var files: [ClusterFile] = []
        for path in paths {
            files.append(try load(path: path))
        }
        return ClusterContext(files: files)
    }
}
