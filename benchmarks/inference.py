"""Raw model inference, in a process of its own: `python -m benchmarks.inference THREADS`.

Prints one JSON line: single-post p50/p95 (ms) one after another and at 10 posts a
second, and batch-of-32 posts/s. No Django:
the classifier is pure Python, loaded as the worker loads it.
"""

import json
import statistics
import sys
import time

from moderation.classifier.assessment import Classifier
from moderation.classifier.embeddings import Embedder
from moderation.classifier.head import head_load

POSTS = [
    "Had a rough day at work but talking to my sister helped a bit.",
    "Does anyone else find it hard to sleep before exams? Any tips?",
    "I've been feeling really low for weeks and I don't know who to tell.",
    "Thank you all for the kind replies yesterday, it meant a lot to me.",
    "My GP suggested trying CBT. Has anyone done it and did it help?",
    "Some days I just want to disappear. Today is one of those days.",
    "Went for a walk by the sea this morning. Small win but I'll take it.",
    "I keep arguing with my mum and then feeling guilty about it afterwards.",
]
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
    classifier.assess(POSTS)  # warm up
    single = []
    for n in range(SINGLE_RUNS):
        begun = time.perf_counter()
        classifier.assess([POSTS[n % len(POSTS)]])
        single.append((time.perf_counter() - begun) * 1000)
    paced = []
    for n in range(PACED_RUNS):
        time.sleep(PACED_GAP_S)
        begun = time.perf_counter()
        classifier.assess([POSTS[n % len(POSTS)]])
        paced.append((time.perf_counter() - begun) * 1000)
    batch = [POSTS[n % len(POSTS)] for n in range(BATCH)]
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
