from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "theodoi.directory"
    verbose_name = "Danh mục đơn vị hành chính và cơ quan"
