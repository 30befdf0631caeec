#!/usr/bin/env python3
"""Times a Lambda bootstrap's cold start locally: a stand-in Runtime API on 127.0.0.1 hands it one
event; the time from starting the process to its first answer (response or error) is printed in ms.

Usage: lambda-cold-start.py <bootstrap> <event json> [KEY=VALUE ...]   (extra environment; "{api}"
in a value becomes the stand-in's address, which also answers any other POST as an AWS service that
knows no such resource)
"""
import http.server, os, subprocess, sys, threading, time

bootstrap, event = sys.argv[1], sys.argv[2].encode()
answered = threading.Event()
served = []


class RuntimeAPI(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if served:
            answered.wait(30)
            self.send_response(204)
            self.end_headers()
            return
        served.append(1)
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", "cold-start")
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int((time.time() + 30) * 1000)))
        self.send_header("Content-Length", str(len(event)))
        self.end_headers()
        self.wfile.write(event)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if not self.path.startswith("/2018-06-01/"):
            answer = b'{"__type":"ResourceNotFoundException","message":"no such resource in the stand-in"}'
            self.send_response(400)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return
        self.send_response(202)
        self.end_headers()
        print(f"{self.path} {self.headers.get('Lambda-Runtime-Function-Error-Type', '')} {body[:200].decode(errors='replace')}", file=sys.stderr)
        answered.set()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RuntimeAPI)
threading.Thread(target=server.serve_forever, daemon=True).start()
api = f"127.0.0.1:{server.server_address[1]}"
environment = dict(os.environ, AWS_LAMBDA_RUNTIME_API=api)
environment.update({key: value.replace("{api}", api) for key, value in (pair.split("=", 1) for pair in sys.argv[3:])})
start = time.monotonic()
process = subprocess.Popen([bootstrap], env=environment)
ok = answered.wait(30)
elapsed = (time.monotonic() - start) * 1000
process.terminate()
process.wait(10)
server.shutdown()
if not ok:
    sys.exit("no answer within 30 s")
print(f"{elapsed:.0f}")
