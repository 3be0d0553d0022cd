"""Reads .eml files with Python's email package and prints what a mail
program would show, as JSON: the decoded headers, the text and HTML
bodies and each attachment's name, type and SHA-256.

Usage: python3 parse_eml.py FILE...
"""
import email
import email.policy
import hashlib
import json
import sys


def parse(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    out = {
        "defects": [type(d).__name__ for d in msg.defects],
        "from": [[a.display_name, a.addr_spec] for a in msg["from"].addresses],
        "reply_to": [[a.display_name, a.addr_spec] for a in msg["reply-to"].addresses],
        "to": [[a.display_name, a.addr_spec] for a in msg["to"].addresses],
        "subject": str(msg["subject"]),
        "x_unsent": msg.get("x-unsent"),
        "message_id": msg.get("message-id"),
        "date": msg.get("date"),
        "content_type": msg.get_content_type(),
        "text": None,
        "html": None,
        "attachments": [],
    }
    body = msg.get_body(preferencelist=("plain",))
    if body is not None:
        out["text"] = body.get_content()
    body = msg.get_body(preferencelist=("html",))
    if body is not None:
        out["html"] = body.get_content()
    for part in msg.iter_attachments():
        data = part.get_payload(decode=True)
        out["attachments"].append({
            "filename": part.get_filename(),
            "name": part.get_param("name"),
            "content_type": part.get_content_type(),
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        })
    for part in msg.walk():
        out["defects"] += [type(d).__name__ for d in part.defects]
    return out


if __name__ == "__main__":
    json.dump([parse(p) for p in sys.argv[1:]], sys.stdout, ensure_ascii=False)
