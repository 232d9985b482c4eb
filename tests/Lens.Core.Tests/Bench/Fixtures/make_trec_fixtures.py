#!/usr/bin/env python3
"""Makes the trec_eval reference fixtures for TrecEvalAgreementTests.

Run from this folder:  python3 make_trec_fixtures.py ../../../../../shared/tools/trec_eval
Each case writes CASE.qrels and CASE.run (generated here, deterministically) and CASE.trec_eval, the output of
  trec_eval -q -m map -m recip_rank -m P.1,5,10 -m recall.10,50 -m ndcg_cut.5,10,20 CASE.qrels CASE.run
from trec_eval 10.0. The tests read all three and never run trec_eval or Python.
"""
import random
import subprocess
import sys

TREC_EVAL = sys.argv[1] if len(sys.argv) > 1 else "trec_eval"
MEASURES = ["-m", "map", "-m", "recip_rank", "-m", "P.1,5,10", "-m", "recall.10,50", "-m", "ndcg_cut.5,10,20"]


def write(case, qrels, run):
    with open(f"{case}.qrels", "w") as f:
        for qid, doc, rel in qrels:
            f.write(f"{qid} 0 {doc} {rel}\n")
    with open(f"{case}.run", "w") as f:
        for rank, (qid, doc, score) in enumerate(run, 1):
            f.write(f"{qid} Q0 {doc} {rank} {score} lens\n")
    done = subprocess.run([TREC_EVAL, "-q", *MEASURES, f"{case}.qrels", f"{case}.run"], capture_output=True, text=True)
    # trec_eval 10.0-rc3 stops with exit 4 and no "all" lines when the qrels name a query the run lacks (it prints
    # "result qid '...' not found in qrels"); that case keeps its per-query lines only, and says so in its name.
    if done.returncode != 0 and not case.endswith("-perquery"):
        raise SystemExit(f"{case}: trec_eval exited {done.returncode}: {done.stderr}")
    with open(f"{case}.trec_eval", "w") as f:
        f.write(done.stdout)


def graded(rng, levels, queries, docs, judged_share, run_len, tie_grid=None, prefix="q"):
    qrels, run = [], []
    for q in range(queries):
        qid = f"{prefix}{q}"
        pool = [f"D{q}-{d}" for d in range(docs)]
        for doc in pool:
            if rng.random() < judged_share:
                qrels.append((qid, doc, rng.choice(levels)))
        for doc in rng.sample(pool, min(run_len, len(pool))):
            score = rng.random()
            if tie_grid:
                score = round(score * tie_grid) / tie_grid
            run.append((qid, doc, f"{score:.4f}"))
    return qrels, run


def main():
    rng = random.Random(20261129)
    # Graded judgments 0..3 with unjudged documents in the run.
    write("graded", *graded(rng, [0, 1, 2, 3], 40, 60, 0.5, 40))
    # Binary judgments.
    write("binary", *graded(rng, [0, 1], 40, 60, 0.6, 40))
    # Scores on a coarse grid: many ties, broken by docno.
    write("ties", *graded(rng, [0, 1, 2], 30, 40, 0.7, 30, tie_grid=4))
    # Queries judged with nothing relevant, queries with no judged document retrieved, run-only and qrels-only queries,
    # and a negative judgment.
    qrels, run = graded(rng, [0, 1, 2], 10, 30, 0.5, 20)
    qrels += [("norel1", "a", 0), ("norel1", "b", 0), ("unretrieved", "zz", 2), ("neg", "n1", -1), ("neg", "n2", 1)]
    run += [("norel1", "a", "2.0"), ("norel1", "c", "1.0"), ("unretrieved", "y1", "1.0"), ("unretrieved", "y2", "0.5"),
            ("runonly", "r1", "3.0"), ("neg", "n1", "2.0"), ("neg", "n2", "1.0")]
    write("edges", qrels, run)
    # A query only in the qrels: trec_eval 10.0-rc3 evaluates the others and then fails (see write()).
    write("qrelsonly-perquery", qrels + [("qrelsonly", "x", 1)], run)
    # A large random set: graded, some ties, long runs.
    write("large", *graded(rng, [0, 0, 1, 1, 2, 3], 500, 200, 0.3, 120, tie_grid=200))


if __name__ == "__main__":
    main()
