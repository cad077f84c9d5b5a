"""The verifier: checks a dossier PDF from the file alone (``checks``), reports what holds
and what does not (``report``), for ``manage.py verify_pdf`` and the public page
``/<lang>/verifier/`` (``evidence.views.verifier``), whose upload ``upload`` limits."""
