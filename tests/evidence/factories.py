"""Real rows and real files for the evidence tests."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageDraw

from evidence.models import Platform
from evidence.services import dossiers as dossier_services
from evidence.services import exhibits as exhibit_services

PASSWORD = "correct horse battery staple 42"


def make_user(django_user_model, username):
    return django_user_model.objects.create_user(username, password=PASSWORD)


def make_dossier(owner, title="Mon dossier"):
    return dossier_services.create_dossier(owner=owner, title=title)


def png_bytes(size=(390, 844), color=(240, 240, 245), text="Message"):
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 40, size[0] - 20, 120), fill=(30, 120, 220))
    draw.text((30, 60), text, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(1200, 900), exif=None):
    image = Image.new("RGB", size, (200, 180, 160))
    ImageDraw.Draw(image).ellipse((100, 100, 400, 400), fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def located_photo(taken="2026:10:03 14:22:10"):
    """A phone photo whose EXIF holds where (Lyon) and when it was taken."""
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (45.0, 45.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 50.0, 10.0),
    }
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    return jpeg_bytes(exif=exif)


def upload(data, name="capture.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def details(**overrides):
    values = {
        "occurred_on": datetime.date(2026, 10, 3),
        "occurred_time": None,
        "platform": Platform.SNAPCHAT,
        "platform_other": "",
        "author_name": "@harceleur",
        "author_profile_url": "",
        "content_url": "",
        "description": "",
    }
    values.update(overrides)
    return values


def add_image(dossier, **overrides):
    return exhibit_services.add_file_exhibit(
        dossier=dossier,
        actor=dossier.owner,
        uploaded_file=upload(png_bytes()),
        details=details(**overrides),
    )


def make_complaint(dossier, **overrides):
    """A complaint complete enough for the PDF: an adult victim writing to the prosecutor."""
    from evidence.models import Complaint

    values = {
        "last_name": "Martin",
        "first_names": "Alice",
        "date_of_birth": datetime.date(1990, 5, 17),
        "place_of_birth": "Lyon",
        "address": "12 rue des Lilas\n69003 Lyon",
        "recipient": Complaint.Recipient.PROSECUTOR,
        "recipient_town": "Lyon",
        "authors_known": False,
        "facts": "Depuis septembre, des messages insultants chaque jour.",
        "signed_in_town": "Lyon",
    }
    values.update(overrides)
    complaint, _created = Complaint.objects.update_or_create(dossier=dossier, defaults=values)
    dossier.complaint = complaint  # the dossier object may have cached an older one
    return complaint


def add_file(dossier, data, name, content_type, **overrides):
    return exhibit_services.add_file_exhibit(
        dossier=dossier,
        actor=dossier.owner,
        uploaded_file=upload(data, name, content_type),
        details=details(**overrides),
    )


def add_message(dossier, text, **overrides):
    return exhibit_services.add_message_exhibit(
        dossier=dossier, actor=dossier.owner, text=text, details=details(**overrides)
    )


def add_link(dossier, url, **overrides):
    return exhibit_services.add_link_exhibit(
        dossier=dossier, actor=dossier.owner, details=details(content_url=url, **overrides)
    )


def make_signalement(dossier, author, **overrides):
    """A staff member's report to the prosecutor, complete enough for the PDF."""
    from evidence.models import Signalement

    values = {
        "staff_name": "Claire Durand",
        "function": "Conseillère principale d'éducation",
        "establishment": "Collège Jean Moulin",
        "establishment_address": "1 place de la République\n69001 Lyon",
        "pupil_name": "Alice Martin",
        "pupil_class": "4e B",
        "pupil_date_of_birth": datetime.date(2012, 3, 9),
        "reported_on": datetime.date(2026, 11, 20),
        "facts": "Alice m'a montré des messages reçus sur Snapchat depuis la rentrée.",
        "recipient_town": "Lyon",
        "signed_in_town": "Lyon",
    }
    values.update(overrides)
    signalement, _created = Signalement.objects.update_or_create(
        dossier=dossier, author=author, defaults=values
    )
    return signalement


def make_helper(dossier, helper, scope, *, role="CPE", establishment="Collège Jean Moulin"):
    """``helper`` invited by the dossier's owner, and accepting: the real invitation path."""
    from evidence.sharing import grants

    _invitation, code = grants.invite_helper(dossier=dossier, actor=dossier.owner, scope=scope)
    return grants.accept_invitation(
        code=code, helper=helper, role=role, establishment=establishment
    )
