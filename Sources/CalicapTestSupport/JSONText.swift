import Foundation

/// Parsing of calicap's JSON output for tests that look at it untyped.
public enum JSONText {
    /// The JSON object in `text`; throws when it is not valid JSON or not an object.
    public static func object(_ text: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let dictionary = parsed as? [String: Any] else { throw CocoaError(.propertyListReadCorrupt) }
        return dictionary
    }

    /// The JSON object in the file at `path`.
    public static func object(atPath path: String) throws -> [String: Any] {
        try object(String(contentsOfFile: path, encoding: .utf8))
    }
}
