import Foundation

/// Progress, notes and errors go to stderr; stdout carries only results (a table, or the bundle with --json).
enum Stderr {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        print("error: " + text)
    }
}
