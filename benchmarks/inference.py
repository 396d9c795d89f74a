"""Raw model inference, in a process of its own: `python -m benchmarks.inference THREADS`.

Timed on the texts the pipeline benchmark's worker checks (benchmarks.pipeline_posts),
so that its overhead over raw inference compares like with like.

Prints one JSON line: single-post p50/p95 (ms) one after another and at 10 posts a
second, and batch-of-32 posts/s. No Django:
the classifier is pure Python, loaded as the worker loads it.
"""

import json
import statistics
import sys
import time

from benchmarks.pipeline_posts import checked_text
from moderation.classifier.assessment import Classifier
from moderation.classifier.embeddings import Embedder
from moderation.classifier.head import head_load

SINGLE_RUNS = 200
# The same posts one at a time at the pipeline benchmark's pace, 10 a second, with the
# process idle in between as the worker is: its caches have gone cold by the next post.
PACED_RUNS, PACED_GAP_S = 100, 0.1
BATCH = 32
BATCH_RUNS = 10


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(threads: int) -> dict:
    started = time.perf_counter()
    classifier = Classifier(head_load(None), Embedder(threads=threads).load())
    load_s = time.perf_counter() - started
    classifier.assess([checked_text(n) for n in range(8)])  # warm up
    single = []
    for n in range(SINGLE_RUNS):
        begun = time.perf_counter()
        classifier.assess([checked_text(n)])
        single.append((time.perf_counter() - begun) * 1000)
    paced = []
    for n in range(PACED_RUNS):
        time.sleep(PACED_GAP_S)
        begun = time.perf_counter()
        classifier.assess([checked_text(n)])
        paced.append((time.perf_counter() - begun) * 1000)
    batch = [checked_text(n) for n in range(BATCH)]
    begun = time.perf_counter()
    for _ in range(BATCH_RUNS):
        classifier.assess(batch)
    per_second = BATCH * BATCH_RUNS / (time.perf_counter() - begun)
    return {
        "threads": threads,
        "load_s": round(load_s, 2),
        "p50_ms": round(statistics.median(single), 2),
        "p95_ms": round(_percentile(single, 0.95), 2),
        "batch_posts_per_s": round(per_second, 1),
        "paced_p50_ms": round(statistics.median(paced), 2),
        "paced_p95_ms": round(_percentile(paced, 0.95), 2),
    }


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
