import Foundation

public enum FolderCheck {
    /// The folder itself or its first existing ancestor when that is a file, not a folder:
    /// creating the folder would fail on it, and naming it makes the error say why.
    public static func fileBlocking(_ folder: URL) -> URL? {
        var current = folder.standardizedFileURL
        while current.path != "/" && !current.path.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: current.path, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? nil : current
            }
            current = current.deletingLastPathComponent()
        }
        return nil
    }
}
