/// In run.json as a plan's `power:` item says it: `{"manual": 6.4, "boundary": "wall_ac"}`,
/// `{"command": "meter --watts", "boundary": "board_dc"}`, `{"plug": {"kind": "tasmota", "url": "http://…"}}`.
extension PowerSourceSpec: Codable {
    enum CodingKeys: String, CodingKey { case manual, command, plug, boundary }
    enum PlugKeys: String, CodingKey { case kind, url }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.plug) {
            let plug = try c.nestedContainer(keyedBy: PlugKeys.self, forKey: .plug)
            self = .plug(try plug.decode(SmartPlugKind.self, forKey: .kind), url: try plug.decode(String.self, forKey: .url))
            return
        }
        let boundary = try c.decode(MeasurementBoundary.self, forKey: .boundary)
        if let watts = try c.decodeIfPresent(Double.self, forKey: .manual) {
            self = .manual(watts: watts, boundary: boundary)
        } else if let command = try c.decodeIfPresent(String.self, forKey: .command) {
            self = .command(command, boundary: boundary)
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath, debugDescription: "a power source needs 'manual', 'command' or 'plug'"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .manual(let watts, let boundary):
            try c.encode(watts, forKey: .manual)
            try c.encode(boundary, forKey: .boundary)
        case .command(let command, let boundary):
            try c.encode(command, forKey: .command)
            try c.encode(boundary, forKey: .boundary)
        case .plug(let kind, let url):
            var plug = c.nestedContainer(keyedBy: PlugKeys.self, forKey: .plug)
            try plug.encode(kind, forKey: .kind)
            try plug.encode(url, forKey: .url)
        }
    }
}
