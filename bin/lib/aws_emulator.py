"""An AWS emulator (moto) on a free loopback port, for the emulator tests and the benchmarks.

Binds port 0 itself (so no other process can take the port between a probe and the bind), prints its
endpoint on one line (http://127.0.0.1:PORT) and serves until it is terminated.
Run through the project's Python: .tools/python/bin/python bin/lib/aws_emulator.py
"""
import signal
import sys

from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
print(f"http://{host}:{port}", flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
server.stop()
sys.exit(0)
