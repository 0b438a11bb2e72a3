/// Units of stored values. Storage is SI; conversions happen only when printing.
public enum MetricUnit: String, Codable, Sendable, CaseIterable {
    case seconds = "s"
    case secondsPerToken = "s/token"
    case tokensPerSecond = "tok/s"
    case requestsPerSecond = "req/s"
    case tokens = "tokens"
    case bytes = "B"
    case joules = "J"
    case watts = "W"
    case celsius = "°C"
    case hertz = "Hz"
    case ratio = "ratio"
    case percent = "%"
    case joulesPerToken = "J/token"
    case tokensPerJoule = "tok/J"
    case tokensPerSecondPerWatt = "tok/s/W"
}
