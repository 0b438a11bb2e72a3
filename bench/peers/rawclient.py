#!/usr/bin/env python3
"""The floor: a minimal raw-socket HTTP/1.1 streaming client (standard library only).

For each request it opens a TCP connection, reads CLOCK_MONOTONIC right before sending the POST,
and stamps every received SSE event that carries token text with CLOCK_MONOTONIC at the recv()
that completed it. It does nothing else (no JSON parsing of token chunks, no tokenizer), so its
timing error and CPU cost are the least any client in Python can have.

Writes one JSON line per request: {"start_mono_ns", "token_mono_ns": [...]}.
"""
import argparse
import json
import socket
import time
from urllib.parse import urlsplit


def one_request(host, port, path, body):
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Accept: text/event-stream\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    stamps = []
    monotonic_ns = time.monotonic_ns
    start = monotonic_ns()
    sock.sendall(head + body)
    buf = b""
    headers_done = False
    chunked = False
    body_buf = b""      # de-chunked body bytes not yet split into events
    chunk_left = 0      # bytes left in the current HTTP chunk
    done = False
    while not done:
        data = sock.recv(65536)
        now = monotonic_ns()
        if not data:
            break
        buf += data
        if not headers_done:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                continue
            status = buf[:buf.find(b"\r\n")]
            if b" 200" not in status:
                raise SystemExit(f"rawclient: server answered {status.decode(errors='replace')}")
            chunked = b"transfer-encoding: chunked" in buf[:end].lower()
            buf = buf[end + 4:]
            headers_done = True
        if chunked:
            while buf:
                if chunk_left == 0:
                    line_end = buf.find(b"\r\n")
                    if line_end < 0:
                        break
                    size = int(buf[:line_end].split(b";")[0], 16)
                    if size == 0:
                        done = True
                        break
                    chunk_left = size + 2  # data plus its trailing CRLF
                    buf = buf[line_end + 2:]
                take = buf[:chunk_left]
                buf = buf[len(take):]
                body_buf += take[:max(0, chunk_left - 2)]  # the chunk's data, not its trailing CRLF
                chunk_left -= len(take)
        else:
            body_buf += buf
            buf = b""
        while True:
            end = body_buf.find(b"\n\n")
            if end < 0:
                break
            event = body_buf[:end]
            body_buf = body_buf[end + 2:]
            if event.startswith(b"data: [DONE]"):
                done = True
                break
            # A token event carries non-empty text ("text":"…" or "content":"…"); the finish chunk has "".
            if b'"text":"' in event and b'"text":""' not in event or b'"content":"' in event and b'"content":""' not in event:
                stamps.append(now)
    sock.close()
    return {"start_mono_ns": start, "token_mono_ns": stamps}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", required=True, help="server base URL, e.g. http://127.0.0.1:8080")
    p.add_argument("--path", default="/v1/completions")
    p.add_argument("--model", default="scripted-model")
    p.add_argument("--requests", type=int, default=5)
    p.add_argument("--max-tokens", type=int, default=64)
    p.add_argument("--out", required=True, help="JSON lines, one per request")
    a = p.parse_args()
    u = urlsplit(a.url)
    body = json.dumps({"model": a.model, "prompt": "Hello, how are you today?", "max_tokens": a.max_tokens,
                       "stream": True}).encode()
    with open(a.out, "w") as out:
        for _ in range(a.requests):
            rec = one_request(u.hostname, u.port, a.path, body)
            # Timestamps only: the output is written after each stream, off the timed path.
            out.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
