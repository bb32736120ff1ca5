#!/usr/bin/python3
"""A real SMTP server for tests: stores each accepted message as a file in a spool dir.

Run with /usr/bin/python3 (Debian's aiosmtpd is not in other interpreters):
    smtp_sink.py --host 127.0.0.1 --port N --spool DIR [--workers K]
Prints "ready PORT" once listening (PORT is the bound one, useful with --port 0).
With --workers K (for benchmarks), K processes accept on the one listening socket, so the
sink is not capped at one core; file names then carry the worker number, and the numbering
is per worker.

Failure controls, by recipient local part, so tests can exercise mail errors:
    reject550*    -> 550 5.1.1 at RCPT (permanent)
    tempfail451*  -> 451 4.3.0 at RCPT (temporary)
"""
import argparse
import asyncio
import logging
import os
import re
import signal
import socket
import uuid

from aiosmtpd.smtp import SMTP

EOL = b"\r\n"


class SpoolHandler:
    def __init__(self, spool, tag=""):
        self.spool = spool
        self.tag = tag
        self.tmp = os.path.join(spool, "tmp")
        os.makedirs(self.tmp, exist_ok=True)
        # Continue numbering after existing files so a restarted sink keeps the order.
        nums = [int(m.group(1)) for f in os.listdir(spool) if (m := re.match(r"(\d+)-", f))]
        self.counter = max(nums, default=0)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject550"):
            return "550 5.1.1 mailbox unavailable"
        if local.startswith("tempfail451"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.counter += 1
        name = f"{self.counter:08d}-{self.tag}{uuid.uuid4()}.eml"
        head = (
            b"X-Envelope-From: " + envelope.mail_from.encode() + EOL
            + b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + EOL
        )
        tmp = os.path.join(self.tmp, name)
        # Write then rename, so a reader never sees a half-written message.
        with open(tmp, "wb") as f:
            f.write(head + envelope.original_content)
        os.rename(tmp, os.path.join(self.spool, name))
        return "250 OK queued"


async def serve(sock, handler, announce):
    loop = asyncio.get_running_loop()
    # A fixed hostname avoids a DNS lookup (getfqdn) per connection.
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink", enable_SMTPUTF8=True), sock=sock)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if announce:
        print(f"ready {sock.getsockname()[1]}", flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--spool", required=True)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()

    sock = socket.create_server((args.host, args.port), backlog=128)
    sock.setblocking(False)
    children = []
    for worker in range(1, args.workers):
        pid = os.fork()
        if pid == 0:
            asyncio.run(serve(sock, SpoolHandler(args.spool, f"w{worker}-"), announce=False))
            os._exit(0)
        children.append(pid)
    tag = "w0-" if args.workers > 1 else ""
    try:
        asyncio.run(serve(sock, SpoolHandler(args.spool, tag), announce=True))
    finally:
        for pid in children:
            os.kill(pid, signal.SIGTERM)
        for pid in children:
            os.waitpid(pid, 0)


if __name__ == "__main__":
    # No per-message logging: it would cap throughput well below aiosmtpd's own limit.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    main()
