import AsyncHTTPClient
import Foundation
import NIOCore

/// One GET through the HTTP client the engines use (AsyncHTTPClient's shared client: no lifecycle to
/// manage for a source that lives as long as a run). It blocks its caller, which is right here: the
/// sampler calls `read()` from its own thread, never an event loop's, so waiting on the future is safe.
enum PlugHTTP {
    static func get(_ url: URL, timeout: TimeInterval) throws(SmartPlugError) -> String {
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url.absoluteString)
        } catch {
            throw .badURL(url.absoluteString)
        }
        let response: HTTPClient.Response
        do {
            response = try HTTPClient.shared.execute(
                request: request, deadline: .now() + .milliseconds(Int64(timeout * 1000))
            ).wait()
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw .unreachable(url: url.absoluteString, reason: "no answer within \(timeout) s")
        } catch {
            throw .unreachable(url: url.absoluteString, reason: String(describing: error))
        }
        guard (200..<300).contains(response.status.code) else {
            throw .httpStatus(url: url.absoluteString, status: Int(response.status.code))
        }
        return response.body.map { String(buffer: $0) } ?? ""
    }
}
