from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "theodoi.evaluation"
    verbose_name = "Đánh giá"
