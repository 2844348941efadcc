from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "theodoi.api"
    verbose_name = "API"
