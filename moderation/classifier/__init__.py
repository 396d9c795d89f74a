"""The risk classifier: rules, MiniLM embeddings and a trained head. Pure Python, no
Django. The entry point is `moderation.classifier.assessment.assess`, shared by the
live pipeline and `manage.py moderation_classify`; `assess_rules_only` is the check
when the model cannot run. Nothing here loads torch or the model at import time.
"""
