"""``theodoi api-token create --agency <id> --name ...`` | ``list [--agency <id>]`` | ``revoke <id>``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from theodoi.api import token_cache
from theodoi.api.models import ApiToken
from theodoi.api.services import api_token_create, api_token_revoke
from theodoi.directory.models import Agency


class Command(BaseCommand):
    help = "Cấp, liệt kê, thu hồi mã truy cập API của một cơ quan."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Cấp mã mới (mã chỉ hiện một lần).")
        create.add_argument("--agency", type=int, required=True, help="Mã (id) cơ quan.")
        create.add_argument("--name", required=True, help="Tên: dùng cho hệ thống nào.")
        listing = sub.add_parser("list", help="Liệt kê các mã.")
        listing.add_argument("--agency", type=int)
        revoke = sub.add_parser("revoke", help="Thu hồi một mã.")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            agency = Agency.objects.filter(pk=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan mã {options['agency']}.")
            try:
                created = api_token_create(agency=agency, name=options["name"])
            except ValidationError as e:
                raise CommandError("; ".join(e.messages)) from e
            self.stdout.write(f"Đã cấp mã #{created.token.pk} cho {agency} ({created.token.name}).")
            self.stdout.write("Mã truy cập (chỉ hiện một lần, hãy lưu lại ngay):")
            self.stdout.write(created.secret)
        elif action == "list":
            rows = ApiToken.objects.select_related("agency")
            if options.get("agency"):
                rows = rows.filter(agency_id=options["agency"])
            for t in rows:
                state = "đã thu hồi" if t.revoked_at else "đang dùng"
                self.stdout.write(f"#{t.pk}\t{t.prefix}…\t{t.agency}\t{t.name}\t{state}")
        else:
            token = ApiToken.objects.filter(pk=options["token_id"]).first()
            if token is None:
                raise CommandError(f"Không có mã truy cập #{options['token_id']}.")
            api_token_revoke(token=token)
            wait = token_cache.seconds()
            self.stdout.write(
                f"Đã thu hồi mã #{token.pk}."
                + (f" Máy chủ đang chạy từ chối mã này chậm nhất sau {wait:g} giây." if wait > 0 else "")
            )
