import Foundation

/// Reply lines as the firmware writes them: nlohmann::json's `dump()` (keys sorted, slashes and
/// non-ASCII as they are) plus "\n", with `created` in whole Unix seconds.
public enum StackFlowReplies {
    public static func reply(requestID: String, workID: String, object: String, data: Any, code: Int = 0, message: String = "") -> String {
        line([
            "created": Int(Date().timeIntervalSince1970),
            "data": data,
            "error": ["code": code, "message": message],
            "object": object,
            "request_id": requestID,
            "work_id": workID,
        ])
    }

    /// Control replies and errors carry `object: "None"` and `data: "None"`.
    public static func status(requestID: String, workID: String, code: Int = 0, message: String = "") -> String {
        reply(requestID: requestID, workID: workID, object: "None", data: "None", code: code, message: message)
    }

    public static func piece(requestID: String, workID: String, delta: String, index: Int, finish: Bool) -> String {
        reply(
            requestID: requestID, workID: workID, object: "llm.utf-8.stream",
            data: ["delta": delta, "finish": finish, "index": index])
    }

    /// What tcp_com writes when its brace counting goes below zero: hand-built, and without a newline.
    public static func framingReset() -> String {
        #"{"request_id": "0","work_id": "sys","created": "# + String(Int(Date().timeIntervalSince1970))
            + #","error":{"code":-1, "message":"reace reset"}}"#
    }

    private static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
