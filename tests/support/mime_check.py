#!/usr/bin/python3
"""Parses mail that the SMTP sink received, with Python's own MIME parser, for the C++ tests.

    mime_check.py FILE...      (or a directory: every *.eml in it, sorted)

Prints one JSON object: {"messages": [...]} where each message has the envelope (from the
sink's X-Envelope-* lines), the decoded headers (subject, from, to with display names
decoded from RFC 2047), every leaf part (content type, charset, transfer encoding, decoded
text; for an image its Content-ID, disposition, size and whether it is a whole PNG), the MIME
tree as `structure`, the parsed calendar attachment (properties of the VEVENT, with DTSTART/DTEND turned
into UTC using the TZID's zone), and `problems`: everything that breaks the rules the tests
check (bare LF or CR, lines over 998 octets, body lines over 76, parser defects, a header
split by a raw line break, a malformed calendar).
"""
import email
import email.policy
import json
import os
import sys
import zlib
from datetime import datetime, timezone
from email.header import decode_header, make_header
from zoneinfo import ZoneInfo


def decoded(value):
    if value is None:
        return None
    return str(make_header(decode_header(str(value))))


def raw_problems(raw):
    problems = []
    head, _, body = raw.partition(b"\r\n\r\n")
    for i, line in enumerate(raw.split(b"\r\n")):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {i + 1}: bare CR or LF")
        if len(line) > 998:
            problems.append(f"line {i + 1}: {len(line)} octets > 998")
    for i, line in enumerate(body.split(b"\r\n")):
        if len(line) > 76:
            problems.append(f"body line {i + 1}: {len(line)} octets > 76")
    # Every header line is "Name: value" or a continuation starting with white space.
    for line in head.split(b"\r\n"):
        if line and not line[:1].isspace() and b":" not in line:
            problems.append(f"header line without a name: {line[:60]!r}")
    return problems


def unfold_ics(text):
    lines = []
    for line in text.split("\r\n"):
        if line.startswith((" ", "\t")) and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


TEXT_PROPERTIES = ("SUMMARY", "LOCATION", "DESCRIPTION")


def unescape_text(value):
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_ics(data, problems):
    if b"\n" in data.replace(b"\r\n", b""):
        problems.append("ics: bare LF")
    for raw in data.split(b"\r\n"):
        if len(raw) > 75:
            problems.append(f"ics: line of {len(raw)} octets > 75")
    text = data.decode("utf-8")
    stack, event, zones = [], {}, []
    for line in unfold_ics(text):
        name_params, sep, value = line.partition(":")
        if not sep:
            problems.append(f"ics: no colon in {line[:40]!r}")
            continue
        name, *params = name_params.split(";")
        params = dict(p.split("=", 1) for p in params if "=" in p)
        if name == "BEGIN":
            stack.append(value)
        elif name == "END":
            if not stack or stack.pop() != value:
                problems.append(f"ics: END:{value} does not match")
        elif stack and stack[-1] == "VTIMEZONE" and name == "TZID":
            zones.append(value)
        elif stack and stack[-1] == "VEVENT":
            event[name] = unescape_text(value) if name in TEXT_PROPERTIES else value
            if name in ("DTSTART", "DTEND"):
                tzid = params.get("TZID")
                local = datetime.strptime(value, "%Y%m%dT%H%M%S")
                if tzid:
                    local = local.replace(tzinfo=ZoneInfo(tzid))
                    event[name + "_TZID"] = tzid
                else:
                    local = local.replace(tzinfo=timezone.utc)
                event[name + "_UTC"] = local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if stack:
        problems.append(f"ics: unclosed {stack}")
    event["timezones"] = zones
    return event


def png_problem(data):
    """None for a PNG whose chunks all have a good CRC and which ends with IEND."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "no PNG signature"
    at, last = 8, None
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        body = data[at + 4:at + 8 + length]
        crc = int.from_bytes(data[at + 8 + length:at + 12 + length], "big")
        if zlib.crc32(body) != crc:
            return f"bad CRC in {kind!r}"
        last, at = kind, at + 12 + length
    return None if last == b"IEND" and at == len(data) else "not ended by IEND"


def structure(part):
    """The MIME tree as text: multipart/mixed(multipart/alternative(text/plain,...),...)."""
    if not part.is_multipart():
        return part.get_content_type()
    return part.get_content_type() + "(" + ",".join(structure(p) for p in part.iter_parts()) + ")"


def leaf_parts(msg, problems):
    parts, ics = [], None
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        info = {
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "filename": part.get_filename(),
        }
        if part.get_content_type() == "text/calendar":
            ics = parse_ics(payload, problems)
            info["method"] = part.get_param("method")
        if part.get_content_maintype() != "text":
            # An image: where it is shown, and whether it is a whole PNG.
            info["content_id"] = part.get("Content-ID")
            info["disposition"] = part.get_content_disposition()
            info["size"] = len(payload)
            if part.get_content_type() == "image/png":
                info["png_ok"] = png_problem(payload) is None
                if png_problem(payload):
                    problems.append(f"image/png: {png_problem(payload)}")
            parts.append(info)
            continue
        try:
            info["text"] = payload.decode(part.get_content_charset() or "ascii")
        except UnicodeDecodeError:
            problems.append(f"part {info['content_type']}: not valid {info['charset']}")
        parts.append(info)
    return parts, ics


def check(path):
    with open(path, "rb") as f:
        data = f.read()
    envelope = {}
    # The sink prepends X-Envelope-From/To lines; they are not part of the message.
    while data.startswith(b"X-Envelope-"):
        line, _, data = data.partition(b"\r\n")
        key, _, value = line.decode().partition(": ")
        envelope[key] = value
    problems = raw_problems(data)
    msg = email.message_from_bytes(data, policy=email.policy.default)
    for defect in msg.defects:
        problems.append(f"defect: {defect.__class__.__name__}")
    parts, ics = leaf_parts(msg, problems)
    for part in msg.walk():
        for defect in part.defects:
            problems.append(f"part defect: {defect.__class__.__name__}")
    return {
        "file": os.path.basename(path),
        "envelope_from": envelope.get("X-Envelope-From"),
        "envelope_to": envelope.get("X-Envelope-To"),
        "subject": decoded(msg["Subject"]),
        "from": decoded(msg["From"]),
        "to": decoded(msg["To"]),
        "from_address": msg["From"].addresses[0].addr_spec if msg["From"] else None,
        "to_address": msg["To"].addresses[0].addr_spec if msg["To"] else None,
        "to_name": msg["To"].addresses[0].display_name if msg["To"] else None,
        "message_id": msg["Message-ID"],
        "date": msg["Date"],
        "list_unsubscribe": msg["List-Unsubscribe"],
        "list_unsubscribe_post": msg["List-Unsubscribe-Post"],
        "content_type": msg.get_content_type(),
        "structure": structure(msg),
        "header_names": [k for k in msg.keys()],
        "parts": parts,
        "ics": ics,
        "problems": problems,
    }


def main():
    files = []
    for arg in sys.argv[1:]:
        if os.path.isdir(arg):
            files += sorted(os.path.join(arg, f) for f in os.listdir(arg) if f.endswith(".eml"))
        else:
            files.append(arg)
    json.dump({"messages": [check(f) for f in files]}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
