@testable import EdgeBenchEngines
import Testing

@Suite("One-pass key scanner")
struct JSONKeyScannerTests {
    struct Found: Equatable {
        var key: String
        var value: String
        var path: [Int]
    }

    func scan(_ json: String, _ keys: [StaticString]) -> (whole: Bool, found: [Found], containers: [[Int]]) {
        let bytes = Array(json.utf8)
        var found: [Found] = []
        var containers: [[Int]] = []
        let whole = bytes.withUnsafeBufferPointer { buffer in
            JSONKeyScanner.scan(
                buffer, keys: keys, onContainer: { containers.append(Array($0)) },
                onKey: { key, at, path in
                    // The value's first 3 bytes are enough to tell what was pointed at.
                    let value = String(decoding: bytes[at..<min(at + 3, bytes.count)], as: UTF8.self)
                    found.append(Found(key: keys[key].description, value: value, path: Array(path)))
                })
        }
        return (whole, found, containers)
    }

    @Test func reportsKeysWithTheirPathsAndValueStarts() {
        let e = JSONKeyScanner.element
        let o = JSONKeyScanner.other
        let r = scan(#"{"id":"x","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}],"usage":null}"#,
                     ["choices", "delta", "content", "finish_reason", "usage"])
        #expect(r.whole)
        #expect(r.found == [
            Found(key: "choices", value: "[{\"", path: [e]),
            Found(key: "delta", value: "{\"c", path: [e, 0, e]),
            Found(key: "content", value: "\"hi", path: [e, 0, e, 1]),
            Found(key: "finish_reason", value: "nul", path: [e, 0, e]),
            Found(key: "usage", value: "nul", path: [e]),
        ])
        #expect(r.containers == [[e], [e, 0], [e, 0, e], [e, 0, e, 1]])
        // A key not asked for owns its container as `other`.
        #expect(scan(#"{"meta":{"content":"m"}}"#, ["content"]).found == [Found(key: "content", value: "\"m\"", path: [e, o])])
    }

    @Test func textThatSpellsAKeyIsNotAKey() {
        let r = scan(#"{"text":"\"usage\": {\"content\":1}","n":[1,"usage:",{"k":2}]}"#, ["usage", "content", "text"])
        #expect(r.whole)
        #expect(r.found.map(\.key) == ["text"])
    }

    @Test func rejectsWhatIsNotOneWholeObject() {
        #expect(!scan(#"{"a":"b""#, ["a"]).whole)  // truncated
        #expect(!scan(#"{"a":"b"#, ["a"]).whole)  // unterminated string
        #expect(!scan(#"{"a":[1,2}"#, ["a"]).whole)  // never closed
        #expect(!scan(#"{"a":[1}]}"#, ["a"]).whole)  // mismatched brackets
        #expect(!scan(#"{"a":1}}"#, ["a"]).whole)  // text after the object
        #expect(!scan(#"{"a":1} x"#, ["a"]).whole)
        #expect(!scan(#"["a"]"#, ["a"]).whole)  // not an object
        #expect(!scan(#"{"con\u0074ent":"x"}"#, ["content"]).whole)  // an escaped key
        #expect(scan(" {\"a\" :\t1 }\r\n", ["a"]).whole)
    }
}
