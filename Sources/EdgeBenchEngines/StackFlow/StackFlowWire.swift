import Foundation

/// StackFlow's wire format: one JSON object per message, each followed by "\n", both directions.
///
/// Requests are written by hand rather than with JSONEncoder because the firmware does not read JSON the
/// way a JSON parser does (llm_sys `select_json_str`, `sample_json_str_get` in StackFlowUtil.cpp):
/// - it cuts the TCP stream into messages by counting every `{` and `}` not preceded by a backslash,
///   inside strings too, so a prompt with an unbalanced brace would desynchronise the whole connection;
/// - it extracts the prompt pieces by scanning for the closing quote not preceded by a backslash, so a
///   piece ending in an escaped backslash (`…\\"`) would run into the next field;
/// - it unescapes only `\n \t \\ \" \r \b` and `\uXXXX` (BMP only: surrogate pairs are mangled).
/// So braces and backslashes in strings go out as `\u007b`, `\u007d`, `\u005c`, other control characters
/// as `\u00XX`, and everything else (emoji included) as raw UTF-8. Keys follow the documented order, `data` last.
enum StackFlowWire {
    /// The LLM unit: `work_id` of setup, and of unit-level error replies.
    static let unit = "llm"
    static let sys = "sys"
    /// Streamed UTF-8 in both directions (`response_format`, `input`, inference `object`).
    static let stream = "llm.utf-8.stream"
    /// The firmware's bounds for `max_token_len`.
    static let maxTokenRange = 1...1023

    static func sys(_ action: String, requestID: String) -> [UInt8] {
        message(requestID: requestID, workID: sys, action: action)
    }

    /// `prompt` is required by the firmware (`config_body.at("prompt")`): without it setup fails with -5.
    static func setup(requestID: String, model: String, maxTokens: Int, systemPrompt: String) -> [UInt8] {
        var data = JSONWriter()
        data.object { object in
            object.field("model") { $0.string(model) }
            object.field("response_format") { $0.string(stream) }
            object.field("input") { $0.string(stream) }
            object.field("enoutput") { $0.raw("true") }
            object.field("max_token_len") { $0.raw(String(maxTokens)) }
            object.field("prompt") { $0.string(systemPrompt) }
        }
        return message(requestID: requestID, workID: unit, action: "setup", object: "llm.setup", data: data)
    }

    static func inference(requestID: String, workID: String, piece: Substring, index: Int, finish: Bool) -> [UInt8] {
        var data = JSONWriter()
        data.object { object in
            object.field("delta") { $0.string(piece) }
            object.field("index") { $0.raw(String(index)) }
            object.field("finish") { $0.raw(finish ? "true" : "false") }
        }
        return message(requestID: requestID, workID: workID, action: "inference", object: stream, data: data)
    }

    static func exit(requestID: String, workID: String) -> [UInt8] {
        message(requestID: requestID, workID: workID, action: "exit")
    }

    private static func message(
        requestID: String, workID: String, action: String, object: String? = nil, data: JSONWriter? = nil
    ) -> [UInt8] {
        var writer = JSONWriter()
        writer.object { message in
            message.field("request_id") { $0.string(requestID) }
            message.field("work_id") { $0.string(workID) }
            message.field("action") { $0.string(action) }
            if let object { message.field("object") { $0.string(object) } }
            if let data { message.field("data") { $0.raw(data.bytes) } }
        }
        writer.bytes.append(0x0A)
        return writer.bytes
    }
}

extension StackFlowWire {
    /// One reply line. Only what the adapter reads; `created` (whole seconds) is ignored.
    struct Reply: Decodable {
        var requestID: String?
        var workID: String?
        var object: String?
        var error: ErrorBody?
        var data: Payload?

        var code: Int { error?.code ?? 0 }
        var message: String { error?.message ?? "" }

        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
            case workID = "work_id"
            case object, error, data
        }
    }

    struct ErrorBody: Decodable {
        var code: Int
        var message: String?
    }

    /// `data` takes several shapes: a stream piece, a string ("None" on control replies, the version on
    /// `sys version`), a list (`sys version2`), or `sys hwinfo`'s object.
    enum Payload: Decodable {
        case piece(StreamPiece)
        case text(String)
        case texts([String])
        case hardware(HardwareBody)
        case other

        init(from decoder: any Decoder) throws {
            if let keyed = try? decoder.container(keyedBy: ProbeKey.self) {
                if keyed.contains(.delta) || keyed.contains(.finish) {
                    self = .piece(try StreamPiece(from: decoder))
                } else if keyed.contains(.temperature) || keyed.contains(.cpuLoad) {
                    self = .hardware(try HardwareBody(from: decoder))
                } else {
                    self = .other
                }
                return
            }
            let single = try decoder.singleValueContainer()
            if let text = try? single.decode(String.self) {
                self = .text(text)
            } else if let texts = try? single.decode([String].self) {
                self = .texts(texts)
            } else {
                self = .other
            }
        }

        private enum ProbeKey: String, CodingKey {
            case delta, finish, temperature
            case cpuLoad = "cpu_loadavg"
        }
    }

    struct StreamPiece: Decodable {
        var delta: String?
        var index: Int?
        var finish: Bool?
    }

    struct HardwareBody: Decodable {
        struct Interface: Decodable {
            var name: String?
            var ip: String?
            var speed: String?
        }

        /// millidegrees Celsius (thermal_zone0)
        var temperature: Double?
        var cpu_loadavg: Double?
        var mem: Double?
        var eth_info: [Interface]?
    }
}

/// Appends JSON text to a byte buffer with the escaping described on `StackFlowWire`.
struct JSONWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func string(_ text: some StringProtocol) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])  // \"
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])  // \n
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])  // \r
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])  // \t
            case 0x08: bytes.append(contentsOf: [0x5C, 0x62])  // \b
            case 0x5C, 0x7B, 0x7D, 0x00..<0x20, 0x7F: unicodeEscape(byte)
            default: bytes.append(byte)  // UTF-8 continuation and lead bytes are ≥ 0x80: copied as they are
            }
        }
        bytes.append(0x22)
    }

    mutating func object(_ body: (inout ObjectWriter) -> Void) {
        // The object writer takes the buffer over and hands it back, so appends never copy it.
        var object = ObjectWriter(writer: self)
        bytes = []
        object.writer.bytes.append(0x7B)
        body(&object)
        object.writer.bytes.append(0x7D)
        self = object.writer
    }

    struct ObjectWriter {
        var writer: JSONWriter
        private var first = true

        init(writer: JSONWriter) { self.writer = writer }

        mutating func field(_ key: String, _ value: (inout JSONWriter) -> Void) {
            if !first { writer.bytes.append(0x2C) }
            first = false
            writer.string(key)
            writer.bytes.append(0x3A)
            value(&writer)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func unicodeEscape(_ byte: UInt8) {
        bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]])
    }
}
