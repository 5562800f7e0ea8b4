"""o2o info / o2o secret export|import."""
from __future__ import annotations

from pathlib import Path

from app.cli._common import add_json_arg, add_workspace_arg, ask_passphrase, open_workspace, passphrase_from
from engine.workspace import Workspace


def register(sub) -> None:
    info = sub.add_parser("info", help="schema version, workspace id and row counts")
    info.add_argument("workspace", type=Path, metavar="WORKSPACE")
    add_json_arg(info)
    info.set_defaults(func=cmd_info)

    forms = sub.add_parser("partner-forms", help="which partner hash forms of MACs are stored (mac_md5)")
    add_workspace_arg(forms, create=False)
    forms.add_argument("--enable", action="append", metavar="FORM")
    forms.add_argument("--disable", action="append", metavar="FORM")
    add_json_arg(forms)
    forms.set_defaults(func=cmd_partner_forms)

    secret = sub.add_parser("secret", help="move a workspace's hashing secret between laptops")
    secret_sub = secret.add_subparsers(dest="action", required=True)
    for action, help_text in (("export", "write the secret to FILE, protected by a passphrase"),
                              ("import", "put the secret from FILE into this computer's keyring")):
        p = secret_sub.add_parser(action, help=help_text)
        add_workspace_arg(p, create=False)
        p.add_argument("file", type=Path, metavar="FILE")
        p.add_argument("--secret-passphrase-env", metavar="VAR",
                       help="environment variable holding the secret file's passphrase")
        add_json_arg(p)
        p.set_defaults(func=cmd_secret)


def cmd_partner_forms(args):
    ws, _ = open_workspace(args, create=False)
    with ws:
        forms = set(ws.partner_forms) | set(args.enable or []) - set(args.disable or [])
        forms -= set(args.disable or [])
        if args.enable or args.disable:
            ws.set_partner_forms(forms)
        return 0, {"partner_forms": sorted(ws.partner_forms), "available": list(ws.PARTNER_FORMS),
                   "message": "partner hash forms written for new devices: " + (", ".join(sorted(ws.partner_forms)) or "none")}


def cmd_info(args):
    # read-only: reporting never upgrades (migrates) the file
    return 0, Workspace.inspect(args.workspace)


def cmd_secret(args):
    import os

    if args.secret_passphrase_env:
        passphrase = os.environ.get(args.secret_passphrase_env, "")
    else:
        passphrase = ask_passphrase("Secret file passphrase: ", "--secret-passphrase-env")
    with Workspace.open(args.workspace, passphrase=passphrase_from(args)) as ws:
        if args.action == "export":
            ws.export_secret(args.file, passphrase)
            return 0, {"message": f"secret of workspace {ws.id} written to {args.file}", "file": str(args.file)}
        ws.import_secret(args.file, passphrase)
        return 0, {"message": f"secret installed for workspace {ws.id}; the workspace is writable"}
