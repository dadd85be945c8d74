from django.apps import AppConfig
from django.conf import settings
from PIL import Image


class LibConfig(AppConfig):
    name = "lib"
    verbose_name = "Thư viện dùng chung"

    def ready(self):
        # Pillow's own bomb guard (a warning above, an error at twice the limit) agrees with
        # the upload checks' pixel budget, so no code path decodes past it.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
