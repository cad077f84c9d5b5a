"""Ingest time per file: hash + display copy + thumbnail (``evidence.ingest.inspect_upload``).

Measures a 12-megapixel phone photo (JPEG, and HEIC when the encoder exists) and a phone
screenshot (PNG 1170×2532), against a naive Pillow pipeline measured in the same run
(full-resolution decode, exif_transpose, LANCZOS to 1600 and to 320 from the full image).
Target: under 150 ms per 12 MP photo.

Run with ``make bench`` (every bench module) or ``python -m bench.bench_ingest``.
"""

import hashlib
import io
import random
import statistics
import time

from bench.common import in_temporary_data_dir, setup_django

TARGET_MS = 150
RUNS = 15
WARMUP = 2
PHOTO_SIZE = (4032, 3024)  # 12 MP, as a recent phone camera


def _photo_image():
    """A photo-like picture: soft shapes and gradients under sensor-like noise."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = PHOTO_SIZE
    rng = random.Random(2026)
    base = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(PHOTO_SIZE),
            Image.radial_gradient("L").resize(PHOTO_SIZE),
            Image.linear_gradient("L").rotate(90).resize(PHOTO_SIZE),
        ),
    )
    draw = ImageDraw.Draw(base)
    for _ in range(60):
        x, y, side = rng.randrange(width), rng.randrange(height), rng.randrange(80, 900)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + side, y + side * 0.7), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(6))
    noise = Image.merge("RGB", [Image.effect_noise(PHOTO_SIZE, 30) for _ in range(3)])
    return Image.blend(base, noise, 0.3)


def _phone_exif():
    """EXIF as a phone writes it: portrait photo stored landscape (Orientation 6), GPS."""
    from PIL import ExifTags, Image

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Apple"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
    return exif


def make_samples():
    """[(label, file bytes, is_photo)], built once per run."""
    import pillow_heif
    from django.utils import timezone

    from evidence.management.demo import conversation_screenshot

    photo = _photo_image()
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=92, exif=_phone_exif())
    samples = [("12 MP photo, JPEG", buffer.getvalue(), True)]
    screenshot = conversation_screenshot(
        random.Random(7), author="Lucas M.", handle="@lucas.mrtn_08", when=timezone.now()
    )
    samples.append(("Screenshot 1170×2532, PNG", screenshot, False))
    pillow_heif.register_heif_opener()
    if pillow_heif.libheif_info().get("HEIF"):
        buffer = io.BytesIO()
        # About 3 MB, like a 12 MP iPhone HEIC (takes some seconds to encode).
        photo.save(buffer, format="HEIF", quality=50, exif=_phone_exif())
        samples.append(("12 MP photo, HEIC", buffer.getvalue(), True))
    else:
        samples.append(("12 MP photo, HEIC", None, True))
    return samples


def naive_pipeline(data):
    """The obvious way: decode everything, then resize twice from the full image."""
    from PIL import Image, ImageOps

    hashlib.sha256(data).hexdigest()
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    image = image.convert("RGB")
    outputs = []
    for side in (1600, 320):
        copy = image.copy()
        copy.thumbnail((side, side), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "JPEG", quality=80)
        outputs.append(buffer.getvalue())
    return outputs


def decode_only(data):
    """The floor: reading every pixel once at full resolution, nothing else."""
    from PIL import Image

    Image.open(io.BytesIO(data)).load()


def timings_ms(function, runs=RUNS, warmup=WARMUP):
    for _ in range(warmup):
        function()
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        values.append((time.perf_counter() - start) * 1000)
    return values


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main():
    return in_temporary_data_dir(_run, prefix="cyberaide-bench-")


def _run(data_dir):
    setup_django(data_dir)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evidence.ingest.files import inspect_upload

    print(f"Ingest (hash + display copy + thumbnail): median and p95 of {RUNS} runs")
    print("naive = full decode, exif_transpose, LANCZOS to 1600 and 320 from the full image")
    print("decode = full-resolution decode alone, for reference")
    print(
        f"{'file':<28}{'size':>8}{'median':>10}{'p95':>10}{'naive':>10}{'ratio':>8}{'decode':>10}"
    )
    photos = []
    for label, data, is_photo in make_samples():
        if data is None:
            print(f"{label:<28}  skipped: pillow-heif has no HEIF encoder in this build")
            continue
        inspected = inspect_upload(SimpleUploadedFile("sample", data))
        assert inspected.display and inspected.thumbnail, label
        ours = timings_ms(lambda data=data: inspect_upload(SimpleUploadedFile("sample", data)))
        naive = statistics.median(timings_ms(lambda data=data: naive_pipeline(data)))
        decode = statistics.median(timings_ms(lambda data=data: decode_only(data), runs=5))
        median = statistics.median(ours)
        if is_photo:
            photos.append((label, median, decode))
        print(
            f"{label:<28}{len(data) / 1e6:>6.1f}MB{median:>8.1f}ms{p95(ours):>8.1f}ms"
            f"{naive:>8.1f}ms{naive / median:>7.2f}×{decode:>8.1f}ms"
        )
    print(f"Target: under {TARGET_MS} ms per 12 MP photo (median)")
    for label, median, decode in photos:
        verdict = "PASS" if median < TARGET_MS else "FAIL"
        floor = f" (decoding the file alone takes {decode:.0f} ms)" if decode >= TARGET_MS else ""
        print(f"  {label:<26}{median:>8.1f} ms  {verdict}{floor}")
    return all(median < TARGET_MS for _, median, _ in photos)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
